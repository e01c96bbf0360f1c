"""Money, numbers, dates and times as the terminal's locale writes them (Babel's CLDR data).

The locale is one per process, chosen at start from the system or the terminal's settings
(`use_locale`), e.g. "de_DE": amounts then read "12,50" and show "12,50 €", a day shows
"01.12.2026". Amounts stay integers of the currency's minor units (pos_app.domain.money);
this module only turns them into text and back. Qt-free: the report's text form uses it too.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import (
    NumberFormatError,
    format_currency,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)

from pos_app.domain.currency import minor_digits, minor_per_unit
from pos_app.domain.money import AmountError, amount_from_decimal

DEFAULT_LOCALE = "en_GB"

_current = Locale.parse(DEFAULT_LOCALE)


def use_locale(name: str) -> str:
    """Format as `name` ("de_DE", "fr", "es-ES") from now on; an unknown name keeps English.
    Returns the locale in use."""
    global _current  # noqa: PLW0603 - the terminal shows one locale at a time
    code = name.replace("-", "_").split(".")[0]
    try:
        _current = Locale.parse(code if code not in ("", "C", "POSIX") else DEFAULT_LOCALE)
    except (UnknownLocaleError, ValueError):
        _current = Locale.parse(DEFAULT_LOCALE)
    return str(_current)


def current_locale() -> str:
    return str(_current)


def money(minor: int, currency: str) -> str:
    """1250 EUR -> "12,50 €" (de), "€12.50" (en); 1250 JPY -> "¥1,250" (en_US);
    12500 KWD -> "KWD12.500" (en)."""
    value = Decimal(minor) / minor_per_unit(currency)
    return format_currency(value, currency, locale=_current)


def number(value: int) -> str:
    """A count (points, stamps) grouped as the locale groups: 1,250 (en), 1.250 (de)."""
    return format_decimal(value, locale=_current)


def amount_field_text(minor: int, currency: str) -> str:
    """An amount as it would be typed: digits and the decimal sign, no symbol, no grouping."""
    digits = minor_digits(currency)
    value = Decimal(minor) / minor_per_unit(currency)
    return format_decimal(
        value, format="0." + "0" * digits if digits else "0", locale=_current, group_separator=False
    )


def amount_example(currency: str) -> str:
    """What to type, in this locale: "12,50" (de EUR), "12.50" (en EUR), "1250" (JPY)."""
    return amount_field_text(1250 * minor_per_unit(currency) // 100, currency)


def decimal_sign() -> str:
    return get_decimal_symbol(_current)


def parse_typed_amount(text: str, currency: str) -> int:
    """What the cashier typed, read as this locale writes numbers, in minor units.

    Strict: grouping must be where the locale puts it, so "12.50" typed on a German terminal
    is refused (with the example) instead of being read as 1 250 euros.
    """
    cleaned = text.strip()
    group = get_group_symbol(_current)
    if group.isspace():  # French groups with a narrow no-break space; a cashier types a space
        cleaned = re.sub(r"\s", group, cleaned)
    if not cleaned:
        raise AmountError(f"type the amount, like {amount_example(currency)}", "empty")
    try:
        value = parse_decimal(cleaned, locale=_current, strict=True)
    except NumberFormatError:
        raise AmountError(
            f"{text!r} is not an amount; type it like {amount_example(currency)}",
            "not_amount",
            text.strip(),
        ) from None
    if not value.is_finite():
        raise AmountError(
            f"{text!r} is not an amount; type it like {amount_example(currency)}",
            "not_amount",
            text.strip(),
        )
    return amount_from_decimal(value, currency, text)


def day_text(day: date) -> str:
    """1 Dec 2026 (en_GB), 01.12.2026 (de), 1 déc. 2026 (fr)."""
    return format_date(day, format="medium", locale=_current)


def clock_text(moment: datetime | time, seconds: bool = False) -> str:
    """14:05 (or 2:05 PM where the locale says so); with seconds for the report's rows."""
    return format_time(moment, format="medium" if seconds else "short", locale=_current)


def moment_text(moment: datetime) -> str:
    """A day of this year and a time: "1 Dec 14:05" (en_GB), "1. Dez. 14:05" (de)."""
    return f"{format_skeleton('MMMd', moment, locale=_current)} {clock_text(moment)}"
