"""Money, counts and dates as each locale writes them; amounts read as the locale types them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from babel.numbers import get_currency_precision

from pos_app.domain.currency import minor_digits
from pos_app.domain.money import AmountError
from pos_app.services import locale_format as lf


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    lf.use_locale(lf.DEFAULT_LOCALE)


@pytest.mark.parametrize("currency", ["JPY", "KRW", "EUR", "USD", "GBP", "KWD", "BHD", "TND"])
def test_the_rules_minor_units_are_iso_4217_s(currency: str) -> None:
    assert minor_digits(currency) == get_currency_precision(currency)


@pytest.mark.parametrize(
    ("locale", "eur", "jpy", "kwd", "points"),
    [
        ("en_GB", "€12.50", "JP¥1,250", "KWD12.500", "1,250"),
        ("de_DE", "12,50\xa0€", "1.250\xa0¥", "12,500\xa0KWD", "1.250"),
        ("fr_FR", "12,50\xa0€", "1\u202f250\xa0JPY", "12,500\xa0KWD", "1\u202f250"),
        ("es_ES", "12,50\xa0€", "1.250\xa0JPY", "12,500\xa0KWD", "1.250"),
    ],
)
def test_money_and_counts_are_shown_as_the_locale_writes_them(
    locale: str, eur: str, jpy: str, kwd: str, points: str
) -> None:
    lf.use_locale(locale)
    assert (lf.money(1250, "EUR"), lf.money(1250, "JPY"), lf.money(12500, "KWD")) == (
        eur,
        jpy,
        kwd,
    )
    assert lf.number(1250) == points


@pytest.mark.parametrize(
    ("locale", "text", "currency", "minor"),
    [
        ("de_DE", "12,50", "EUR", 1250),
        ("de_DE", "1.250,5", "EUR", 125050),
        ("fr_FR", "1 250,50", "EUR", 125050),  # a typed space for the narrow no-break one
        ("es_ES", "12,5", "KWD", 12500),
        ("en_GB", "12.50", "EUR", 1250),
        ("en_GB", "1250", "JPY", 1250),
    ],
)
def test_amounts_are_read_as_the_locale_types_them(
    locale: str, text: str, currency: str, minor: int
) -> None:
    lf.use_locale(locale)
    assert lf.parse_typed_amount(text, currency) == minor


@pytest.mark.parametrize(
    ("locale", "text", "currency", "why"),
    [
        ("de_DE", "12.50", "EUR", "type it like 12,50"),  # not 1 250 euros
        ("en_GB", "12,50", "EUR", "type it like 12.50"),
        ("en_GB", "12.5", "JPY", "JPY has none"),
        ("de_DE", "1,2345", "KWD", "more than three decimals"),
        ("de_DE", "", "EUR", "type the amount, like 12,50"),
    ],
)
def test_an_amount_the_locale_would_not_write_is_refused_with_an_example(
    locale: str, text: str, currency: str, why: str
) -> None:
    lf.use_locale(locale)
    with pytest.raises(AmountError, match=why):
        lf.parse_typed_amount(text, currency)


@pytest.mark.parametrize(
    ("locale", "day", "clock"),
    [
        ("en_GB", "1 Dec 2026", "14:05:07"),
        ("en_US", "Dec 1, 2026", "2:05:07\u202fPM"),
        ("de_DE", "01.12.2026", "14:05:07"),
        ("fr_FR", "1 déc. 2026", "14:05:07"),
        ("es_ES", "1 dic 2026", "14:05:07"),
    ],
)
def test_days_and_times_are_the_locale_s(locale: str, day: str, clock: str) -> None:
    lf.use_locale(locale)
    assert lf.day_text(date(2026, 12, 1)) == day
    assert lf.clock_text(datetime(2026, 12, 1, 14, 5, 7), seconds=True) == clock


@pytest.mark.parametrize(
    ("system", "used"), [("de_DE.UTF-8", "de_DE"), ("C", "en_GB"), ("xx_YY", "en_GB")]
)
def test_the_system_locale_is_taken_and_an_unknown_one_falls_back_to_english(
    system: str, used: str
) -> None:
    assert lf.use_locale(system) == used
