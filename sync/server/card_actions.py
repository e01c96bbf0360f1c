"""The operator's card actions: deactivate, reactivate, replace a lost card, adjust, merge.

Each becomes an entry of the merchant's server journal (`server_journal`) and is applied
by `push`, exactly as a manager's at a terminal: same rules, a transaction, the feed.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Engine, select

from pos_app.domain.card import Card
from pos_app.domain.identifiers import format_card_number, new_card_number, new_qr_token
from pos_app.domain.operations import (
    Adjust,
    Applied,
    CardOperation,
    Context,
    Deactivate,
    MergeIn,
    MergeOut,
    Reactivate,
    Replace,
    apply,
    op_to_dict,
)
from pos_app.domain.program import Program
from sync.protocol import EntryOutcome
from sync.server.cards import CARD_FIELDS, card_from_row
from sync.server.db import read
from sync.server.models import CARDS, RETIRED_CODES
from sync.server.programs import merchant_programs
from sync.server.server_journal import ServerEntry, push_as_server

OPERATOR_STAFF = "server:operator"


class CardActionError(Exception):
    """The action cannot be done; the message says why (nothing was changed)."""


def _find_card(engine: Engine, merchant_id: str, card_number: str) -> tuple[Card, Program]:
    """The merchant's card by its number and its program; a replaced card's old number
    names its successor."""
    number = card_number.replace("-", "").strip()
    with read(engine) as conn:
        row = (
            conn.execute(
                select(*(CARDS.c[f] for f in CARD_FIELDS)).where(
                    CARDS.c.merchant_id == merchant_id,
                    CARDS.c.card_number == number,
                    CARDS.c.deleted_at.is_(None),
                )
            )
            .mappings()
            .first()
        )
        programs = merchant_programs(conn, merchant_id)
        successor = conn.execute(
            select(CARDS.c.card_number)
            .join(
                RETIRED_CODES,
                (RETIRED_CODES.c.merchant_id == CARDS.c.merchant_id)
                & (RETIRED_CODES.c.card_id == CARDS.c.id),
            )
            .where(
                RETIRED_CODES.c.merchant_id == merchant_id,
                RETIRED_CODES.c.code_kind == "number",
                RETIRED_CODES.c.value == number,
            )
        ).scalar_one_or_none()
    if row is None and successor is not None:
        raise CardActionError(
            f"card {card_number} was replaced by a new card: {format_card_number(successor)}"
        )
    if row is None:
        raise CardActionError(f"merchant {merchant_id!r} has no card {card_number}")
    card = card_from_row(row)
    return card, programs[card.program_id]


def card_action(
    engine: Engine, merchant_id: str, card_number: str, op: CardOperation, now: datetime
) -> EntryOutcome:
    card, program = _find_card(engine, merchant_id, card_number)
    outcome = apply(card, program, op, Context(now, card.enrolled_at_store))
    if not isinstance(outcome, Applied):
        raise CardActionError(outcome.message)
    entry = ServerEntry(
        card.id,
        card.program_id,
        op_to_dict(op),
        card.enrolled_at_store,
        program.rule_version,
        stamps_delta=outcome.effect.stamps_delta,
        points_delta=outcome.effect.points_delta,
    )
    return _pushed(engine, merchant_id, [entry], now)[0]


def _pushed(
    engine: Engine, merchant_id: str, entries: list[ServerEntry], now: datetime
) -> list[EntryOutcome]:
    """The entries applied through the push path; the first refusal raised (refused
    entries change no balance)."""
    response = push_as_server(engine, merchant_id, OPERATOR_STAFF, entries, now)
    if response is None:
        raise CardActionError(f"merchant {merchant_id!r} has no store")
    for answer in response.outcomes:
        if answer.code is not None:
            raise CardActionError(answer.reason or answer.code.value)
    return list(response.outcomes)


def merge_cards(
    engine: Engine, merchant_id: str, other_number: str, card_number: str, now: datetime
) -> EntryOutcome:
    """Two cards of one customer become one, as a manager's merge at a terminal: the
    other card gives its balances and stops (an entry), the card takes them (a second
    entry naming the first). The push path refuses cards of two customers or programs."""
    giver, program = _find_card(engine, merchant_id, other_number)
    taker, _ = _find_card(engine, merchant_id, card_number)
    if giver.id == taker.id:
        raise CardActionError("A card cannot be merged into itself.")
    if giver.program_id != taker.program_id:
        raise CardActionError("Only cards of one program can merge.")
    if not taker.is_active:
        raise CardActionError("The card that stays is not active.")
    out = apply(giver, program, MergeOut(taker.id), Context(now, giver.enrolled_at_store))
    if not isinstance(out, Applied):
        raise CardActionError(out.message)
    out_id = uuid.uuid4()
    given = MergeIn(giver.id, str(out_id), -out.effect.stamps_delta, -out.effect.points_delta)
    entries = [
        ServerEntry(
            giver.id,
            program.id,
            op_to_dict(MergeOut(taker.id)),
            giver.enrolled_at_store,
            program.rule_version,
            stamps_delta=out.effect.stamps_delta,
            points_delta=out.effect.points_delta,
            entry_id=out_id,
        ),
        ServerEntry(
            taker.id,
            program.id,
            op_to_dict(given),
            taker.enrolled_at_store,
            program.rule_version,
            stamps_delta=given.stamps,
            points_delta=given.points,
        ),
    ]
    return _pushed(engine, merchant_id, entries, now)[1]


def deactivate_op(reason: str) -> Deactivate:
    return Deactivate(reason.strip())


def reactivate_op() -> Reactivate:
    return Reactivate()


def replace_op() -> Replace:
    return Replace(new_card_number(), new_qr_token())


def adjust_op(points: int, stamps: int, reason: str) -> Adjust:
    return Adjust(points, stamps, reason.strip())
