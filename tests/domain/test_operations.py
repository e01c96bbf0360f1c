"""The card rules, operation by operation, as the merchant platform defines them."""

from __future__ import annotations

from datetime import datetime

import pytest

from pos_app.domain.operations import (
    Applied,
    Context,
    EarnPoints,
    Enroll,
    ExpirePoints,
    RedeemPoints,
    RedeemStamps,
    Stamp,
    VoidPoints,
    apply,
    enroll,
    op_from_dict,
    op_to_dict,
)
from pos_app.domain.program import ProgramKind
from pos_app.domain.refusal import RefusalCode, Refused
from tests.domain.factories import T0, at, card, program


def applied(outcome: Applied | Refused) -> Applied:
    assert isinstance(outcome, Applied), outcome
    return outcome


def refused(outcome: Applied | Refused, code: RefusalCode) -> Refused:
    assert isinstance(outcome, Refused), outcome
    assert outcome.code == code
    return outcome


class TestStamp:
    def test_adds_to_the_count_and_the_lifetime_total(self) -> None:
        result = applied(
            apply(card(stamp_count=2, total_stamps_earned=7), program(), Stamp(), at())
        )
        assert result.card.stamp_count == 3
        assert result.card.total_stamps_earned == 8
        assert result.card.last_stamp_at == T0
        assert result.effect.stamps_delta == 1

    def test_within_the_cooldown_is_refused_with_the_minutes_left(self) -> None:
        p = program(cooldown_minutes=30)
        first = applied(apply(card(), p, Stamp(), at(0))).card
        outcome = refused(apply(first, p, Stamp(), at(10.5)), RefusalCode.COOLDOWN)
        assert "20 minutes" in outcome.message

    def test_one_minute_left_is_said_in_the_singular(self) -> None:
        p = program(cooldown_minutes=30)
        first = applied(apply(card(), p, Stamp(), at(0))).card
        assert (
            "1 minute." in refused(apply(first, p, Stamp(), at(29.5)), RefusalCode.COOLDOWN).message
        )

    def test_after_the_cooldown_is_accepted(self) -> None:
        p = program(cooldown_minutes=30)
        first = applied(apply(card(), p, Stamp(), at(0))).card
        assert applied(apply(first, p, Stamp(), at(30))).card.stamp_count == 2

    def test_over_the_daily_cap_is_refused(self) -> None:
        p = program(daily_stamp_cap=2)
        c = applied(apply(card(), p, Stamp(2), at(0))).card
        outcome = refused(apply(c, p, Stamp(), at(60)), RefusalCode.DAILY_CAP)
        assert "2 stamps" in outcome.message

    def test_the_daily_cap_starts_again_the_next_day(self) -> None:
        p = program(daily_stamp_cap=2)
        c = applied(apply(card(), p, Stamp(2), at(0))).card
        assert applied(apply(c, p, Stamp(), at(24 * 60))).card.stamps_on_day == 1

    @pytest.mark.parametrize("count", [0, -1, 11])
    def test_a_count_outside_one_to_the_scan_limit_is_refused(self, count: int) -> None:
        refused(apply(card(), program(), Stamp(count), at()), RefusalCode.INVALID_AMOUNT)

    def test_a_points_only_program_has_no_stamps(self) -> None:
        p = program(kind=ProgramKind.POINTS)
        refused(apply(card(), p, Stamp(), at()), RefusalCode.WRONG_PROGRAM_TYPE)


class TestRedeemStamps:
    def test_subtracts_the_target_and_counts_a_reward(self) -> None:
        result = applied(apply(card(stamp_count=7), program(stamps_target=5), RedeemStamps(), at()))
        assert result.card.stamp_count == 2
        assert result.card.stamps_redeemed == 1
        assert result.card.last_redemption_at == T0
        assert result.effect.stamps_delta == -5

    def test_short_of_the_target_is_refused_with_how_many_to_go(self) -> None:
        outcome = apply(card(stamp_count=3), program(stamps_target=5), RedeemStamps(), at())
        assert "2 to go" in refused(outcome, RefusalCode.INSUFFICIENT_STAMPS).message


class TestEarnPoints:
    def test_points_are_the_amount_times_the_rate_rounded_down(self) -> None:
        # 12.99 at 1.5 points per unit is 19.485 points: the customer gets 19.
        result = applied(apply(card(), program(), EarnPoints(1299), at()))
        assert result.card.points_balance == 19
        assert result.card.total_points_earned == 19
        assert result.card.last_points_at == T0

    @pytest.mark.parametrize("amount", [0, -100, 100_000_001 * 100])
    def test_zero_negative_and_absurd_amounts_are_refused(self, amount: int) -> None:
        refused(apply(card(), program(), EarnPoints(amount), at()), RefusalCode.INVALID_AMOUNT)

    def test_a_stamps_only_program_has_no_points(self) -> None:
        p = program(kind=ProgramKind.STAMPS)
        refused(apply(card(), p, EarnPoints(100), at()), RefusalCode.WRONG_PROGRAM_TYPE)


