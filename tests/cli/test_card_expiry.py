"""`loyalty-pos card show` says when a card's points lapse, as the window does."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from pos_app.cli.render import card_summary
from pos_app.domain.demo import demo_cards
from pos_app.domain.program import Program, ProgramKind


def test_the_card_summary_says_how_many_points_expire_and_when() -> None:
    lapsing = Program("p", "m", "Bakery points", ProgramKind.POINTS, points_expiry_days=90)
    card = replace(
        demo_cards(2)[1],
        program_id="p",
        points_balance=1240,
        last_points_at=datetime(2026, 11, 20, 17, 30, tzinfo=UTC),
    )
    assert "Expiry    1240 points expire on 2027-02-18" in card_summary(card, lapsing)
    one = card_summary(replace(card, points_balance=1), lapsing)
    assert "Expiry    1 point expires on 2027-02-18" in one
    never = replace(lapsing, points_expiry_days=None)
    assert not any(line.startswith("Expiry") for line in card_summary(card, never))
