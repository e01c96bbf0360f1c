"""Purchase amounts as integer minor units, and the points they earn."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.domain.money import AmountError, format_minor, parse_amount, points_for_purchase


@pytest.mark.parametrize(("text", "minor"), [("12.50", 1250), ("12,5", 1250), ("7", 700)])
def test_amounts_are_read_as_minor_units(text: str, minor: int) -> None:
    assert parse_amount(text) == minor


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("-3", "more than zero"),
        ("0", "more than zero"),
        ("1.005", "two decimals"),
        ("abc", "not an amount"),
        ("NaN", "not an amount"),
        ("Infinity", "not an amount"),
        ("99999999", "over the limit"),
    ],
)
def test_bad_amounts_are_refused_with_a_reason(text: str, why: str) -> None:
    with pytest.raises(AmountError, match=why):
        parse_amount(text)


def test_points_round_down_never_up() -> None:
    assert points_for_purchase(999, Decimal(1)) == 9
    assert points_for_purchase(1299, Decimal("1.5")) == 19
    assert points_for_purchase(100, Decimal("0.1")) == 0


def test_minor_units_print_with_two_decimals() -> None:
    assert format_minor(1250) == "12.50"
    assert format_minor(-5) == "-0.05"