class TestRedeemPoints:
    def test_takes_the_catalogue_cost(self) -> None:
        result = applied(apply(card(points_balance=150), program(), RedeemPoints("cake"), at()))
        assert result.card.points_balance == 50
        assert result.card.points_redeemed == 100

    def test_a_balance_that_does_not_cover_it_is_refused(self) -> None:
        outcome = apply(card(points_balance=99), program(), RedeemPoints("cake"), at())
        assert "costs 100" in refused(outcome, RefusalCode.INSUFFICIENT_POINTS).message

    def test_a_reward_not_in_the_catalogue_is_refused(self) -> None:
        outcome = apply(card(points_balance=999), program(), RedeemPoints("yacht"), at())
        refused(outcome, RefusalCode.UNKNOWN_REWARD)


class TestVoidPoints:
    def test_takes_points_back(self) -> None:
        result = applied(apply(card(points_balance=80), program(), VoidPoints(30), at()))
        assert result.card.points_balance == 50
        assert result.card.total_points_voided == 30
        assert not result.effect.adjusted

    def test_clamps_the_balance_at_zero_but_counts_the_full_void(self) -> None:
        result = applied(apply(card(points_balance=20), program(), VoidPoints(50), at()))
        assert result.card.points_balance == 0
        assert result.card.total_points_voided == 50
        assert result.effect.points_delta == -20
        assert result.effect.adjusted
        assert result.effect.requested_points == 50

    @pytest.mark.parametrize("points", [0, -5])
    def test_non_positive_voids_are_refused(self, points: int) -> None:
        refused(apply(card(), program(), VoidPoints(points), at()), RefusalCode.INVALID_AMOUNT)


class TestExpirePoints:
    def test_expires_the_balance_after_the_inactivity_period(self) -> None:
        c = card(points_balance=70, last_points_at=T0)
        result = applied(apply(c, program(points_expiry_days=30), ExpirePoints(), at(30 * 1440)))
        assert result.card.points_balance == 0
        assert result.card.total_points_voided == 70

    def test_points_still_valid_are_not_expired(self) -> None:
        c = card(points_balance=70, last_points_at=T0)
        outcome = apply(c, program(points_expiry_days=30), ExpirePoints(), at(29 * 1440))
        refused(outcome, RefusalCode.NOTHING_TO_EXPIRE)

    def test_a_program_without_expiry_expires_nothing(self) -> None:
        c = card(points_balance=70, last_points_at=T0)
        refused(apply(c, program(), ExpirePoints(), at(10**6)), RefusalCode.NOTHING_TO_EXPIRE)


class TestEveryOperation:
    def test_an_inactive_card_is_refused(self) -> None:
        refused(apply(card(is_active=False), program(), Stamp(), at()), RefusalCode.CARD_INACTIVE)

    def test_a_single_store_program_refuses_cards_from_other_stores(self) -> None:
        p = program(cross_store=False)
        refused(apply(card(), p, Stamp(), at(store="store-2")), RefusalCode.OTHER_STORE)

    def test_a_cross_store_program_accepts_them(self) -> None:
        applied(apply(card(), program(), Stamp(), at(store="store-2")))

    def test_a_naive_clock_is_a_programming_error(self) -> None:
        with pytest.raises(ValueError, match="timezone-aware"):
            Context(datetime(2026, 1, 1), "store-1")


class TestEnroll:
    def test_gives_the_welcome_bonus_of_the_program(self) -> None:
        p = program(welcome_bonus_points=25, welcome_bonus_stamps=1)
        result = enroll(Enroll("c9", "111122223333", "B" * 32, "Ann"), p, at())
        assert result.card.points_balance == 25
        assert result.card.stamp_count == 1
        assert result.card.enrolled_at_store == "store-1"
        assert result.card.customer_name == "Ann"

    def test_a_stamps_program_gives_no_welcome_points(self) -> None:
        p = program(kind=ProgramKind.STAMPS, welcome_bonus_points=25)
        assert enroll(Enroll("c9", "111122223333", "B" * 32), p, at()).card.points_balance == 0


@pytest.mark.parametrize(
    "op",
    [
        Enroll("c9", "111122223333", "B" * 32, "Zoë"),
        Stamp(3),
        RedeemStamps(),
        EarnPoints(1250),
        RedeemPoints("cake"),
        VoidPoints(5),
        ExpirePoints(),
    ],
)
def test_operations_survive_their_journal_form(op: object) -> None:
    assert op_from_dict(op_to_dict(op)) == op  # type: ignore[arg-type]
