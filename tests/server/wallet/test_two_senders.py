"""Two `serve` processes on one PostgreSQL, each with its wallet sender draining the one
outbox: every registered device hears once of its card's change, not once per process."""

from __future__ import annotations

import secrets
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.pg import create_database, drop_database, pg_admin_url  # noqa: F401
from tests.server.conftest import ServerProcess, pair_terminal, start_server
from tests.server.wallet.conftest import add_shop, configured_server
from tests.server.wallet.device import issue_pass, register
from tests.server.wallet.pki import Pki
from tests.server.wallet.test_updates import STAMP, pushes_to
from tests.standins.process import StandIn

CARDS = 12


@pytest.fixture
def two_wallet_servers(
    pki: Pki,
    apns: StandIn,
    google_api: StandIn,
    pg_admin_url: str,  # noqa: F811
    tmp_path: Path,
) -> Iterator[list[ServerProcess]]:
    url = create_database(pg_admin_url)
    servers: list[ServerProcess] = []
    try:
        servers.append(configured_server(pki, tmp_path, apns.url, google_api.url, url))
        servers.append(start_server("postgres", url, tmp_path / "second.log"))
        yield servers
    finally:
        for server in servers:
            server.stop()
        drop_database(pg_admin_url, url)


def test_two_server_processes_send_each_pass_update_once(
    two_wallet_servers: list[ServerProcess], apns: StandIn, tmp_path: Path
) -> None:
    first, second = two_wallet_servers
    shop = add_shop(first.db_url, card_count=CARDS)
    tokens = [secrets.token_hex(32) for _ in shop.cards]
    with httpx.Client(base_url=first.base_url, timeout=10) as phone:
        for i, (card, token) in enumerate(zip(shop.cards, tokens, strict=True)):
            register(phone, issue_pass(first, card.qr_token, tmp_path), f"two-{i}", token)
    # Each card changes twice, in two pushes through the two processes.
    for server in (first, second):
        api, chain = pair_terminal(server, shop.store_id, shop.staff_id)
        for card in shop.cards:
            chain.add(card.id, shop.program.id, STAMP, stamps_delta=1)
        assert api.push(chain.terminal_id, chain.entries).status_code == 200
        api.close()
        deadline = time.monotonic() + 15
        while len(pushes_to(apns, set(tokens))) < CARDS and time.monotonic() < deadline:
            time.sleep(0.05)
    deadline = time.monotonic() + 15
    while len(pushes_to(apns, set(tokens))) < 2 * CARDS and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1)  # a push sent by both senders would have come by now
    got = Counter(str(r["token"]) for r in pushes_to(apns, set(tokens)))
    assert got == Counter(tokens * 2)  # one push per device per change: none twice
