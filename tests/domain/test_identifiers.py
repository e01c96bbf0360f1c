"""Card numbers and QR tokens: how they are made, shown and recognised."""

from __future__ import annotations

import pytest

from pos_app.domain.identifiers import (
    CardRef,
    format_card_number,
    is_qr_token,
    luhn_check_digit,
    mask_card_number,
    new_card_number,
    new_qr_token,
    parse_card_ref,
)


def test_new_card_numbers_are_twelve_digits_with_a_valid_check_digit() -> None:
    for _ in range(200):
        number = new_card_number()
        assert len(number) == 12 and number.isdigit() and number[0] != "0"
        assert luhn_check_digit(number[:-1]) == number[-1]


def test_new_qr_tokens_are_url_safe_and_32_characters() -> None:
    tokens = {new_qr_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(is_qr_token(t) for t in tokens)


def test_numbers_are_shown_in_groups_of_four_and_masked_for_the_queue() -> None:
    assert format_card_number("123456789012") == "1234-5678-9012"
    assert mask_card_number("123456789012") == "••••-••••-9012"


@pytest.mark.parametrize("typed", ["1234-5678-9012", "123456789012", " 1234 5678 9012 "])
def test_a_typed_number_with_or_without_separators_names_the_card(typed: str) -> None:
    assert parse_card_ref(typed) == CardRef.number("123456789012")


def test_a_token_names_the_card_by_token() -> None:
    token = new_qr_token()
    assert parse_card_ref(token) == CardRef.token(token)


@pytest.mark.parametrize(
    "text", ["", "1234", "1234-5678-901", "1234567890123", "١٢٣٤٥٦٧٨٩٠١٢", "abc", "A" * 33]
)
def test_anything_else_is_not_a_card(text: str) -> None:
    assert parse_card_ref(text) is None
