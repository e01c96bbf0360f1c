"""Checking a terminal database end to end: the journal chain, and every card against replay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, select

from pos_app.domain.card import Card
from pos_app.domain.operations import Context, Operation
from pos_app.domain.replay import replay
from pos_app.store import Store
from pos_app.store.cards import get_card
from pos_app.store.journal import ChainReport, JournalEntry, pending_for_card, verify_chain
from pos_app.store.programs import get_program
from pos_app.store.schema import CardReplicaRow, CardRow, JournalRow, JournalSyncRow


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    chain: ChainReport
    cards_checked: int
    mismatched_cards: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.chain.ok and not self.mismatched_cards


def steps(entries: list[JournalEntry]) -> list[tuple[Operation, Context]]:
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


def check_cards(conn: Connection) -> tuple[int, tuple[str, ...]]:
    """Compare every local card with its rebase; return the count and the ids that differ.

    Cards with pending entries are replayed one by one; the rest (most of a large store)
    must equal their replica exactly, which one set difference in SQL checks at once.
    """
    pending_ids = set(
        conn.execute(
            select(JournalRow.card_id)
            .join(JournalSyncRow, JournalSyncRow.seq == JournalRow.seq)
            .where(JournalSyncRow.status.in_(("pending", "sent")))
            .distinct()
        ).scalars()
    )
    bad = [cid for cid in sorted(pending_ids) if get_card(conn, cid) != rebased_card(conn, cid)]
    columns = [c.name for c in CardRow.__table__.columns]
    local = select(*[CardRow.__table__.c[n] for n in columns])
    replica = select(*[CardReplicaRow.__table__.c[n] for n in columns])
    differing = conn.execute(select(local.except_(replica).subquery().c.id)).scalars()
    bad.extend(cid for cid in differing if cid not in pending_ids)
    checked = conn.execute(select(func.count()).select_from(CardRow)).scalar_one()
    return checked, tuple(bad)


def check_store(store: Store, with_cards: bool = True) -> IntegrityReport:
    with store.read() as conn:
        chain = verify_chain(conn)
        checked, bad = check_cards(conn) if with_cards else (0, ())
    return IntegrityReport(chain, checked, bad)
