"""Pairing and tokens: a code pairs once, bad codes and tokens are refused and rate-limited."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from sync.protocol import ChangesPage, PairResponse, RevocationChange
from sync.server import admin
from sync.server.db import write
from sync.server.models import TERMINALS
from tests.server.client import Api
from tests.server.conftest import Merchant, ServerProcess, pair_code, pair_terminal


def _stranger() -> str:
    """A loopback address of its own, so the rate limiter counts this test alone."""
    return f"127.{random.randint(1, 254)}.{random.randint(1, 254)}.{random.randint(2, 254)}"


def test_a_code_pairs_one_terminal_once_and_its_token_is_stored_hashed(
    server: ServerProcess, merchant: Merchant
) -> None:
    code = pair_code(server, merchant.stores[1])
    api = Api(server.base_url, source=_stranger())
    first_id, second_id = uuid.uuid4(), uuid.uuid4()

    first = api.pair(code, first_id, "Till 2")
    again = api.pair(code, second_id)

    assert first.status_code == 200
    paired = PairResponse.model_validate(first.json())
    assert (paired.merchant_id, paired.store_id) == (merchant.id, merchant.stores[1])
    assert again.status_code == 401 and "already used" in again.json()["detail"]
    with server.engine.connect() as conn:
        stored = conn.execute(select(TERMINALS).where(TERMINALS.c.id == str(first_id))).one()
    assert paired.token not in stored.token_hash and len(stored.token_hash) == 64
    assert stored.name == "Till 2"


def test_an_expired_code_is_refused(server: ServerProcess, merchant: Merchant) -> None:
    code = pair_code(server, merchant.stores[0], ttl=timedelta(seconds=-1))
    response = Api(server.base_url, source=_stranger()).pair(code, uuid.uuid4())
    assert response.status_code == 401 and "expired" in response.json()["detail"]


def test_codes_are_read_forgivingly(server: ServerProcess, merchant: Merchant) -> None:
    code = pair_code(server, merchant.stores[0])
    typed = code.lower().replace("-", " ")
    assert Api(server.base_url, source=_stranger()).pair(typed, uuid.uuid4()).status_code == 200


def test_guessing_codes_is_rate_limited_per_address(
    server: ServerProcess, merchant: Merchant
) -> None:
    guesser = Api(server.base_url, source=_stranger())
    statuses = [guesser.pair(f"WRONG{n:04d}", uuid.uuid4()).status_code for n in range(12)]
    assert statuses[:10] == [401] * 10
    assert statuses[10:] == [429, 429]
    # Even the right code is not checked while the address is blocked...
    blocked = guesser.pair(pair_code(server, merchant.stores[0]), uuid.uuid4())
    assert blocked.status_code == 429 and "Retry-After" in blocked.headers
    # ...while another address is not affected.
    honest = Api(server.base_url, source=_stranger())
    assert honest.pair(pair_code(server, merchant.stores[0]), uuid.uuid4()).status_code == 200


def test_wrong_missing_and_guessed_tokens_get_401_then_429(server: ServerProcess) -> None:
    api = Api(server.base_url, token="not-a-token", source=_stranger())
    assert api.changes().status_code == 401
    api.token = None
    missing = api.changes()
    assert missing.status_code == 401 and missing.headers["WWW-Authenticate"] == "Bearer"
    api.token = "x" * 43
    statuses = [api.lookup(number="123456789012").status_code for _ in range(10)]
    assert statuses[-1] == 429


def test_a_revoked_terminal_is_refused_and_told_so_by_the_feed(
    server: ServerProcess, merchant: Merchant
) -> None:
    api, chain = pair_terminal(server, merchant.stores[0], merchant.staff_id)
    assert api.changes().status_code == 200
    with write(server.engine) as conn:
        admin.revoke_terminal(conn, str(chain.terminal_id), datetime.now(UTC))
    # Refused calls count as failures: keep them away from other tests' address.
    api.http = Api(server.base_url, source=_stranger()).http

    card = merchant.card(merchant.points)
    chain.add(
        card.id, merchant.points.id, {"kind": "earn_points", "amount_minor": 100}, points_delta=1
    )
    push = api.push(chain.terminal_id, chain.entries)
    lookup = api.lookup(number=card.card_number)
    feed = api.changes(cursor=0)

    assert push.status_code == 401 and "revoked" in push.json()["detail"]
    assert lookup.status_code == 401
    assert feed.status_code == 200
    page = ChangesPage.model_validate(feed.json())
    assert len(page.changes) == 1 and isinstance(page.changes[0], RevocationChange)
    assert page.changes[0].terminal_id == chain.terminal_id
