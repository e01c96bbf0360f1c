"""Times at the ends of the calendar: the rules answer, they never overflow."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from pos_app.domain.instants import later
from pos_app.domain.operations import Applied, Context, ExpirePoints, Stamp, apply
from pos_app.domain.pin import SignInState, after_attempt, locked
from pos_app.domain.refusal import RefusalCode, Refused
from tests.domain.factories import STORE, T0, card, program

LAST_MINUTE = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
EDGES = [
    LAST_MINUTE,
    datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-14))),
    datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=14))),
]


@pytest.mark.parametrize("edge", EDGES, ids=str)
def test_a_stamp_at_the_edge_of_time_and_the_next_one_after_it(edge: datetime) -> None:
    rules = program(cooldown_minutes=10)
    first = apply(card(), rules, Stamp(), Context(edge, STORE))
    assert isinstance(first, Applied)

    again = apply(first.card, rules, Stamp(), Context(edge, STORE))

    assert isinstance(again, Refused) and again.code == RefusalCode.COOLDOWN


def test_a_card_stamped_at_the_last_minute_is_in_cooldown_for_a_real_clock() -> None:
    stamped = card(last_stamp_at=LAST_MINUTE)

    outcome = apply(stamped, program(cooldown_minutes=10**9), Stamp(), Context(T0, STORE))

    assert isinstance(outcome, Refused) and outcome.code == RefusalCode.COOLDOWN


def test_points_earned_at_the_last_minute_do_not_expire() -> None:
    earned = card(points_balance=10, last_points_at=LAST_MINUTE)

    outcome = apply(earned, program(points_expiry_days=365), ExpirePoints(), Context(T0, STORE))

    assert isinstance(outcome, Refused) and "9999-12-31" in outcome.message


def test_a_lockout_at_the_last_minute_ends_at_the_last_instant() -> None:
    state = SignInState(failed_attempts=4, locked_until=None)

    after = after_attempt(state, success=False, now=LAST_MINUTE)

    assert after.locked_until == datetime.max.replace(tzinfo=UTC)
    assert locked(after, LAST_MINUTE)


def test_later_saturates_in_the_offset_it_was_given() -> None:
    minus_14 = timezone(timedelta(hours=-14))
    assert later(EDGES[1], minutes=120) == datetime.max.replace(tzinfo=minus_14)
    assert later(T0, days=1) == T0 + timedelta(days=1)
    assert later(T0, minutes=10**12) == datetime.max.replace(tzinfo=UTC)
