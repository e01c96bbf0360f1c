"""Keeping the replica of what the server said, and rebasing this terminal's cards on it."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.dialects.sqlite import insert

from pos_app.domain.card import Card
from pos_app.domain.operations import Context, Enroll, Operation, OpKind
from pos_app.domain.program import Program
from pos_app.domain.replay import replay
from pos_app.store.cards import (
    LOCAL,
    REPLICA,
    card_from_row,
    card_values,
    get_card,
)
from pos_app.store.contacts import names_beside
from pos_app.store.journal import JournalEntry, entry_from_row, pending_for_card
from pos_app.store.programs import get_program
from pos_app.store.schema import Base, JournalRow, JournalSyncRow

PENDING = ("pending", "sent")
# Ids per IN (...) list: well under SQLite's bound-parameter limit, whatever its build.
_IN_CHUNK = 500
_SQLITE = sqlite_dialect()
_REPLICA = REPLICA
_JOURNAL = Base.metadata.tables[JournalRow.__tablename__]
_SYNC = Base.metadata.tables[JournalSyncRow.__tablename__]
_REPLICAS_BY_ID = select(_REPLICA).where(_REPLICA.c.id.in_(bindparam("ids", expanding=True)))
_PENDING_BY_CARD = (
    select(_JOURNAL)
    .join(_SYNC, _SYNC.c.seq == _JOURNAL.c.seq)
    .where(_JOURNAL.c.card_id.in_(bindparam("ids", expanding=True)), _SYNC.c.status.in_(PENDING))
    .order_by(_JOURNAL.c.seq)
)


def steps(
    entries: Sequence[JournalEntry], names: Mapping[int, str] | None = None
) -> list[tuple[Operation, Context]]:
    """The entries as operations to replay; an enrolment with the name waiting beside it
    (`names`, by entry number: the journal's operation names no one since schema 0006)."""
    found = names or {}
    return [
        (_named(e.op, found.get(e.seq)), Context(datetime.fromisoformat(e.local_time), e.store_id))
        for e in entries
    ]


def _named(op: Operation, name: str | None) -> Operation:
    return replace(op, customer_name=name) if name and isinstance(op, Enroll) else op


def named_steps(
    conn: Connection, entries: Sequence[JournalEntry]
) -> list[tuple[Operation, Context]]:
    """`steps`, with the names beside the enrolments among `entries` read first."""
    enrolments = [e.seq for e in entries if e.kind == OpKind.ENROLL.value]
    return steps(entries, names_beside(conn, enrolments))


def rebased_card(conn: Connection, card_id: str) -> Card | None:
    """The server's card (if any) with this terminal's pending entries replayed on top."""
    base = get_card(conn, card_id, REPLICA)
    return _rebase(conn, base, pending_for_card(conn, card_id), {})


def rebased_cards(conn: Connection, card_ids: Collection[str]) -> dict[str, Card | None]:
    """`rebased_card` of each card, with a few set-wise queries instead of several per card."""
    ids = sorted(set(card_ids))
    bases: dict[str, Card] = {}
    pending: dict[str, list[JournalEntry]] = {card_id: [] for card_id in ids}
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start : start + _IN_CHUNK]
        for row in conn.execute(_REPLICAS_BY_ID, {"ids": chunk}):
            bases[row.id] = card_from_row(row)
        # In journal order, so each card's list is in the order its entries were made.
        for row in conn.execute(_PENDING_BY_CARD, {"ids": chunk}):
            pending[row.card_id].append(entry_from_row(row))
    programs: dict[str, Program | None] = {}
    return {
        card_id: _rebase(conn, bases.get(card_id), pending[card_id], programs) for card_id in ids
    }


def _rebase(
    conn: Connection,
    base: Card | None,
    pending: list[JournalEntry],
    programs: dict[str, Program | None],
) -> Card | None:
    program_id = base.program_id if base else (pending[0].program_id if pending else None)
    if program_id is None:
        return base
    if program_id not in programs:
        programs[program_id] = get_program(conn, program_id)
    program = programs[program_id]
    if program is None:
        return None
    return replay(base, program, named_steps(conn, pending)).card


