"""Undo: a compensating entry takes an earlier one back; what was already used stays used."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.card import Card
from pos_app.domain.operations import (
    Applied,
    CardOperation,
    EarnPoints,
    OpKind,
    RedeemPoints,
    RedeemStamps,
    Reverse,
    Stamp,
    VoidPoints,
    apply,
)
from pos_app.domain.refusal import RefusalCode, Refused
from tests.domain.factories import at, card, program

BALANCES = (
    "stamp_count",
    "total_stamps_earned",
    "stamps_redeemed",
    "points_balance",
    "total_points_earned",
    "points_redeemed",
    "total_points_voided",
)


def take_back(
    op: CardOperation, start_points: int = 500, start_stamps: int = 7
) -> tuple[Card, Card]:
    p = program()
    before = card(
        points_balance=start_points,
        total_points_earned=start_points,
        stamp_count=start_stamps,
        total_stamps_earned=start_stamps,
    )
    done = apply(before, p, op, at(0))
    assert isinstance(done, Applied)
    requested = op.points if isinstance(op, VoidPoints) else None
    undo = Reverse("e1", op.kind, done.effect.stamps_delta, done.effect.points_delta, requested)
    undone = apply(done.card, p, undo, at(1))
    assert isinstance(undone, Applied), undone
    assert undone.effect.stamps_delta == -done.effect.stamps_delta
    assert undone.effect.points_delta == -done.effect.points_delta
    return before, undone.card


@pytest.mark.parametrize(
    "op",
    [
        Stamp(2),
        RedeemStamps(),
        EarnPoints(1299),
        RedeemPoints("cake"),
        VoidPoints(30),
        VoidPoints(9999),
    ],
    ids=lambda op: op.kind.value,
)
def test_taking_an_entry_back_restores_every_balance_and_counter(op: CardOperation) -> None:
    before, after = take_back(op)
    for name in BALANCES:
        assert getattr(after, name) == getattr(before, name), name


def test_stamps_already_used_for_a_reward_cannot_be_taken_back() -> None:
    c = card(stamp_count=1, total_stamps_earned=6, stamps_redeemed=1)
    outcome = apply(c, program(), Reverse("e1", OpKind.STAMP, 2, 0), at())
    assert isinstance(outcome, Refused) and outcome.code is RefusalCode.NOT_UNDOABLE
    assert "already used" in outcome.message


def test_points_already_spent_cannot_be_taken_back() -> None:
    c = card(points_balance=10, total_points_earned=60)
    outcome = apply(c, program(), Reverse("e1", OpKind.EARN_POINTS, 0, 50), at())
    assert isinstance(outcome, Refused) and "already spent" in outcome.message


@pytest.mark.parametrize(
    "undo",
    [
        Reverse("e1", OpKind.ENROLL, 0, 20),
        Reverse("e1", OpKind.EXPIRE_POINTS, 0, -5),
        Reverse("e1", OpKind.STAMP, -1, 0),  # deltas that no stamp could have had
        Reverse("e1", OpKind.REDEEM_POINTS, 0, 100),
    ],
)
def test_entries_that_cannot_be_undone_are_refused(undo: Reverse) -> None:
    outcome = apply(card(points_balance=500, stamp_count=5), program(), undo, at())
    assert isinstance(outcome, Refused) and outcome.code is RefusalCode.NOT_UNDOABLE


@given(st.integers(1, 20_000), st.integers(0, 400))
def test_an_earn_and_its_undo_leave_the_card_as_it_was(amount: int, points: int) -> None:
    before, after = take_back(EarnPoints(amount), start_points=points)
    assert replace(after, last_activity_at=None, last_points_at=None) == replace(
        before, last_activity_at=None, last_points_at=None
    )
