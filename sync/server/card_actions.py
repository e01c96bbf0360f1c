"""The operator's card actions: deactivate, reactivate, replace a lost card, adjust.

Each becomes an entry of the merchant's server journal (`server_journal`) and is applied
by `push`, exactly as a manager's at a terminal: same rules, a transaction, the feed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, select

from pos_app.domain.identifiers import format_card_number, new_card_number, new_qr_token
from pos_app.domain.operations import (
    Adjust,
    Applied,
    CardOperation,
    Context,
    Deactivate,
    Reactivate,
    Replace,
    apply,
    op_to_dict,
)
from sync.protocol import EntryOutcome
from sync.server.cards import CARD_FIELDS, card_from_row
from sync.server.db import read
from sync.server.models import CARDS, RETIRED_CODES
from sync.server.programs import merchant_programs
from sync.server.server_journal import ServerEntry, push_as_server

OPERATOR_STAFF = "server:operator"


class CardActionError(Exception):
    """The action cannot be done; the message says why (nothing was changed)."""


def card_action(
    engine: Engine, merchant_id: str, card_number: str, op: CardOperation, now: datetime
) -> EntryOutcome:
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
    program = programs[card.program_id]
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
    response = push_as_server(engine, merchant_id, OPERATOR_STAFF, [entry], now)
    if response is None:
        raise CardActionError(f"merchant {merchant_id!r} has no store")
    answer = response.outcomes[0]
    if answer.code is not None:
        raise CardActionError(answer.reason or answer.code.value)
    return answer


def deactivate_op(reason: str) -> Deactivate:
    return Deactivate(reason.strip())


def reactivate_op() -> Reactivate:
    return Reactivate()


def replace_op() -> Replace:
    return Replace(new_card_number(), new_qr_token())


def adjust_op(points: int, stamps: int, reason: str) -> Adjust:
    return Adjust(points, stamps, reason.strip())
