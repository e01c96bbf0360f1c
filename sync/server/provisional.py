"""Provisional stamps: a terminal stamped a card it did not know yet; the server names it.

The terminal journals such a stamp against an id of its own and the card as it scanned it
(`Stamp.card_ref`). The server applies it to its card of that token or number, in the
entry's program and the terminal's merchant, as an ordinary stamp: the same rules, locks
and outcome, which carries the real card back to the terminal. No such card: the entry
keeps the terminal's id and is refused as an unknown card, like any other.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, select

from pos_app.domain.operations import Operation, Reverse, Stamp
from sync.server.models import CARDS, TRANSACTIONS


def provisional_card_id(
    conn: Connection, merchant_id: str, program_id: str, op: Operation
) -> str | None:
    """The server's card a provisional stamp names, or None (not provisional, or no card)."""
    if not isinstance(op, Stamp) or op.card_ref is None:
        return None
    ref = op.card_ref
    column = CARDS.c.qr_token if ref.kind == "token" else CARDS.c.card_number
    found = conn.execute(
        select(CARDS.c.id).where(
            CARDS.c.merchant_id == merchant_id,
            CARDS.c.program_id == program_id,
            column == ref.value,
            CARDS.c.deleted_at.is_(None),
        )
    ).scalar_one_or_none()
    return None if found is None else str(found)


def reversal_card_id(
    conn: Connection,
    terminal_id: str,
    merchant_id: str,
    card_id: str,
    op: Operation,
    earlier: Mapping[str, str],
) -> str | None:
    """The card an undo of a provisional stamp applies to: the one the stamp went to.

    None for anything else: an undo on a card the server knows names its card itself.
    `earlier` maps the batch's earlier entries to the cards they were applied to.
    """
    if not isinstance(op, Reverse):
        return None
    known = conn.execute(
        select(CARDS.c.id).where(CARDS.c.id == card_id, CARDS.c.merchant_id == merchant_id)
    ).first()
    if known is not None:
        return None
    if op.of_entry_id in earlier:
        return earlier[op.of_entry_id]
    found = conn.execute(
        select(TRANSACTIONS.c.card_id).where(
            TRANSACTIONS.c.merchant_id == merchant_id,
            TRANSACTIONS.c.entry_id == op.of_entry_id,
            TRANSACTIONS.c.terminal_id == terminal_id,
        )
    ).scalar_one_or_none()
    return None if found is None else str(found)