def cards_with_pending(conn: Connection) -> set[str]:
    return set(
        conn.execute(
            select(JournalRow.card_id)
            .join(JournalSyncRow, JournalSyncRow.seq == JournalRow.seq)
            .where(JournalSyncRow.status.in_(PENDING))
            .distinct()
        ).scalars()
    )


# The replica's columns in the order `store_server_rows` takes each card's values: the
# table's own order (the server version first), which is the order its upsert binds them.
SERVER_CARD_COLUMNS = tuple(c.name for c in REPLICA.columns)
ServerCardRow = tuple[Any, ...]
_ID = SERVER_CARD_COLUMNS.index("id")


def _upsert(conn: Connection, table: Any, rows: list[dict[str, Any]], newer_only: bool) -> None:
    if rows:
        sql, order = _upsert_sql(table, tuple(rows[0]), newer_only)
        conn.exec_driver_sql(sql, [tuple(row[k] for k in order) for row in rows])


def _upsert_rows(
    conn: Connection,
    table: Any,
    columns: tuple[str, ...],
    rows: Sequence[tuple[Any, ...]],
    newer_only: bool,
) -> None:
    sql, order = _upsert_sql(table, columns, newer_only)
    if order != columns:
        raise ValueError(f"rows for {table.name} must be in the order {order}")
    conn.exec_driver_sql(sql, rows)


@lru_cache(maxsize=16)
def _upsert_sql(
    table: Any, columns: tuple[str, ...], newer_only: bool
) -> tuple[str, tuple[str, ...]]:
    """The upsert's SQL and the order it binds its parameters in, built once per column set.

    Executed straight by the driver: a first pull upserts a million cards, and SQLAlchemy's
    per-row parameter processing cost as much as SQLite's own work. Every value is already
    what the column stores (text, integers, booleans, NULL).
    """
    stmt = insert(table)
    update = {c: stmt.excluded[c] for c in columns if c != "id"}
    where = stmt.excluded.server_version >= table.c.server_version if newer_only else None
    upsert = stmt.on_conflict_do_update(index_elements=["id"], set_=update, where=where)
    compiled = upsert.compile(dialect=_SQLITE, column_keys=list(columns))
    return str(compiled), tuple(compiled.positiontup or ())


def accept_any_server_version(conn: Connection) -> None:
    """The server went back in time (restored from a backup): its next word on each card
    replaces what is held, whatever its version. Nothing shown changes until it comes."""
    conn.execute(_REPLICA.update().values(server_version=-1))


_LOCAL_BY_ID = select(LOCAL.c.id).where(LOCAL.c.id.in_(bindparam("ids", expanding=True)))
_DELETE_LOCAL = delete(LOCAL).where(LOCAL.c.id.in_(bindparam("ids", expanding=True)))


def store_server_cards(conn: Connection, cards: Sequence[tuple[Card, int]]) -> None:
    """`store_server_rows` of cards given as domain objects with their server versions."""
    rows = []
    for card, version in cards:
        values = card_values(card)
        values["server_version"] = version
        rows.append(tuple(values[name] for name in SERVER_CARD_COLUMNS))
    store_server_rows(conn, rows)


def store_server_rows(conn: Connection, rows: Sequence[ServerCardRow]) -> None:
    """Record cards as the server sent them (never older over newer), then rebase each.

    Each row holds a card's values in `SERVER_CARD_COLUMNS` order, as the columns store
    them. Most cards have no pending local work: the replica is their view, and a local
    version left from work the server has now answered is dropped. Cards with pending
    entries get their replica with those entries replayed on top as their local version.
    """
    if not rows:
        return
    _upsert_rows(conn, REPLICA, SERVER_CARD_COLUMNS, rows, newer_only=True)
    ids = {row[_ID] for row in rows}
    pending = cards_with_pending(conn) & ids
    settled = sorted(ids - pending)
    for start in range(0, len(settled), _IN_CHUNK):
        chunk = settled[start : start + _IN_CHUNK]
        stale = conn.execute(_LOCAL_BY_ID, {"ids": chunk}).scalars().all()
        if stale:
            conn.execute(_DELETE_LOCAL, {"ids": stale})
    rebased = rebased_cards(conn, pending)
    _upsert(conn, LOCAL, [card_values(c) for c in rebased.values() if c is not None], False)
