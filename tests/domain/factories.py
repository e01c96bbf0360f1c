"""Small builders for domain tests: a program, a card and a clock with sensible defaults."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from pos_app.domain.card import Card
from pos_app.domain.operations import Context
from pos_app.domain.program import Program, ProgramKind, Reward

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
STORE = "store-1"


def program(**overrides: Any) -> Program:
    base = Program(
        id="p1",
        merchant_id="m1",
        name="Coffee & cake",
        kind=ProgramKind.BOTH,
        stamps_target=5,
        stamp_reward="Free coffee",
        points_per_unit=Decimal("1.5"),
        rewards=(Reward("cake", "Cake", 100), Reward("mug", "Mug", 400)),
    )
    return replace(base, **overrides)


def card(**overrides: Any) -> Card:
    base = Card(
        id="c1",
        card_number="123456789012",
        qr_token="A" * 32,
        merchant_id="m1",
        program_id="p1",
        enrolled_at_store=STORE,
    )
    return replace(base, **overrides)


def at(minutes: float = 0, store: str = STORE) -> Context:
    return Context(T0 + timedelta(minutes=minutes), store)
