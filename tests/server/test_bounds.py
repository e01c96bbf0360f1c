"""What crosses the wire is bounded: bad input is a 4xx that writes nothing, and an entry
whose time is outside the server's window is refused on its own, never applied.

A refusal of one entry lets the terminal's outbox move on; a 4xx for the whole batch is
kept for input no honest terminal sends (numbers as strings, out of their column, NUL).
"""

from __future__ import annotations

import uuid
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import func, select

from pos_app.domain.refusal import RefusalCode
from sync.protocol import (
    INT32_MAX,
    LOCAL_TIME_AFTER_DAYS,
    LOCAL_TIME_BEFORE_DAYS,
    SAFE_INT_MAX,
    ChangesPage,
    OutcomeStatus,
    PushResponse,
)
from sync.server.entries import EntryChain
from sync.server.models import CARDS, TERMINALS, TRANSACTIONS
from tests.server.client import Api
from tests.server.conftest import Merchant, ServerProcess, pair_code, pair_terminal

Terminal = tuple[Api, EntryChain]
STAMP = {"kind": "stamp", "count": 1}
EDGES = {
    "last-instant-west": datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-14))),
    "first-instant-east": datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=14))),
    "last-minute-utc": datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
}


def _push(api: Api, chain: EntryChain, entries: list[Any] | None = None) -> PushResponse:
    response = api.push(chain.terminal_id, chain.entries if entries is None else entries)
    assert response.status_code == 200, response.text
    return PushResponse.model_validate(response.json())


def _pull_everything(api: Api) -> ChangesPage:
    cursor, last = 0, None
    while last is None or last.has_more:
        response = api.changes(cursor, 50)
        assert response.status_code == 200, response.text
        last = ChangesPage.model_validate(response.json())
        cursor = last.next_cursor
    return last


def _rows(server: ServerProcess, terminal_id: uuid.UUID) -> int:
    with server.engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count()).where(TRANSACTIONS.c.terminal_id == str(terminal_id))
            ).scalar_one()
        )


def _forget_last(chain: EntryChain, count: int = 1) -> None:
    """The test's journal drops entries the server refused whole (they never happened)."""
    del chain.entries[-count:]
    chain.last_seq = chain.entries[-1].seq if chain.entries else 0
    chain.last_hash = chain.entries[-1].hash if chain.entries else "0" * 64


# --- times --------------------------------------------------------------------------------


@pytest.mark.parametrize("edge", EDGES.values(), ids=EDGES.keys())
def test_an_entry_at_the_edge_of_time_is_refused_alone_and_sync_goes_on(
    server: ServerProcess, merchant: Merchant, terminal: Terminal, edge: datetime
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.stamps)
    chain.add(card.id, merchant.stamps.id, STAMP, stamps_delta=1, local_time=edge)
    chain.add(card.id, merchant.stamps.id, STAMP, stamps_delta=1)

    first = _push(api, chain)

    edge_outcome, next_outcome = first.outcomes
    assert edge_outcome.status == OutcomeStatus.REFUSED
    assert edge_outcome.code == RefusalCode.CLOCK_OUT_OF_RANGE
    assert edge_outcome.reason is not None and edge.isoformat() in edge_outcome.reason
    assert "date and time" in edge_outcome.reason
    assert next_outcome.status == OutcomeStatus.APPLIED
    # The retry reads the stored outcome back; later pushes on the card still work.
    assert [o.status for o in _push(api, chain).outcomes] == [OutcomeStatus.DUPLICATE] * 2
    chain.add(card.id, merchant.stamps.id, {"kind": "redeem_stamps"})
    assert _push(api, chain, chain.entries[-1:]).outcomes[0].code in (
        None,
        RefusalCode.INSUFFICIENT_STAMPS,
    )
    # Every terminal of the merchant still syncs, a newly paired one from the start.
    fresh, _ = pair_terminal(server, merchant.stores[1], merchant.staff_id)
    with closing(fresh.http):
        _pull_everything(fresh)
    _pull_everything(api)
    with server.engine.connect() as conn:
        row = conn.execute(
            select(TRANSACTIONS.c.local_time_text, TRANSACTIONS.c.clock_suspect).where(
                TRANSACTIONS.c.entry_id == str(chain.entries[0].entry_id)
            )
        ).one()
        last_stamp = conn.execute(
            select(CARDS.c.last_stamp_at).where(CARDS.c.id == card.id)
        ).scalar_one()
    assert row.local_time_text == edge.isoformat() and row.clock_suspect
    assert last_stamp is not None and abs(last_stamp - datetime.now(UTC)) < timedelta(hours=1)


@pytest.mark.parametrize(
    ("offset", "accepted"),
    [
        (-timedelta(days=LOCAL_TIME_BEFORE_DAYS - 1), True),  # offline for months
        (-timedelta(days=LOCAL_TIME_BEFORE_DAYS + 1), False),
        (timedelta(days=LOCAL_TIME_AFTER_DAYS - 1), True),  # a date set wrong by weeks
        (timedelta(days=LOCAL_TIME_AFTER_DAYS + 1), False),
    ],
    ids=["months-back", "over-half-a-year-back", "weeks-ahead", "over-a-month-ahead"],
)
def test_the_window_admits_a_terminal_offline_for_months(
    merchant: Merchant, terminal: Terminal, offset: timedelta, accepted: bool
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.points)
    op = {"kind": "earn_points", "amount_minor": 100}
    chain.add(
        card.id, merchant.points.id, op, points_delta=1, local_time=datetime.now(UTC) + offset
    )

    outcome = _push(api, chain).outcomes[0]

    if accepted:
        assert outcome.status == OutcomeStatus.APPLIED
    else:
        assert (outcome.status, outcome.code) == (
            OutcomeStatus.REFUSED,
            RefusalCode.CLOCK_OUT_OF_RANGE,
        )


