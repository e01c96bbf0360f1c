"""Daily totals, kept as the entries arrive: per merchant, store, terminal and shop day.

The back office shows a day's stamps, points and refusals of a merchant with ten million
transactions; summing them at every page view would read a day's rows each time. Instead
each batch, in the very transaction that stores its entries (`push`), adds what its new
rows came to. A retried batch stores no new rows, so it adds nothing: totals are exactly
once like the entries. Every entry the server writes itself (the operator's card actions,
points expiry) goes through `push` as well, so it is counted the same way.

What counts, from each stored row (one definition, `_COUNTERS`, used by the live path and by
the backfill of migration 0010):
- `stamps`: stamps given (a stamp, an enrolment's welcome stamps), less reversed stamps;
- `points_earned`: points earned (purchases, welcome points), less reversed earnings;
- `points_redeemed`, `rewards`: points spent on rewards, and rewards given (for stamps or
  points), less reversed redemptions;
- `points_voided` (returns), `points_expired` (the schedule), `adjustments` (a manager's
  corrections, counted, not summed: they go either way);
- `refusals`: refused entries, and per (code, reason) in `daily_refusals`.
The shop day is the terminal's local date of the entry (`shop_day`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    case,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite

from sync.server.models import DAILY_REFUSALS, DAILY_TOTALS, TRANSACTIONS

T = TRANSACTIONS.c
COUNTERS = (
    "entries",
    "stamps",
    "points_earned",
    "points_redeemed",
    "points_voided",
    "points_expired",
    "rewards",
    "adjustments",
    "refusals",
)
_KEY = ("merchant_id", "shop_day", "store_id", "terminal_id")


def shop_day(local_time: datetime | None, received_at: datetime) -> date:
    """The terminal's local date of an entry; the server's UTC date when the terminal's
    clock was out of range (`local_time` None: its time is not believed)."""
    if local_time is None:
        return received_at.astimezone(UTC).date()
    return local_time.date()


def _of_kind(dialect: str) -> ColumnElement[Any]:
    """The kind of entry a `reverse` row takes back, from its canonical operation JSON."""
    if dialect == "postgresql":
        return literal_column("(transactions.operation::jsonb ->> 'of_kind')")
    return func.json_extract(T.operation, "$.of_kind")


def _counters(dialect: str) -> dict[str, ColumnElement[Any]]:
    ok = T.status != "refused"
    of_kind = _of_kind(dialect)

    def kinds(*names: str) -> ColumnElement[bool]:
        return and_(ok, T.kind.in_(names))

    def undone(*names: str) -> ColumnElement[bool]:
        return and_(ok, T.kind == "reverse", of_kind.in_(names))

    def total(*whens: tuple[ColumnElement[bool], Any]) -> ColumnElement[Any]:
        return func.coalesce(func.sum(case(*whens, else_=0)), 0)

    return {
        "entries": func.count(),
        "stamps": total(
            (kinds("stamp", "enroll"), T.applied_stamps_delta),
            (undone("stamp"), T.applied_stamps_delta),
        ),
        "points_earned": total(
            (kinds("earn_points", "enroll"), T.applied_points_delta),
            (undone("earn_points"), T.applied_points_delta),
        ),
        "points_redeemed": total(
            (or_(kinds("redeem_points"), undone("redeem_points")), -T.applied_points_delta)
        ),
        "points_voided": total(
            (or_(kinds("void_points"), undone("void_points")), -T.applied_points_delta)
        ),
        "points_expired": total((kinds("expire_points"), -T.applied_points_delta)),
        "rewards": total(
            (kinds("redeem_stamps", "redeem_points"), 1),
            (undone("redeem_stamps", "redeem_points"), -1),
        ),
        "adjustments": total((kinds("adjust"), 1)),
        "refusals": total((T.status == "refused", 1)),
    }


def _insert(conn: Connection, table: Any) -> Any:
    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(table)


def _add(conn: Connection, where: ColumnElement[bool]) -> None:
    """Add what the rows matching `where` come to onto the totals (rows made if new)."""
    counters = _counters(conn.dialect.name)
    keys = [T[k] for k in _KEY]
    totals = select(*keys, *(counters[c].label(c) for c in COUNTERS)).where(where).group_by(*keys)
    stmt = _insert(conn, DAILY_TOTALS).from_select(
        ["merchant_id", "day", "store_id", "terminal_id", *COUNTERS], totals
    )
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=["merchant_id", "day", "store_id", "terminal_id"],
            set_={c: DAILY_TOTALS.c[c] + stmt.excluded[c] for c in COUNTERS},
        )
    )
    refused = and_(where, T.status == "refused")
    reason = func.coalesce(T.reason, "")
    by_reason = (
        select(*keys, T.code, reason, func.count()).where(refused).group_by(*keys, T.code, reason)
    )
    columns = ["merchant_id", "day", "store_id", "terminal_id", "code", "reason", "count"]
    stmt = _insert(conn, DAILY_REFUSALS).from_select(columns, by_reason)
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=columns[:-1],
            set_={"count": DAILY_REFUSALS.c["count"] + stmt.excluded["count"]},
        )
    )


def record_batch(
    conn: Connection, merchant_id: str, terminal_id: str, first_seq: int, last_seq: int
) -> None:
    """Count a batch's new rows (seq `first_seq`..`last_seq` of the terminal), in the
    transaction that stored them (found on the merchant's UNIQUE(terminal_id, seq))."""
    _add(
        conn,
        and_(
            T.merchant_id == merchant_id,
            T.terminal_id == terminal_id,
            T.seq.between(first_seq, last_seq),
        ),
    )


def backfill(conn: Connection) -> None:
    """Count every stored row afresh (migration 0010): the totals start as they would be
    had they been kept from the first entry."""
    conn.execute(DAILY_REFUSALS.delete())
    conn.execute(DAILY_TOTALS.delete())
    _add(conn, T.id.isnot(None))
