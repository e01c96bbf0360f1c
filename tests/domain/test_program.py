"""Programs refuse rules that make no sense, and survive their JSON form."""

from __future__ import annotations

import pytest

from pos_app.domain.program import Reward, program_from_dict, program_to_dict
from tests.domain.factories import program


@pytest.mark.parametrize(
    ("overrides", "why"),
    [
        ({"stamps_target": 0}, "stamps_target"),
        ({"cooldown_minutes": -1}, "cooldown"),
        ({"daily_stamp_cap": 0}, "daily_stamp_cap"),
        ({"rewards": (Reward("a", "A", 0),)}, "at least one point"),
        ({"rewards": (Reward("a", "A", 1), Reward("a", "B", 2))}, "unique"),
        ({"welcome_bonus_points": -1}, "welcome"),
    ],
)
def test_nonsense_rules_are_refused(overrides: dict[str, object], why: str) -> None:
    with pytest.raises(ValueError, match=why):
        program(**overrides)


def test_a_program_survives_its_json_form() -> None:
    p = program(daily_stamp_cap=3, points_expiry_days=90)
    assert program_from_dict(program_to_dict(p)) == p
