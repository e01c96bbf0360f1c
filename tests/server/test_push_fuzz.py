"""Push batches built by hypothesis, honest and hostile, against the real server process.

Whatever a batch holds, the answer is a 200 with an outcome per entry or a 4xx with a
clear body that wrote nothing; never a 500. Afterwards every terminal still syncs: nothing
was stored that the feed cannot carry.
"""

from __future__ import annotations

import json
import math
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import func, select

from pos_app.domain.chain import compute_hash
from sync.protocol import ChangesPage, PushResponse, WireEntry, entry_hash_fields
from sync.server.models import CARDS, TERMINALS, TRANSACTIONS
from tests.server.conftest import ServerProcess, make_merchant, pair_terminal

EXAMPLES = 60
ZONES = [timezone(timedelta(minutes=m)) for m in (-14 * 60, -150, 0, 330, 14 * 60)] + [UTC]
HOSTILE: list[Any] = [
    "1",
    True,
    None,
    1.5,
    math.nan,
    2**31,
    2**63,
    -(2**64),
    "",
    "a\x00b",
    "x" * 300,
    {},
    [],
    "9999-12-31T23:00:00-14:00",
    "0001-01-01T00:00:00+14:00",
]
FIELDS = [
    "entry_id",
    "seq",
    "card_id",
    "program_id",
    "stamps_delta",
    "points_delta",
    "adjusted",
    "staff_id",
    "store_id",
    "local_time",
    "rule_version",
    "prev_hash",
    "hash",
]

times = st.one_of(
    st.datetimes(timezones=st.sampled_from(ZONES)),
    *[
        st.timedeltas(min_value=timedelta(days=-400), max_value=timedelta(days=60)).map(
            lambda d: datetime.now(UTC) + d
        )
    ]
    * 4,
    st.just(datetime(9999, 12, 31, 23, 59, tzinfo=UTC)),
)


# Numbers a terminal sends, now and then one out of every bound (and HOSTILE's below).
def numbers(low: int, high: int) -> st.SearchStrategy[int]:
    return st.one_of(*[st.integers(low, high)] * 8, st.integers())


names = st.one_of(st.text(max_size=20), st.text(max_size=210))


