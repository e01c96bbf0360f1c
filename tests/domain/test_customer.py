"""A customer's phone and e-mail: one normal form however typed, masked for the counter."""

from __future__ import annotations

import pytest

from pos_app.domain.customer import (
    ContactError,
    doubles,
    lookup_key,
    mask_email,
    mask_name,
    mask_phone,
    normal_email,
    normal_phone,
)
from pos_app.domain.program import Program, ProgramKind


@pytest.mark.parametrize(
    "typed", ["+44 7700 900123", "0044 7700-900123", "+44 (7700) 900.123", " +447700900123 "]
)
def test_a_phone_number_has_one_normal_form_however_it_is_typed(typed: str) -> None:
    assert normal_phone(typed) == "+447700900123"


@pytest.mark.parametrize("typed", ["call me", "12345", "+44 7700 900123 ext 4", "1" * 21])
def test_what_is_not_a_phone_number_is_refused_with_what_was_typed(typed: str) -> None:
    with pytest.raises(ContactError, match="not a phone number"):
        normal_phone(typed)


def test_an_e_mail_address_is_trimmed_and_lower_cased_and_must_be_one() -> None:
    assert normal_email("  Ada@Example.COM ") == "ada@example.com"
    assert normal_email("") == normal_phone("   ") == ""
    for bad in ("ada", "ada@", "@example.com", "ada@example", "a b@example.com"):
        with pytest.raises(ContactError, match="not an e-mail address"):
            normal_email(bad)


def test_the_counter_sees_only_enough_to_confirm() -> None:
    assert mask_phone("+447700900123") == "•••••••••••23"
    assert mask_email("ada@example.com") == "a•••@example.com"
    assert mask_name("Ada King Lovelace") == "Ada K. L."
    assert (mask_phone(""), mask_email(""), mask_name("")) == ("", "", "")


def test_keyed_hashes_differ_by_key_and_by_kind() -> None:
    one, other = b"k" * 32, b"j" * 32
    assert lookup_key(one, "phone", "+447700900123") == lookup_key(one, "phone", "+447700900123")
    assert lookup_key(one, "phone", "+447700900123") != lookup_key(other, "phone", "+447700900123")
    assert lookup_key(one, "phone", "x") != lookup_key(one, "email", "x")


def test_one_card_per_customer_per_store_and_per_program_across_stores() -> None:
    shared = Program("p", "m", "Points", ProgramKind.POINTS, cross_store=True)
    local = Program("q", "m", "Stamps", ProgramKind.STAMPS, cross_store=False)
    assert doubles("s1", "q", shared, "s1")  # any card at the same store
    assert doubles("s2", "p", shared, "s1")  # the same program works here too
    assert not doubles("s2", "q", shared, "s1")  # another program, another store
    assert not doubles("s2", "q", local, "s1")  # a single-store program elsewhere
