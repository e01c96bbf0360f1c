"""Purchase amounts as integer minor units, and the points they earn."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.domain.currency import CurrencyError, minor_digits
from pos_app.domain.money import (
    AmountError,
    format_minor,
    max_purchase_minor,
    parse_amount,
    points_for_purchase,
)
from pos_app.domain.program import Program, ProgramKind


@pytest.mark.parametrize(("text", "minor"), [("12.50", 1250), ("12,5", 1250), ("7", 700)])
def test_amounts_are_read_as_minor_units(text: str, minor: int) -> None:
    assert parse_amount(text) == minor


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("-3", "more than zero"),
        ("0", "more than zero"),
        ("1.005", "more than two decimals"),
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


@pytest.mark.parametrize(
    ("currency", "digits", "text", "minor", "shown"),
    [
        ("JPY", 0, "1250", 1250, "1250"),
        ("EUR", 2, "12,5", 1250, "12.50"),
        ("KWD", 3, "12.5", 12500, "12.500"),
        ("CLF", 4, "1.2345", 12345, "1.2345"),
    ],
)
def test_each_currency_counts_its_own_minor_units(
    currency: str, digits: int, text: str, minor: int, shown: str
) -> None:
    assert minor_digits(currency) == digits
    assert parse_amount(text, currency) == minor
    assert format_minor(minor, currency) == shown
    assert max_purchase_minor(currency) == 1_000_000 * 10**digits


def test_a_yen_amount_has_no_decimals_and_a_dinar_has_three() -> None:
    with pytest.raises(AmountError, match="JPY has none"):
        parse_amount("12.50", "JPY")
    with pytest.raises(AmountError, match="more than three decimals"):
        parse_amount("1.2345", "KWD")


def test_points_are_per_whole_unit_of_the_currency() -> None:
    assert points_for_purchase(1250, Decimal(1), "JPY") == 1250
    assert points_for_purchase(12_999, Decimal(1), "KWD") == 12
    assert points_for_purchase(1299, Decimal(1), "EUR") == 12


def test_a_program_names_its_currency_by_iso_code() -> None:
    program = Program(id="p", merchant_id="m", name="Points", kind=ProgramKind.POINTS)
    assert program.currency == "EUR"
    with pytest.raises(CurrencyError, match="three letters"):
        Program(id="p", merchant_id="m", name="Points", kind=ProgramKind.POINTS, currency="yen")
