"""Reading and writing cards: the local view (`cards`) and the server replica (`card_replica`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, Select, bindparam, insert, select, update

from pos_app.domain.card import Card, card_from_dict, card_to_dict
from pos_app.domain.identifiers import CardRef
from pos_app.store.schema import Base, CardReplicaRow, CardRow

CardTable = type[CardRow] | type[CardReplicaRow]
_COLUMNS = [c.name for c in CardRow.__table__.columns]

# Statements built once: a scan runs them on every operation, and building a statement (and
# its cache key) costs more than SQLite takes to run it.
_BY_KEY: dict[tuple[str, str], Select[Any]] = {}
_CARDS = Base.metadata.tables[CardRow.__tablename__]
for _t in (_CARDS, Base.metadata.tables[CardReplicaRow.__tablename__]):
    for _key in ("id", "card_number", "qr_token"):
        _BY_KEY[_t.name, _key] = select(_t).where(_t.c[_key] == bindparam("value"))
_SAVE = update(_CARDS).where(_CARDS.c.id == bindparam("card_id"))


def card_values(card: Card) -> dict[str, Any]:
    """Column values of a card: the JSON form is already the text form we store."""
    return card_to_dict(card)


def card_from_row(row: Row[Any]) -> Card:
    return card_from_dict({name: getattr(row, name) for name in _COLUMNS})


def find_card(conn: Connection, ref: CardRef, table: CardTable = CardRow) -> Card | None:
    key = "card_number" if ref.kind == "number" else "qr_token"
    row = conn.execute(_BY_KEY[table.__tablename__, key], {"value": ref.value}).first()
    return None if row is None else card_from_row(row)


def get_card(conn: Connection, card_id: str, table: CardTable = CardRow) -> Card | None:
    row = conn.execute(_BY_KEY[table.__tablename__, "id"], {"value": card_id}).first()
    return None if row is None else card_from_row(row)


def insert_card(conn: Connection, card: Card, table: CardTable = CardRow) -> None:
    conn.execute(insert(table).values(card_values(card)))


def save_card(conn: Connection, card: Card, before: Card | None = None) -> None:
    """Write the local view of a card that already exists.

    Given the card as it was read (`before`), only the columns that changed are written:
    SQLite rewrites the index entries of every indexed column a SET names, changed or not,
    so rewriting the number and token would cost two more random page writes per stamp.
    """
    if before is not None and before.id != card.id:
        raise ValueError(f"card {card.id} saved over card {before.id}")
    values = card_values(card)
    del values["id"]
    if before is not None:
        old = card_values(before)
        values = {name: value for name, value in values.items() if old[name] != value}
        if not values:
            return
    values["card_id"] = card.id
    conn.execute(_SAVE, values)


def stamp_day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)
