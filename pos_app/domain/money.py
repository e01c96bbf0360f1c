"""Money as integer minor units (cents), never float, and the points-per-purchase rule."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal, InvalidOperation

MINOR_UNITS_PER_UNIT = 100
# A single purchase above this is a typo or an attack, not a sale at a counter.
MAX_PURCHASE_MINOR = 1_000_000 * MINOR_UNITS_PER_UNIT


class AmountError(ValueError):
    """A purchase amount that cannot be taken: the message is for the cashier."""


def parse_amount(text: str) -> int:
    """`"12.50"` or `"12,50"` -> 1250 minor units; refuses negatives, fractions of a cent, junk."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise AmountError(f"{text!r} is not an amount; type it like 12.50") from None
    if not value.is_finite():
        raise AmountError(f"{text!r} is not an amount; type it like 12.50")
    minor = value * MINOR_UNITS_PER_UNIT
    if minor != minor.to_integral_value():
        raise AmountError(f"{text!r} has more than two decimals")
    return check_amount_minor(int(minor))


def check_amount_minor(minor: int) -> int:
    if minor <= 0:
        raise AmountError("the amount must be more than zero")
    if minor > MAX_PURCHASE_MINOR:
        raise AmountError(f"the amount is over the limit of {format_minor(MAX_PURCHASE_MINOR)}")
    return minor


def format_minor(minor: int) -> str:
    sign = "-" if minor < 0 else ""
    units, cents = divmod(abs(minor), MINOR_UNITS_PER_UNIT)
    return f"{sign}{units}.{cents:02d}"


def points_for_purchase(amount_minor: int, points_per_unit: Decimal) -> int:
    """Points earned: amount in whole currency units times the rate, rounded DOWN.

    Rounding down is the stated rule: a customer never gets a point the merchant did not
    promise, and the server and every terminal compute the same integer from the same inputs.
    """
    exact = Decimal(amount_minor) * points_per_unit / MINOR_UNITS_PER_UNIT
    return int(exact.to_integral_value(rounding=ROUND_DOWN))
