"""Cards between the database, the domain rules and the wire.

The change feed may serialise a million cards, so the wire form is built as plain dicts
straight from Core rows (no ORM object, no pydantic model per card); the tests check it
against `WireCard`.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Column

from pos_app.domain.card import TEMPORAL_FIELDS, Card
from sync.server.models import CARDS

CARD_FIELDS: tuple[str, ...] = tuple(Card.__dataclass_fields__)
# Card fields that change when an operation is applied (identity never does).
MUTABLE_FIELDS: tuple[str, ...] = tuple(
    f
    for f in CARD_FIELDS
    if f not in {"id", "card_number", "qr_token", "merchant_id", "enrolled_at_store"}
)
WIRE_COLUMNS: tuple[Column[Any], ...] = (*(CARDS.c[f] for f in CARD_FIELDS), CARDS.c.version)


def card_from_row(row: Mapping[Any, Any]) -> Card:
    return Card(**{f: row[f] for f in CARD_FIELDS})


def card_values(card: Card) -> dict[str, Any]:
    """Every card-model column, as a dict for INSERT or UPDATE."""
    return {f: getattr(card, f) for f in CARD_FIELDS}


_card_values = operator.attrgetter(*CARD_FIELDS)


def wire_card(card: Card, version: int) -> dict[str, Any]:
    """The `WireCard` JSON of a domain card (a push answers with hundreds of them)."""
    out = dict(zip(CARD_FIELDS, _card_values(card), strict=True))
    for f in TEMPORAL_FIELDS:
        value: date | None = out[f]
        if value is not None:
            out[f] = value.isoformat()
    out["version"] = version
    return out


def wire_card_from_row(row: Mapping[Any, Any]) -> dict[str, Any]:
    """The `WireCard` JSON of a row selected with WIRE_COLUMNS."""
    out = dict(row)
    for f in TEMPORAL_FIELDS:
        value = out[f]
        if value is not None:
            out[f] = value.isoformat()
    return out
