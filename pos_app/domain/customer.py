"""A customer's contact details: how they are written, compared, masked and hashed.

Phone numbers and e-mail addresses are compared in one normal form, so "+44 7700 900123"
and "+447700900123" are the same customer. The counter sees them only masked; a terminal
keeps them only as keyed hashes (HMAC-SHA-256), never readable in bulk.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from pos_app.domain.program import Program

MAX_PHONE = 32
MAX_EMAIL = 254
_PHONE_CHARS = re.compile(r"[\s().\-/]")
_PHONE = re.compile(r"\+?[0-9]{6,20}")
_EMAIL = re.compile(r"[^@\s\x00]{1,64}@[^@\s\x00]{1,189}\.[^@\s\x00.]{1,63}")


class ContactError(ValueError):
    """A phone number or e-mail address that cannot be one; the message says why (in
    English), `field` ("phone" or "email") and `typed` let a window say it in its language."""

    def __init__(self, message: str, field: str = "", typed: str = "") -> None:
        super().__init__(message)
        self.field, self.typed = field, typed


@dataclass(frozen=True, slots=True)
class Contact:
    """What a customer gave at enrolment, each part optional, in normal form."""

    phone: str = ""
    email: str = ""
    consent: bool = False

    @property
    def empty(self) -> bool:
        return not (self.phone or self.email)


def normal_phone(text: str) -> str:
    """Digits with an optional leading +; "" for nothing typed. Raises ContactError."""
    stripped = _PHONE_CHARS.sub("", text.strip())
    if not stripped:
        return ""
    if len(stripped) > MAX_PHONE or not _PHONE.fullmatch(stripped):
        raise ContactError(
            f"{text.strip()!r} is not a phone number (6 to 20 digits)", "phone", text.strip()
        )
    if stripped.startswith("00"):
        stripped = "+" + stripped[2:]
    return stripped


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(text: str) -> str:
    """A-Z to a-z only: the same length, whatever else the address holds."""
    return text.translate(_ASCII_LOWER)


def normal_email(text: str) -> str:
    """Trimmed, A-Z lower-cased; "" for nothing typed. Raises ContactError."""
    value = ascii_lower(text.strip())
    if not value:
        return ""
    if len(value) > MAX_EMAIL or not _EMAIL.fullmatch(value):
        raise ContactError(f"{text.strip()!r} is not an e-mail address", "email", text.strip())
    return value


def contact(phone: str = "", email: str = "", consent: bool = False) -> Contact:
    return Contact(normal_phone(phone), normal_email(email), consent)


def mask_phone(phone: str) -> str:
    """The last two digits only: enough for the customer to confirm, nothing to collect."""
    if not phone:
        return ""
    return "•" * max(0, len(phone) - 2) + phone[-2:]


def mask_email(email: str) -> str:
    if not email:
        return ""
    local, _, domain = email.partition("@")
    return f"{local[0]}•••@{domain}"


def mask_name(name: str) -> str:
    """First name and the initial of the others ("Ada L.")."""
    parts = name.split()
    if not parts:
        return ""
    return " ".join([parts[0], *(f"{p[0]}." for p in parts[1:])])


def doubles(held_store: str, held_program: str, program: Program, store_id: str) -> bool:
    """Whether a new card in `program` at `store_id` would be a second card for a customer
    who holds one made at `held_store` in `held_program`: one card per customer per store,
    and one per program across the merchant's stores when it works in all of them."""
    return held_store == store_id or (held_program == program.id and program.cross_store)


def lookup_key(secret: bytes, kind: str, value: str) -> str:
    """The keyed hash a terminal keeps of a normalised phone or e-mail (kind: phone|email)."""
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
