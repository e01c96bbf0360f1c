"""Scanned links: accepted from the paired server's host and listed hosts, no others."""

from __future__ import annotations

from pos_app.domain.demo import demo_cards
from pos_app.domain.identifiers import CardRef
from pos_app.scanner.payload import Rejection, parse_scan
from pos_app.services.scan_rules import HOSTS_KEY, payload_rules
from pos_app.store import Store
from pos_app.store.terminal import put_setting

TOKEN = demo_cards(1)[0].qr_token


def test_a_standalone_terminal_accepts_no_links(demo_store: Store) -> None:
    outcome = parse_scan(f"https://cards.example.com/c/{TOKEN}", payload_rules(demo_store))
    assert isinstance(outcome, Rejection)


def test_links_to_the_paired_server_and_listed_hosts_name_the_card(demo_store: Store) -> None:
    with demo_store.write() as conn:
        put_setting(conn, "server.url", "https://loyalty.shop.example:8443")
        put_setting(conn, HOSTS_KEY, "wallet.shop.example, Passes.Shop.Example")
    rules = payload_rules(demo_store)
    for url in (
        f"https://loyalty.shop.example/c/{TOKEN}",
        f"https://passes.shop.example/c/{TOKEN}",
        f"https://wallet.shop.example/c/{TOKEN}",
    ):
        assert parse_scan(url, rules) == CardRef.token(TOKEN), url
    assert isinstance(parse_scan(f"https://other-shop.example/c/{TOKEN}", rules), Rejection)
