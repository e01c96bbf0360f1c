"""Money as integer minor units of the program's currency (cents for EUR, yen for JPY,
fils for KWD), never float, and the points-per-purchase rule."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal, InvalidOperation

from pos_app.domain.currency import DEFAULT_CURRENCY, minor_digits, minor_per_unit

MAX_PURCHASE_UNITS = 1_000_000
"""A single purchase above this many currency units is a typo or an attack, not a sale."""
MAX_PURCHASE_MINOR = MAX_PURCHASE_UNITS * minor_per_unit(DEFAULT_CURRENCY)


_COUNT_WORDS = {1: "one", 2: "two", 3: "three", 4: "four"}


class AmountError(ValueError):
    """A purchase amount that cannot be taken: the message is for the cashier (in English);
    `reason` ("empty", "not_amount", "decimals", "not_positive", "over_limit"), `typed` and
    `limit_minor` let a window say it in its own language."""

    def __init__(
        self, message: str, reason: str = "not_amount", typed: str = "", limit_minor: int = 0
    ) -> None:
        super().__init__(message)
        self.reason, self.typed, self.limit_minor = reason, typed, limit_minor


def max_purchase_minor(currency: str = DEFAULT_CURRENCY) -> int:
    return MAX_PURCHASE_UNITS * minor_per_unit(currency)


def parse_amount(text: str, currency: str = DEFAULT_CURRENCY) -> int:
    """`"12.50"` or `"12,50"` -> 1250 minor units of EUR (no grouping: the window reads
    amounts as its locale writes them, pos_app.services.locale_format); refuses negatives,
    fractions of the currency's minor unit, junk."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise _not_an_amount(text, example(currency)) from None
    if not value.is_finite():
        raise _not_an_amount(text, example(currency))
    return amount_from_decimal(value, currency, text)


def _not_an_amount(text: str, like: str) -> AmountError:
    return AmountError(
        f"{text!r} is not an amount; type it like {like}", "not_amount", text.strip()
    )


def amount_from_decimal(value: Decimal, currency: str, text: str) -> int:
    """A decimal number of currency units -> minor units, refused as parse_amount refuses."""
    minor = value * minor_per_unit(currency)
    if minor != minor.to_integral_value():
        digits = minor_digits(currency)
        raise AmountError(
            f"{text!r} has decimals; {currency} has none"
            if digits == 0
            else f"{text!r} has more than {_COUNT_WORDS.get(digits, digits)} decimals",
            "decimals",
            text.strip(),
        )
    return check_amount_minor(int(minor), currency)


def check_amount_minor(minor: int, currency: str = DEFAULT_CURRENCY) -> int:
    if minor <= 0:
        raise AmountError("the amount must be more than zero", "not_positive")
    if minor > max_purchase_minor(currency):
        limit = format_minor(max_purchase_minor(currency), currency)
        raise AmountError(
            f"the amount is over the limit of {limit}",
            "over_limit",
            limit_minor=max_purchase_minor(currency),
        )
    return minor


def example(currency: str = DEFAULT_CURRENCY) -> str:
    return format_minor(1250 * minor_per_unit(currency) // 100, currency)


def format_minor(minor: int, currency: str = DEFAULT_CURRENCY) -> str:
    """Plain digits with a "." (machine and log form): 12.50, 1250 (JPY), 12.500 (KWD)."""
    digits = minor_digits(currency)
    sign = "-" if minor < 0 else ""
    units, rest = divmod(abs(minor), 10**digits)
    return f"{sign}{units}.{rest:0{digits}d}" if digits else f"{sign}{units}"


def points_for_purchase(
    amount_minor: int, points_per_unit: Decimal, currency: str = DEFAULT_CURRENCY
) -> int:
    """Points earned: amount in whole currency units times the rate, rounded DOWN.

    Rounding down is the stated rule: a customer never gets a point the merchant did not
    promise, and the server and every terminal compute the same integer from the same inputs.
    """
    exact = Decimal(amount_minor) * points_per_unit / minor_per_unit(currency)
    return int(exact.to_integral_value(rounding=ROUND_DOWN))
