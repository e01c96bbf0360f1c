"""Provisional cards: which scanned reference each stands for, and forgetting settled ones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select

from pos_app.domain.identifiers import CardRef
from pos_app.store.schema import Base, JournalRow, JournalSyncRow, ProvisionalCardRow

_TABLE = Base.metadata.tables[ProvisionalCardRow.__tablename__]


@dataclass(frozen=True, slots=True)
class ProvisionalCard:
    card_id: str
    ref: CardRef
    program_id: str


def _from_row(row: Row[Any]) -> ProvisionalCard:
    ref = CardRef.token(row.ref_value) if row.ref_kind == "token" else CardRef.number(row.ref_value)
    return ProvisionalCard(row.id, ref, row.program_id)


def provisional_by_ref(conn: Connection, ref: CardRef) -> ProvisionalCard | None:
    row = conn.execute(
        select(_TABLE).where(_TABLE.c.ref_kind == ref.kind, _TABLE.c.ref_value == ref.value)
    ).first()
    return None if row is None else _from_row(row)


def provisional_by_id(conn: Connection, card_id: str) -> ProvisionalCard | None:
    row = conn.execute(select(_TABLE).where(_TABLE.c.id == card_id)).first()
    return None if row is None else _from_row(row)


def remember_provisional(conn: Connection, card: ProvisionalCard, created_at: str) -> None:
    conn.execute(
        insert(_TABLE).values(
            id=card.card_id,
            ref_kind=card.ref.kind,
            ref_value=card.ref.value,
            program_id=card.program_id,
            created_at=created_at,
        )
    )


def forget_settled_provisional(conn: Connection) -> None:
    """Drop provisional cards whose every entry the server has answered."""
    waiting = (
        select(JournalRow.card_id)
        .join(JournalSyncRow, JournalSyncRow.seq == JournalRow.seq)
        .where(JournalSyncRow.status.in_(("pending", "sent")))
    )
    conn.execute(delete(_TABLE).where(_TABLE.c.id.not_in(waiting)))
