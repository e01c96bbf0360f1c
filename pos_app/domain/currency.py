"""The merchant's currency by its ISO 4217 code, and how many minor units it has.

Most currencies count hundredths; ISO 4217 gives the others: no minor unit (JPY, KRW, ...),
thousandths (KWD, BHD, ...), ten-thousandths (CLF, UYW). Amounts are integers of minor
units everywhere (the journal, the wire, the server), so this exponent is a rule the
terminal and the server must agree on: it lives here, with the other rules.
"""

from __future__ import annotations

import re

DEFAULT_CURRENCY = "EUR"
"""The currency of a program that names none (programs stored before currencies were)."""

CURRENCY_CODE = re.compile(r"[A-Z]{3}")

_NO_MINOR_UNIT = ("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX")
_NO_MINOR_UNIT_TOO = ("UYI", "VND", "VUV", "XAF", "XOF", "XPF")
_THOUSANDTHS = ("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND")
_TEN_THOUSANDTHS = ("CLF", "UYW")
_DIGITS: dict[str, int] = {
    **dict.fromkeys(_NO_MINOR_UNIT + _NO_MINOR_UNIT_TOO, 0),
    **dict.fromkeys(_THOUSANDTHS, 3),
    **dict.fromkeys(_TEN_THOUSANDTHS, 4),
}


class CurrencyError(ValueError):
    pass


def check_currency(code: str) -> str:
    """`code` if it is an ISO 4217 code's shape (three capital letters), else CurrencyError."""
    if not CURRENCY_CODE.fullmatch(code):
        raise CurrencyError(f"{code!r} is not a currency code (three letters, like EUR or JPY)")
    return code


def minor_digits(code: str) -> int:
    """Decimals of the currency: JPY 0, EUR 2, KWD 3."""
    return _DIGITS.get(check_currency(code), 2)


def minor_per_unit(code: str) -> int:
    per_unit: int = 10 ** minor_digits(code)
    return per_unit
