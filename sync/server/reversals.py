"""Undo, server side: a reversal takes back exactly what the server applied, and only once.

A terminal's Undo carries the deltas it applied locally. The server trusts none of that: the
entry being undone must be one this terminal sent for the same card, the server must have
applied it (a refused entry has nothing to take back), it must not be undone already, and
the amounts reversed are the ones the server applied (an adjusted void differs).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, and_, select

from pos_app.domain.operations import Reverse
from pos_app.domain.refusal import RefusalCode, Refused
from sync.server.models import TRANSACTIONS

APPLIED = ("applied", "adjusted")


def _refused(why: str) -> Refused:
    return Refused(RefusalCode.NOT_UNDOABLE, f"Cannot undo: {why}")


def checked_reversal(
    conn: Connection,
    merchant_id: str,
    terminal_id: str,
    card_id: str,
    op: Reverse,
    earlier_in_batch: Mapping[str, Mapping[str, Any]],
) -> Reverse | Refused:
    """The reversal to apply (with the server's amounts), or why it cannot be applied."""
    original = earlier_in_batch.get(op.of_entry_id)
    if original is None:
        row = (
            conn.execute(
                select(TRANSACTIONS).where(
                    TRANSACTIONS.c.merchant_id == merchant_id,
                    TRANSACTIONS.c.entry_id == op.of_entry_id,
                )
            )
            .mappings()
            .first()
        )
        original = dict(row) if row is not None else None
    if original is None or original["terminal_id"] != terminal_id:
        return _refused("the entry to take back is not known from this terminal.")
    if original["card_id"] != card_id or original["kind"] != op.of_kind.value:
        return _refused("the entry to take back is of another card or kind.")
    if original["status"] not in APPLIED:
        return _refused("the server had refused that entry; there is nothing to take back.")
    if _already_reversed(conn, card_id, op.of_entry_id, earlier_in_batch):
        return _refused("it was already undone.")
    requested = op.requested_points
    if original["kind"] == "void_points":
        requested = json.loads(original["operation"])["points"]
    return Reverse(
        op.of_entry_id,
        op.of_kind,
        original["applied_stamps_delta"],
        original["applied_points_delta"],
        requested,
    )


def _already_reversed(
    conn: Connection,
    card_id: str,
    entry_id: str,
    earlier_in_batch: Mapping[str, Mapping[str, Any]],
) -> bool:
    rows = list(
        conn.execute(
            select(TRANSACTIONS.c.operation).where(
                and_(
                    TRANSACTIONS.c.card_id == card_id,
                    TRANSACTIONS.c.kind == "reverse",
                    TRANSACTIONS.c.status.in_(APPLIED),
                )
            )
        ).scalars()
    )
    rows += [
        r["operation"]
        for r in earlier_in_batch.values()
        if r["kind"] == "reverse" and r["card_id"] == card_id and r["status"] in APPLIED
    ]
    return any(json.loads(text).get("of_entry_id") == entry_id for text in rows)