def operations(cards: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(
        st.builds(lambda n: {"kind": "stamp", "count": n}, numbers(1, 3)),
        st.just({"kind": "redeem_stamps"}),
        st.builds(lambda a: {"kind": "earn_points", "amount_minor": a}, numbers(1, 10**6)),
        st.sampled_from(["croissant", "cake", "nope"]).map(
            lambda r: {"kind": "redeem_points", "reward_code": r}
        ),
        st.builds(lambda p: {"kind": "void_points", "points": p}, numbers(1, 1000)),
        st.just({"kind": "expire_points"}),
        st.builds(
            lambda card, number, token, name: {
                "kind": "enroll",
                "card_id": card,
                "card_number": number,
                "qr_token": token,
                "customer_name": name,
            },
            st.one_of(st.sampled_from(cards), st.uuids().map(str)),
            st.from_regex(r"\A[0-9]{12}\Z"),
            st.from_regex(r"\A[A-Za-z0-9_-]{16,20}\Z"),
            names,
        ),
    )


def _draft(chain: Any, seq: int, prev: str, draw: Any, cards: list[str], merchant: Any) -> dict:  # type: ignore[type-arg]
    op = draw(operations(cards))
    card = op["card_id"] if op["kind"] == "enroll" else draw(st.sampled_from(cards))
    return {
        "entry_id": str(draw(st.uuids())),
        "seq": seq,
        "card_id": card,
        "program_id": draw(st.sampled_from([merchant.stamps.id, merchant.points.id])),
        "operation": op,
        "stamps_delta": draw(numbers(-10, 10)),
        "points_delta": draw(numbers(-500, 500)),
        "adjusted": draw(st.booleans()),
        "staff_id": chain.staff_id,
        "store_id": draw(st.sampled_from([chain.store_id, "elsewhere"])),
        "local_time": draw(times).isoformat(),
        "rule_version": draw(numbers(1, 1)),
        "prev_hash": prev,
        "hash": "0" * 64,
    }


def _sign(terminal_id: uuid.UUID, draft: dict[str, Any]) -> dict[str, Any]:
    """The draft with its true hash, when it is a valid entry at all."""
    try:
        entry = WireEntry.model_validate(draft)
    except ValidationError:
        return draft
    return draft | {"hash": compute_hash(entry_hash_fields(terminal_id, entry))}


def _written(server: ServerProcess, terminal_id: uuid.UUID, merchant_id: str) -> tuple[Any, ...]:
    with server.engine.connect() as conn:
        rows = conn.execute(
            select(func.count()).where(TRANSACTIONS.c.terminal_id == str(terminal_id))
        ).scalar_one()
        cards = conn.execute(
            select(func.count(), func.max(CARDS.c.version)).where(
                CARDS.c.merchant_id == merchant_id
            )
        ).one()
        head = conn.execute(
            select(TERMINALS.c.last_seq, TERMINALS.c.last_hash).where(
                TERMINALS.c.id == str(terminal_id)
            )
        ).one()
    return (rows, *cards, *head)


def test_no_push_batch_gets_a_server_error_or_writes_when_refused(server: ServerProcess) -> None:
    merchant = make_merchant(server, card_count=4)
    api, chain = pair_terminal(server, merchant.stores[0], merchant.staff_id)
    cards = [c.id for c in merchant.cards]
    statuses: set[int] = set()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def one_batch(data: st.DataObject) -> None:
        before = _written(server, chain.terminal_id, merchant.id)
        last_seq, last_hash = before[-2], before[-1]
        entries: list[dict[str, Any]] = []
        prev = last_hash
        for n in range(data.draw(st.integers(1, 4))):
            entry = _sign(
                chain.terminal_id, _draft(chain, last_seq + 1 + n, prev, data.draw, cards, merchant)
            )
            entries.append(entry)
            prev = entry["hash"]
        if data.draw(st.integers(0, 2)) == 0:
            # Something hostile somewhere: a field, a repeated entry id, an old entry.
            victim = data.draw(st.sampled_from(entries))
            match data.draw(st.sampled_from(["field", "twin", "replay"])):
                case "field":
                    victim[data.draw(st.sampled_from(FIELDS))] = data.draw(st.sampled_from(HOSTILE))
                case "twin":
                    entries.append(victim | {"seq": entries[-1]["seq"] + 1})
                case "replay":
                    entries.insert(0, victim | {"seq": max(1, last_seq)})
        body = {
            "terminal_id": str(chain.terminal_id),
            "entries": entries,
            "terminal_time": datetime.now(UTC).isoformat(),
        }

        # Encoded here: a NaN goes as the bare `NaN` Python's parser takes (httpx refuses it).
        content = json.dumps(body, allow_nan=True)
        headers = {**api._auth(), "content-type": "application/json"}
        response = api.http.post("/v1/push", content=content, headers=headers)

        statuses.add(response.status_code)
        assert response.status_code < 500, response.text
        if response.status_code == 200:
            answer = PushResponse.model_validate(response.json())
            assert len(answer.outcomes) == len(entries)
        else:
            assert response.json()["detail"], response.text
            assert _written(server, chain.terminal_id, merchant.id) == before

    one_batch()

    assert 200 in statuses and 422 in statuses, statuses
    # Every terminal of the merchant still syncs, a new one from the very start.
    fresh, _ = pair_terminal(server, merchant.stores[1], merchant.staff_id)
    cursor, more = 0, True
    while more:
        response = fresh.changes(cursor, 100)
        assert response.status_code == 200, response.text
        page = ChangesPage.model_validate(response.json())
        cursor, more = page.next_cursor, page.has_more
