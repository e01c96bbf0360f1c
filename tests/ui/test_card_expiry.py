"""The card on screen says when its points lapse: "N points expire on DATE"."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from pos_app.domain.demo import demo_cards
from pos_app.domain.program import Program, ProgramKind
from pos_app.services.lookup import CardView
from pos_app.ui.card_view import CardPanel


def test_the_card_shows_how_many_points_expire_and_when(qtbot: QtBot) -> None:
    lapsing = Program("p", "m", "Bakery points", ProgramKind.POINTS, points_expiry_days=90)
    card = replace(
        demo_cards(2)[1],
        program_id="p",
        points_balance=1240,
        last_points_at=datetime(2026, 11, 20, 17, 30, tzinfo=UTC),
    )
    panel = CardPanel()
    qtbot.addWidget(panel)
    panel.show_card(CardView(card, lapsing, 0))
    assert "1240 points expire on 18 Feb 2027" in panel.rewards.text()
    panel.show_card(CardView(replace(card, points_balance=1), lapsing, 0))
    assert "1 point expires on 18 Feb 2027" in panel.rewards.text()

    forever = replace(lapsing, points_expiry_days=None)
    panel.show_card(CardView(card, forever, 0))
    assert "expire" not in panel.rewards.text()
    panel.show_card(CardView(replace(card, points_balance=0), lapsing, 0))
    assert "expire" not in panel.rewards.text()
