"""Invariants of the card rules over any sequence of operations (property-based)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.card import Card
from pos_app.domain.operations import (
    Applied,
    CardOperation,
    Context,
    EarnPoints,
    Enroll,
    ExpirePoints,
    Operation,
    RedeemPoints,
    RedeemStamps,
    Stamp,
    VoidPoints,
    apply,
    enroll,
)
from pos_app.domain.program import Program, ProgramKind
from pos_app.domain.replay import replay
from tests.domain.factories import T0, program

LIFETIME = (
    "total_stamps_earned",
    "stamps_redeemed",
    "total_points_earned",
    "points_redeemed",
    "total_points_voided",
)

programs = st.builds(
    lambda kind, target, cooldown, cap, expiry, bonus: program(
        kind=kind,
        stamps_target=target,
        cooldown_minutes=cooldown,
        daily_stamp_cap=cap,
        points_expiry_days=expiry,
        welcome_bonus_points=bonus,
    ),
    st.sampled_from(list(ProgramKind)),
    st.integers(1, 12),
    st.sampled_from([0, 0, 5, 60]),
    st.sampled_from([None, 3, 10]),
    st.sampled_from([None, 1, 30]),
    st.integers(0, 50),
)

operations: st.SearchStrategy[CardOperation] = st.one_of(
    st.builds(Stamp, st.integers(-1, 12)),
    st.just(RedeemStamps()),
    st.builds(EarnPoints, st.integers(-500, 50_000)),
    st.builds(RedeemPoints, st.sampled_from(["cake", "mug", "nothing"])),
    st.builds(VoidPoints, st.integers(-5, 600)),
    st.just(ExpirePoints()),
)

# Minutes between operations: bursts at the counter, and gaps of days.
gaps = st.one_of(st.integers(0, 10), st.integers(0, 60 * 24 * 40))
histories = st.lists(st.tuples(operations, gaps), max_size=60)


def run(
    p: Program, history: list[tuple[CardOperation, int]]
) -> tuple[list[Card], list[tuple[Operation, Context]]]:
    """Apply a history from enrolment; return every state and the journal of applied steps."""
    now = T0
    start = Enroll("c1", "123456789012", "A" * 32, "Ann")
    ctx = Context(now, "store-1")
    card = enroll(start, p, ctx).card
    states = [card]
    journal: list[tuple[Operation, Context]] = [(start, ctx)]
    for op, gap in history:
        now += timedelta(minutes=gap)
        ctx = Context(now, "store-1")
        outcome = apply(card, p, op, ctx)
        if isinstance(outcome, Applied):
            card = outcome.card
            journal.append((op, ctx))
            states.append(card)
    return states, journal


@settings(max_examples=300, deadline=None)
@given(programs, histories)
def test_balances_are_never_negative(p: Program, history: list[tuple[CardOperation, int]]) -> None:
    states, _ = run(p, history)
    assert all(c.points_balance >= 0 and c.stamp_count >= 0 for c in states)


@settings(max_examples=300, deadline=None)
@given(programs, histories)
def test_lifetime_counters_never_decrease(
    p: Program, history: list[tuple[CardOperation, int]]
) -> None:
    states, _ = run(p, history)
    for before, after in itertools.pairwise(states):
        for name in LIFETIME:
            assert getattr(after, name) >= getattr(before, name), name


@settings(max_examples=300, deadline=None)
@given(programs, histories)
def test_replaying_the_journal_gives_the_same_card(
    p: Program, history: list[tuple[CardOperation, int]]
) -> None:
    states, journal = run(p, history)
    rebuilt = replay(None, p, journal)
    assert rebuilt.card == states[-1]
    assert rebuilt.refused == ()


@settings(max_examples=300, deadline=None)
@given(programs, histories)
def test_balances_are_what_the_lifetime_counters_say(
    p: Program, history: list[tuple[CardOperation, int]]
) -> None:
    """Stamps held = earned - target x rewards; points held <= earned - redeemed."""
    states, _ = run(p, history)
    for c in states:
        assert c.stamp_count == c.total_stamps_earned - p.stamps_target * c.stamps_redeemed
        assert c.points_balance <= c.total_points_earned - c.points_redeemed


@settings(max_examples=100, deadline=None)
@given(programs, histories, st.integers(0, 40))
def test_a_rebase_on_a_lower_server_balance_never_overdraws(
    p: Program, history: list[tuple[CardOperation, int]], taken: int
) -> None:
    """Local steps replayed on a server card that lost points meanwhile: refused, not negative."""
    states, journal = run(p, history)
    server = replace(states[0], points_balance=max(0, states[0].points_balance - taken))
    rebased = replay(server, p, journal[1:])
    assert rebased.card is not None
    assert rebased.card.points_balance >= 0
    assert rebased.card.stamp_count >= 0
