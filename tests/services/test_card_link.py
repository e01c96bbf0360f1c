"""The enrolment QR: the card's link on the paired server, which this terminal's scanner
takes back as the card; the bare token where no server is paired."""

from __future__ import annotations

from pos_app.domain.demo import demo_cards
from pos_app.domain.identifiers import CardRef
from pos_app.scanner.payload import parse_scan
from pos_app.services.card_link import card_qr_text
from pos_app.services.scan_rules import payload_rules
from pos_app.store import Store
from pos_app.store.terminal import URL_KEY, put_setting

TOKEN = demo_cards(1)[0].qr_token


def test_a_paired_terminal_shows_the_cards_link_and_scans_it_back(demo_store: Store) -> None:
    with demo_store.write() as conn:
        put_setting(conn, URL_KEY, "https://loyalty.shop.example:8443/")
    text = card_qr_text(demo_store, TOKEN)
    assert text == f"https://loyalty.shop.example/c/{TOKEN}"
    assert parse_scan(text, payload_rules(demo_store)) == CardRef.token(TOKEN)


def test_a_terminal_without_a_server_shows_the_token(demo_store: Store) -> None:
    assert card_qr_text(demo_store, TOKEN) == TOKEN
    assert parse_scan(TOKEN, payload_rules(demo_store)) == CardRef.token(TOKEN)
