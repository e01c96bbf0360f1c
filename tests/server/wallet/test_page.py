"""The page the card's QR opens, `GET /c/{token}`: the card and its Add-to-wallet buttons;
the same "on its way" page for a token we do not know and a card not yet synced; limited
guessing; and the page in a real headless Chromium, screenshotted."""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from pos_app.domain.card import Card
from pos_app.domain.identifiers import format_card_number, new_card_number, new_qr_token
from sync.server import admin
from sync.server.db import write
from tests.server.browser import headless_chromium
from tests.server.conftest import ServerProcess, pair_terminal
from tests.server.wallet.conftest import add_shop

ON_ITS_WAY = "Your card is on its way"


def page(
    server: ServerProcess,
    token: str,
    address: str = "127.0.0.1",
    languages: str = "en-GB,en;q=0.9",
) -> httpx.Response:
    transport = httpx.HTTPTransport(local_address=address)
    with httpx.Client(base_url=server.base_url, timeout=10, transport=transport) as phone:
        return phone.get(f"/c/{token}", headers={"Accept-Language": languages})


def test_the_page_shows_the_card_and_its_wallet_buttons(wallet_server: ServerProcess) -> None:
    shop = add_shop(wallet_server.db_url)
    card = shop.cards[0]
    shown = page(wallet_server, card.qr_token)
    assert shown.status_code == 200
    assert shown.headers["cache-control"] == "no-store"
    assert format_card_number(card.card_number) in shown.text
    assert f"{card.stamp_count % 8} of 8" in shown.text and "Harbour Coffee" in shown.text
    assert "Add to Apple Wallet" in shown.text and "Save to Google Wallet" in shown.text
    with httpx.Client(base_url=wallet_server.base_url, timeout=10) as phone:
        added = phone.get(f"/c/{card.qr_token}/pass.pkpass")
    assert added.status_code == 200
    assert added.headers["content-type"] == "application/vnd.apple.pkpass"
    with zipfile.ZipFile(io.BytesIO(added.content)) as zf:
        assert "signature" in zf.namelist()
    # The access log names the page, never the token that opens it.
    log = wallet_server.log.read_text()
    assert "/c/<token>" in log and card.qr_token not in log


@pytest.mark.parametrize(
    ("languages", "lang", "apple", "google", "stamps"),
    [
        ("de-DE,de;q=0.9,en;q=0.5", "de", "Zu Apple Wallet hinzufügen", "In Google Wallet", "von"),
        ("fr-CH, fr;q=0.9", "fr", "Ajouter à Apple Wallet", "Enregistrer dans Google", "sur"),
        ("es-419,es;q=0.9", "es", "Añadir a Apple Wallet", "Guardar en Google Wallet", "de"),
        ("ja-JP,ja;q=0.9", "en", "Add to Apple Wallet", "Save to Google Wallet", "of"),
    ],
)
def test_the_page_speaks_the_phone_s_language_where_the_terminal_has_it(
    wallet_server: ServerProcess, languages: str, lang: str, apple: str, google: str, stamps: str
) -> None:
    shop = add_shop(wallet_server.db_url)
    card = shop.cards[0]
    shown = page(wallet_server, card.qr_token, languages=languages).text
    assert f'<html lang="{lang}">' in shown
    assert apple in shown and google in shown
    assert f"{card.stamp_count % 8} {stamps} 8" in shown
    waiting = page(wallet_server, new_qr_token(), languages=languages).text
    assert f'<html lang="{lang}">' in waiting


def test_a_card_enrolled_offline_is_on_its_way_until_its_terminal_syncs(
    wallet_server: ServerProcess,
) -> None:
    shop = add_shop(wallet_server.db_url)
    unknown = page(wallet_server, new_qr_token())
    number, token = new_card_number(), new_qr_token()
    waiting = page(wallet_server, token)
    # A guessed token and a card not synced yet: the very same page.
    assert waiting.status_code == unknown.status_code == 200
    assert waiting.text == unknown.text and ON_ITS_WAY in waiting.text

    api, chain = pair_terminal(wallet_server, shop.store_id, shop.staff_id)
    card_id = str(uuid.uuid4())
    enroll = {"kind": "enroll", "card_id": card_id, "card_number": number, "qr_token": token}
    chain.add(card_id, shop.program.id, enroll)
    assert api.push(chain.terminal_id, chain.entries).status_code == 200
    api.close()
    synced = page(wallet_server, token)
    assert ON_ITS_WAY not in synced.text and format_card_number(number) in synced.text


def test_a_token_two_merchants_share_shows_neither_card(wallet_server: ServerProcess) -> None:
    a, b = add_shop(wallet_server.db_url, "Shop A"), add_shop(wallet_server.db_url, "Shop B")
    shared = a.cards[0].qr_token
    twin = Card(
        id=str(uuid.uuid4()),
        card_number=new_card_number(),
        qr_token=shared,
        merchant_id=b.merchant_id,
        program_id=b.program.id,
        enrolled_at_store=b.store_id,
    )
    with write(wallet_server.engine) as conn:
        admin.insert_cards(conn, [twin], datetime.now(UTC))
    shown = page(wallet_server, shared)
    assert ON_ITS_WAY in shown.text
    assert "Shop A" not in shown.text and "Shop B" not in shown.text


def test_guessing_tokens_is_limited(wallet_server: ServerProcess) -> None:
    codes = [page(wallet_server, new_qr_token(), "127.0.0.3").status_code for _ in range(31)]
    assert codes[:30] == [200] * 30 and codes[30] == 429


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    browser = headless_chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield browser
    browser.quit()


def test_the_page_in_a_real_browser(
    wallet_server: ServerProcess,
    chromium: webdriver.Chrome,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    shop = add_shop(wallet_server.db_url, "Harbour Coffee")
    card = shop.cards[0]
    chromium.get(f"{wallet_server.base_url}/c/{card.qr_token}")
    number = chromium.find_element(By.CSS_SELECTOR, "[data-test=number]")
    assert number.text == format_card_number(card.card_number)
    stamps = chromium.find_element(By.CSS_SELECTOR, "[data-test=stamps]")
    assert stamps.text == f"{card.stamp_count % 8} of 8"
    apple = chromium.find_element(By.CSS_SELECTOR, "[data-test=apple]")
    google = chromium.find_element(By.CSS_SELECTOR, "[data-test=google]")
    assert apple.is_displayed() and google.is_displayed()
    assert (
        apple.get_attribute(
            "href",
        )
        == f"{wallet_server.base_url}/c/{card.qr_token}/pass.pkpass"
    )
    # Both buttons fit a phone's width, side by side with nothing cut off.
    width = chromium.execute_script("return document.documentElement.clientWidth")
    assert apple.rect["x"] >= 0 and apple.rect["x"] + apple.rect["width"] <= width
    shot = tmp_path_factory.getbasetemp() / "card-page.png"
    assert chromium.save_screenshot(str(shot))
    assert Path(shot).stat().st_size > 5000
