"""Keeping the replica of what the server said, and rebasing local cards on top of it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from pos_app.domain.card import Card
from pos_app.domain.operations import Context, Operation
from pos_app.domain.replay import replay
from pos_app.store.cards import card_values, get_card
from pos_app.store.journal import JournalEntry, pending_for_card
from pos_app.store.programs import get_program
from pos_app.store.schema import CardReplicaRow, CardRow, JournalRow, JournalSyncRow

PENDING = ("pending", "sent")


def steps(entries: Sequence[JournalEntry]) -> list[tuple[Operation, Context]]:
    return [(e.op, Context(datetime.fromisoformat(e.local_time), e.store_id)) for e in entries]


def rebased_card(conn: Connection, card_id: str) -> Card | None:
    """The server's card (if any) with this terminal's pending entries replayed on top."""
    base = get_card(conn, card_id, CardReplicaRow)
    pending = pending_for_card(conn, card_id)
    program_id = base.program_id if base else (pending[0].program_id if pending else None)
    if program_id is None:
        return base
    program = get_program(conn, program_id)
    if program is None:
        return None
    return replay(base, program, steps(pending)).card


def cards_with_pending(conn: Connection) -> set[str]:
    return set(
        conn.execute(
            select(JournalRow.card_id)
            .join(JournalSyncRow, JournalSyncRow.seq == JournalRow.seq)
            .where(JournalSyncRow.status.in_(PENDING))
            .distinct()
        ).scalars()
    )


def _upsert(conn: Connection, table: Any, rows: list[dict[str, Any]], newer_only: bool) -> None:
    if not rows:
        return
    stmt = insert(table)
    update = {c: stmt.excluded[c] for c in rows[0] if c != "id"}
    where = stmt.excluded.server_version >= table.server_version if newer_only else None
    conn.execute(stmt.on_conflict_do_update(index_elements=["id"], set_=update, where=where), rows)


def store_server_cards(conn: Connection, cards: Sequence[tuple[Card, int]]) -> None:
    """Record cards as the server sent them (never older over newer), then rebase each.

    Most cards have no pending local work: their local view is the server's card as is, in
    one bulk statement. The few with pending entries are replayed one by one.
    """
    if not cards:
        return
    _upsert(
        conn,
        CardReplicaRow,
        [{**card_values(c), "server_version": v} for c, v in cards],
        newer_only=True,
    )
    pending = cards_with_pending(conn)
    _upsert(conn, CardRow, [card_values(c) for c, _ in cards if c.id not in pending], False)
    for card_id in {c.id for c, _ in cards} & pending:
        save_local(conn, rebased_card(conn, card_id))


def save_local(conn: Connection, card: Card | None) -> None:
    if card is not None:
        _upsert(conn, CardRow, [card_values(card)], newer_only=False)
