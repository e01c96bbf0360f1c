"""Reading and writing cards: the cashier's view, this terminal's own versions, the replica.

Reads go through `card_view` unless a caller asks for one table. Writes at the counter go
to `cards`, which holds a card only while this terminal's version differs from the replica.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, Select, Table, bindparam, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pos_app.domain.card import Card, card_from_dict, card_to_dict
from pos_app.domain.identifiers import CardRef
from pos_app.store.schema import CARD_VIEW, Base, CardReplicaRow, CardRow

LOCAL = Base.metadata.tables[CardRow.__tablename__]
REPLICA = Base.metadata.tables[CardReplicaRow.__tablename__]
VIEW = CARD_VIEW
CARD_COLUMNS = tuple(c.name for c in LOCAL.columns)

# Statements built once: a scan runs them on every operation, and building a statement (and
# its cache key) costs more than SQLite takes to run it.
_BY_KEY: dict[tuple[str, str], Select[Any]] = {}
for _t in (VIEW, LOCAL, REPLICA):
    for _key in ("id", "card_number", "qr_token"):
        _BY_KEY[_t.name, _key] = select(*(_t.c[n] for n in CARD_COLUMNS)).where(
            _t.c[_key] == bindparam("value")
        )
_SAVE = update(LOCAL).where(LOCAL.c.id == bindparam("card_id"))
_UPSERT = sqlite_insert(LOCAL)
_UPSERT = _UPSERT.on_conflict_do_update(
    index_elements=["id"], set_={n: _UPSERT.excluded[n] for n in CARD_COLUMNS if n != "id"}
)


def card_values(card: Card) -> dict[str, Any]:
    """Column values of a card: the JSON form is already the text form we store."""
    return card_to_dict(card)


def card_from_row(row: Row[Any]) -> Card:
    return card_from_dict({name: getattr(row, name) for name in CARD_COLUMNS})


def find_card(conn: Connection, ref: CardRef, table: Table = VIEW) -> Card | None:
    key = "card_number" if ref.kind == "number" else "qr_token"
    row = conn.execute(_BY_KEY[table.name, key], {"value": ref.value}).first()
    return None if row is None else card_from_row(row)


def get_card(conn: Connection, card_id: str, table: Table = VIEW) -> Card | None:
    row = conn.execute(_BY_KEY[table.name, "id"], {"value": card_id}).first()
    return None if row is None else card_from_row(row)


def insert_card(conn: Connection, card: Card, table: Table = LOCAL) -> None:
    conn.execute(insert(table).values(card_values(card)))


def save_card(conn: Connection, card: Card, before: Card | None = None) -> None:
    """Write this terminal's version of a card (it has just changed here).

    Given the card as it was read (`before`), a version already in `cards` is updated in
    only the columns that changed: SQLite rewrites the index entries of every indexed column
    a SET names, changed or not, so rewriting the number and token would cost two more
    random page writes per stamp. A card read from the replica gets its first local row.
    """
    if before is not None and before.id != card.id:
        raise ValueError(f"card {card.id} saved over card {before.id}")
    values = card_values(card)
    if before is not None:
        old = card_values(before)
        changed = {name: value for name, value in values.items() if old[name] != value}
        if not changed:
            return
        if conn.execute(_SAVE, {**changed, "card_id": card.id}).rowcount == 1:
            return
    conn.execute(_UPSERT, values)


def stamp_day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)
