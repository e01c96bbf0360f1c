"""A card's earns as a return sees them, from this server's record: what each bought,
what it gave, what earlier returns of it took back (an undone return gives its share back).

Both the push path (a return's cap) and a terminal's question "which earn has this receipt
reference?" read them here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, select

from pos_app.domain.operations import EarnRecord
from sync.protocol import OutcomeStatus
from sync.server.models import TRANSACTIONS

_REFUSED = OutcomeStatus.REFUSED.value

Row = Mapping[str, Any]


def earn_rows(conn: Connection, merchant_id: str, card_id: str) -> list[dict[str, Any]]:
    """The card's stored earns, returns and undos."""
    return [
        dict(r)
        for r in conn.execute(
            select(
                TRANSACTIONS.c.entry_id,
                TRANSACTIONS.c.card_id,
                TRANSACTIONS.c.kind,
                TRANSACTIONS.c.status,
                TRANSACTIONS.c.operation,
                TRANSACTIONS.c.applied_points_delta,
            )
            .where(
                TRANSACTIONS.c.merchant_id == merchant_id,
                TRANSACTIONS.c.card_id == card_id,
                TRANSACTIONS.c.kind.in_(("earn_points", "void_points", "reverse")),
            )
            .order_by(TRANSACTIONS.c.id)
        ).mappings()
    ]


def earn_record(rows: Iterable[Row], of: str | None) -> EarnRecord | None:
    """The earn `of` among `rows` with what its returns took back; None when it is not
    an applied earn there."""
    rows = list(rows)
    undone = {
        json.loads(r["operation"]).get("of_entry_id")
        for r in rows
        if r["kind"] == "reverse" and r["status"] != _REFUSED
    }
    earn = next((r for r in rows if r["entry_id"] == of and r["kind"] == "earn_points"), None)
    if earn is None or earn["status"] == _REFUSED:
        return None
    amount = int(json.loads(earn["operation"])["amount_minor"])
    points = int(earn["applied_points_delta"])
    returned = 0
    for r in rows:
        if r["kind"] != "void_points" or r["status"] == _REFUSED or r["entry_id"] in undone:
            continue
        earlier = json.loads(r["operation"])
        if earlier.get("of_entry_id") == of:
            returned += int(earlier.get("returned_minor") or 0)
    returned = min(returned, amount)
    return EarnRecord(str(of), amount, points, returned, points * returned // amount)


def earn_by_receipt(
    conn: Connection, merchant_id: str, card_id: str, receipt: str
) -> EarnRecord | None:
    """The card's latest applied earn typed with that receipt reference, from any terminal."""
    rows = earn_rows(conn, merchant_id, card_id)
    found = [
        r
        for r in rows
        if r["kind"] == "earn_points"
        and r["status"] != _REFUSED
        and json.loads(r["operation"]).get("receipt") == receipt
    ]
    return None if not found else earn_record(rows, found[-1]["entry_id"])
