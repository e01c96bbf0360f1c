"""Replaced cards' old numbers and QR tokens: they answer "replaced by a new card"."""

from __future__ import annotations

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from pos_app.domain.identifiers import CardRef
from pos_app.store.schema import Base, RetiredCodeRow

_RETIRED = Base.metadata.tables[RetiredCodeRow.__tablename__]


def remember_retired(conn: Connection, code_kind: str, value: str, card_id: str) -> None:
    statement = insert(_RETIRED).values(code_kind=code_kind, value=value, card_id=card_id)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["code_kind", "value"], set_={"card_id": card_id}
        )
    )


def replaced_by(conn: Connection, ref: CardRef) -> str | None:
    """The id of the card that replaced the one `ref` names, if it was replaced."""
    found = conn.execute(
        select(_RETIRED.c.card_id).where(
            _RETIRED.c.code_kind == ref.kind, _RETIRED.c.value == ref.value
        )
    ).scalar_one_or_none()
    return None if found is None else str(found)