# --- hostile input ------------------------------------------------------------------------


def test_an_entry_id_used_again_is_refused_whole_and_writes_nothing(
    server: ServerProcess, merchant: Merchant, terminal: Terminal
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.points)
    op = {"kind": "earn_points", "amount_minor": 100}
    first = chain.add(card.id, merchant.points.id, op, points_delta=1)
    _push(api, chain)
    other_api, other_chain = pair_terminal(server, merchant.stores[1], merchant.staff_id)

    # The same terminal with a new seq, another terminal, and twice in one batch.
    chain.add(card.id, merchant.points.id, op, points_delta=1, entry_id=first.entry_id)
    again = api.push(chain.terminal_id, chain.entries[-1:])
    other_chain.add(card.id, merchant.points.id, op, points_delta=1, entry_id=first.entry_id)
    elsewhere = other_api.push(other_chain.terminal_id, other_chain.entries)
    twin = uuid.uuid4()
    _forget_last(chain)
    chain.add(card.id, merchant.points.id, op, points_delta=1, entry_id=twin)
    chain.add(card.id, merchant.points.id, op, points_delta=1, entry_id=twin)
    twice = api.push(chain.terminal_id, chain.entries[-2:])

    assert (again.status_code, elsewhere.status_code, twice.status_code) == (409, 409, 400)
    assert "already received" in again.json()["detail"]
    assert "already received" in elsewhere.json()["detail"]
    assert "entry 3 has the entry id of entry 2" in twice.json()["detail"]
    assert _rows(server, chain.terminal_id) == 1
    assert _rows(server, other_chain.terminal_id) == 0
    with server.engine.connect() as conn:
        balance = conn.execute(
            select(CARDS.c.points_balance).where(CARDS.c.id == card.id)
        ).scalar_one()
    assert balance == card.points_balance + 1
    _forget_last(chain, 2)
    chain.add(card.id, merchant.points.id, op, points_delta=1)
    assert _push(api, chain, chain.entries[-1:]).outcomes[0].status == OutcomeStatus.APPLIED


def _raw_entry(chain: EntryChain, card_id: str, program_id: str, **fields: Any) -> dict[str, Any]:
    entry = {
        "entry_id": str(uuid.uuid4()),
        "seq": chain.last_seq + 1,
        "card_id": card_id,
        "program_id": program_id,
        "operation": STAMP,
        "stamps_delta": 1,
        "points_delta": 0,
        "adjusted": False,
        "staff_id": chain.staff_id,
        "store_id": chain.store_id,
        "local_time": datetime.now(UTC).isoformat(),
        "rule_version": 1,
        "prev_hash": chain.last_hash,
        "hash": "0" * 64,
    }
    return entry | fields


BAD_FIELDS = {
    "seq-as-text": {"seq": "1"},
    "seq-as-bool": {"seq": True},
    "seq-beyond-bigint": {"seq": 2**63},
    "stamps-beyond-integer": {"stamps_delta": INT32_MAX + 1},
    "stamps-wrapping-round": {"stamps_delta": 2**32 + 5},
    "stamps-with-a-fraction": {"stamps_delta": 1.5},
    "points-beyond-bigint": {"points_delta": 2**63 + 7},
    "points-beyond-safe": {"points_delta": SAFE_INT_MAX + 1},
    "rule-version-beyond-integer": {"rule_version": 2**31},
    "count-as-text": {"operation": {"kind": "stamp", "count": "1"}},
    "adjusted-as-number": {"adjusted": 1},
    "nul-in-customer-name": {
        "operation": {
            "kind": "enroll",
            "card_id": str(uuid.UUID(int=7)),
            "card_number": "123456789012",
            "qr_token": "q" * 32,
            "customer_name": "Ann\x00ie",
        }
    },
}


@pytest.mark.parametrize("bad", BAD_FIELDS.values(), ids=BAD_FIELDS.keys())
def test_a_value_outside_its_bounds_is_a_422_that_writes_nothing(
    server: ServerProcess, merchant: Merchant, terminal: Terminal, bad: dict[str, Any]
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.stamps)
    entry = _raw_entry(chain, card.id, merchant.stamps.id, **bad)
    body = {
        "terminal_id": str(chain.terminal_id),
        "entries": [entry],
        "terminal_time": datetime.now(UTC).isoformat(),
    }

    response = api.http.post("/v1/push", json=body, headers=api._auth())

    assert response.status_code == 422, response.text
    problem = response.json()["detail"][0]
    assert problem["loc"][-1] in {*bad, "customer_name", "count"} and problem["msg"]
    assert _rows(server, chain.terminal_id) == 0


def test_a_nul_in_a_terminal_name_is_a_422_and_the_code_stays_usable(
    server: ServerProcess, merchant: Merchant
) -> None:
    code = pair_code(server, merchant.stores[0])
    with closing(Api(server.base_url)) as api:
        refused = api.pair(code, uuid.uuid4(), name="Till\x00 1")
        assert refused.status_code == 422, refused.text
        assert refused.json()["detail"][0]["loc"][-1] == "terminal_name"
        terminal_id = uuid.uuid4()
        assert api.pair(code, terminal_id, name="Till 1").status_code == 200
    with server.engine.connect() as conn:
        name = conn.execute(
            select(TERMINALS.c.name).where(TERMINALS.c.id == str(terminal_id))
        ).scalar_one()
    assert name == "Till 1"
