"""The back office in a real headless Chromium against the real server on PostgreSQL, as
an owner runs the shop: sign in, pair a real terminal from the page's code (and its QR),
sync it, change a program and see the terminal apply the new rule after its pull, find a
card and its history, export a CSV, revoke the terminal. One browser for the module."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import zxingcpp
from PIL import Image
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from pos_app.domain.identifiers import format_card_number
from pos_app.domain.operations import Stamp
from pos_app.services.pairing import pair_terminal
from pos_app.store.programs import get_program
from sync.engine.client import AuthRejected
from sync.server.office.sessions import COOKIE
from tests.server.browser import DESKTOP, PHONE, headless_chromium
from tests.server.conftest import ServerProcess
from tests.server.office.conftest import PASSWORD, Shop
from tests.sync.harness import Terminal


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    browser = headless_chromium(tmp_path_factory.mktemp("office-chromium"), DESKTOP)
    browser.implicitly_wait(0)
    yield browser
    browser.quit()


def _css(browser: webdriver.Chrome, selector: str) -> WebElement:
    return browser.find_element(By.CSS_SELECTOR, selector)


def _sign_in(browser: webdriver.Chrome, server: ServerProcess, shop: Shop, login: str) -> None:
    browser.delete_all_cookies()
    browser.get(f"{server.base_url}/office/")
    assert "/office/sign-in" in browser.current_url  # sent to sign in, then back
    _css(browser, "input[name=merchant]").send_keys(shop.id)
    _css(browser, "input[name=login]").send_keys(login)
    _css(browser, "input[name=password]").send_keys(PASSWORD)
    _submit(browser, _css(browser, "[data-test=sign-in]"))
    assert browser.current_url == f"{server.base_url}/office/"


def _submit(browser: webdriver.Chrome, element: WebElement) -> None:
    """Click, and wait (with a deadline) until the next page has replaced this one."""
    page = browser.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(browser, 30).until(expected_conditions.staleness_of(page))


def _row(browser: webdriver.Chrome, terminal_id: str) -> WebElement:
    return _css(browser, f'tr[data-terminal="{terminal_id}"]')


def test_an_owner_runs_the_shop_from_the_browser(
    chromium: webdriver.Chrome, office_server: ServerProcess, shop: Shop, tmp_path: Path
) -> None:
    base, merchant = office_server.base_url, shop.merchant
    _sign_in(chromium, office_server, shop, "owner")

    # Pair: the code as text, and the same code in the QR the page draws.
    chromium.get(f"{base}/office/terminals")
    Select(_css(chromium, "[data-test=pair-store]")).select_by_value(merchant.stores[0])
    _submit(chromium, _css(chromium, "[data-test=pair]"))
    code = _css(chromium, "[data-test=code]").text
    qr = Image.open(io.BytesIO(_css(chromium, "[data-test=qr]").screenshot_as_png))
    assert [r.text for r in zxingcpp.read_barcodes(qr)] == [code]
    store = pair_terminal(tmp_path / "till.db", base, code, "Till 1")
    till = Terminal(store, merchant, base)
    terminal_id = store.identity().terminal_id
    till.sync()  # takes the merchant's programs, staff and cards
    card = merchant.card(merchant.stamps)
    till.operate(card, Stamp())
    till.sync()
    chromium.get(f"{base}/office/terminals")
    row = _row(chromium, terminal_id)
    assert "Till 1" in row.text
    assert row.find_element(By.CSS_SELECTOR, "[data-test=last-sync]").text != "never"
    assert row.find_element(By.CSS_SELECTOR, "[data-test=received]").text == "1"

    # The day of that stamp (the terminal's own date) counts it.
    day = till.done[0].entry.local_time[:10]
    chromium.get(f"{base}/office/?day={day}")
    assert _css(chromium, "[data-test=stamps]").text == "1"
    assert str(_css(chromium, ".chart svg").get_attribute("aria-label")).endswith(day)

    # A program's new rule reaches the terminal with its next pull.
    chromium.get(f"{base}/office/programs")
    _submit(chromium, _css(chromium, f'tr[data-program="{merchant.stamps.id}"] [data-test=edit]'))
    target = _css(chromium, "[data-test=stamps-target]")
    target.clear()
    target.send_keys("7")
    _submit(chromium, _css(chromium, "[data-test=save]"))
    assert "terminals apply the new rules" in _css(chromium, "[data-test=flash]").text
    version = _css(chromium, f'tr[data-program="{merchant.stamps.id}"] [data-test=rule-version]')
    assert version.text == "2"
    with till.store.read() as conn:
        assert get_program(conn, merchant.stamps.id).stamps_target == 5  # type: ignore[union-attr]
    till.sync()
    with till.store.read() as conn:
        pulled = get_program(conn, merchant.stamps.id)
    assert pulled is not None and (pulled.stamps_target, pulled.rule_version) == (7, 2)

    # Find the card, see its history; export the search as CSV.
    chromium.get(f"{base}/office/cards")
    _css(chromium, "[data-test=search]").send_keys(card.card_number[:8])
    _submit(chromium, _css(chromium, "[data-test=find]"))
    links = chromium.find_elements(By.CSS_SELECTOR, "[data-test=card-link]")
    assert format_card_number(card.card_number) in [link.text for link in links]
    _submit(chromium, next(x for x in links if x.text == format_card_number(card.card_number)))
    kinds = [e.text for e in chromium.find_elements(By.CSS_SELECTOR, "[data-test=kind]")]
    assert kinds == ["stamp"]
    href = str(_css(chromium, "[data-test=csv]").get_attribute("href"))
    cookie = chromium.get_cookie(COOKIE)
    assert cookie is not None and cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    exported = httpx.get(href, cookies={COOKIE: cookie["value"]}, timeout=30)
    assert exported.headers["content-type"].startswith("text/csv")
    lines = exported.text.splitlines()
    assert lines[0].startswith("id,entry_id,local_time") and len(lines) == 2
    assert till.done[0].entry.entry_id in lines[1]

    # Revoke: the terminal is told at its next contact and stops.
    chromium.get(f"{base}/office/terminals")
    _submit(
        chromium, _row(chromium, terminal_id).find_element(By.CSS_SELECTOR, "[data-test=revoke]")
    )
    assert "revoked" in _css(chromium, "[data-test=flash]").text
    assert (
        _row(chromium, terminal_id).find_element(By.CSS_SELECTOR, "[data-test=state]").text
        == "revoked"
    )
    with pytest.raises(AuthRejected, match="revoked"):
        till.sync()
    store.close()


def test_a_store_manager_on_a_phone(
    chromium: webdriver.Chrome, office_server: ServerProcess, shop: Shop
) -> None:
    chromium.set_window_size(*PHONE)
    try:
        _sign_in(chromium, office_server, shop, "manager")
        # No store choice for a manager: their own store, and nothing wider than the phone.
        assert not chromium.find_elements(By.CSS_SELECTOR, "[data-test=store]")
        width = chromium.execute_script("return document.documentElement.clientWidth")
        scroll = chromium.execute_script("return document.documentElement.scrollWidth")
        assert scroll <= width
        chromium.get(f"{office_server.base_url}/office/account")
        assert (
            _css(chromium, "[data-test=role]").text == f"Store manager of {shop.merchant.stores[0]}"
        )
        _submit(chromium, _css(chromium, "[data-test=sign-out]"))
        assert "/office/sign-in" in chromium.current_url
        chromium.get(f"{office_server.base_url}/office/")
        assert "/office/sign-in" in chromium.current_url
    finally:
        chromium.set_window_size(*DESKTOP)
