"""The card's life and returns as pure rules: what each changes, what each refuses."""

from __future__ import annotations

from pos_app.domain.operations import (
    Adjust,
    Applied,
    Deactivate,
    EarnRecord,
    MergeIn,
    MergeOut,
    Reactivate,
    Replace,
    Stamp,
    VoidPoints,
    apply,
    op_from_dict,
    op_to_dict,
    points_expiry,
    return_of,
)
from pos_app.domain.refusal import RefusalCode, Refused
from tests.domain.factories import T0, at, card, program


def test_a_deactivated_card_keeps_its_balances_refuses_everything_until_reactivated() -> None:
    start = card(points_balance=70, stamp_count=3)
    off = apply(start, program(), Deactivate("lost"), at())
    assert isinstance(off, Applied) and not off.card.is_active
    assert (off.card.points_balance, off.card.stamp_count) == (70, 3)
    refused = apply(off.card, program(), Stamp(), at(1))
    assert isinstance(refused, Refused) and refused.code is RefusalCode.CARD_INACTIVE
    on = apply(off.card, program(), Reactivate(), at(2))
    assert isinstance(on, Applied) and on.card.is_active
    again = apply(on.card, program(), Reactivate(), at(3))
    assert isinstance(again, Refused) and again.code is RefusalCode.CARD_ACTIVE


def test_a_replaced_card_is_the_same_card_under_a_new_number_and_code() -> None:
    start = card(points_balance=70, is_active=False)
    new = apply(start, program(), Replace("999988887777", "B" * 32), at())
    assert isinstance(new, Applied)
    assert (new.card.id, new.card.card_number, new.card.is_active) == ("c1", "999988887777", True)
    assert new.card.points_balance == 70
    same = apply(start, program(), Replace(start.card_number, "C" * 32), at())
    assert isinstance(same, Refused)


def test_an_adjustment_needs_a_reason_and_never_overdraws() -> None:
    start = card(points_balance=30)
    assert isinstance(apply(start, program(), Adjust(10, 0, " "), at()), Refused)
    over = apply(start, program(), Adjust(-31, 0, "typo"), at())
    assert isinstance(over, Refused) and over.code is RefusalCode.INSUFFICIENT_POINTS
    down = apply(start, program(), Adjust(-30, 2, "typo"), at())
    assert isinstance(down, Applied)
    assert (down.card.points_balance, down.card.total_points_voided, down.card.stamp_count) == (
        0,
        30,
        2,
    )


def test_merging_moves_the_balances_and_stops_the_other_card() -> None:
    other = card(id="c2", points_balance=40, stamp_count=2)
    out = apply(other, program(), MergeOut("c1"), at())
    assert isinstance(out, Applied) and not out.card.is_active
    assert (out.effect.points_delta, out.effect.stamps_delta) == (-40, -2)
    into = apply(card(points_balance=5), program(), MergeIn("c2", "e1", 2, 40), at())
    assert isinstance(into, Applied) and into.card.points_balance == 45
    assert isinstance(apply(other, program(), MergeOut("c2"), at()), Refused)


def test_returns_take_the_earn_s_rate_in_parts_and_never_more_than_it_gave() -> None:
    earn = EarnRecord("e1", amount_minor=3_000, points=45)  # 30.00 at 1.5 a unit
    third = return_of(earn, 1_000)
    assert third == VoidPoints(15, "e1", 1_000)
    after = EarnRecord("e1", 3_000, 45, returned_minor=1_000, returned_points=15)
    assert return_of(after, 2_000) == VoidPoints(30, "e1", 2_000)
    too_much = return_of(after, 2_001)
    assert isinstance(too_much, Refused) and "at most 20.00" in too_much.message
    done = EarnRecord("e1", 3_000, 45, returned_minor=3_000, returned_points=45)
    assert isinstance(return_of(done, 1), Refused)
    # A tied return round-trips as the journal stores it; a plain void hashes as before.
    assert op_from_dict(op_to_dict(VoidPoints(15, "e1", 1_000))) == VoidPoints(15, "e1", 1_000)
    assert op_to_dict(VoidPoints(5)) == {"kind": "void_points", "points": 5}


def test_the_card_says_when_its_points_expire() -> None:
    lapsing = program(points_expiry_days=30)
    due = points_expiry(card(points_balance=12, last_points_at=T0), lapsing)
    assert due is not None and (due.points, due.on.isoformat()) == (12, "2026-04-01")
    assert points_expiry(card(points_balance=0, last_points_at=T0), lapsing) is None
    assert points_expiry(card(points_balance=12, last_points_at=T0), program()) is None
