"""Card identities: the 12-digit card number and the QR token, and how to refer to a card."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Literal

CARD_NUMBER_DIGITS = 12
QR_TOKEN_BYTES = 24
# token_urlsafe(24) yields 32 characters of the URL-safe base64 alphabet.
QR_TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{32}")
_NUMBER_SEPARATORS = re.compile(r"[\s-]")


@dataclass(frozen=True, slots=True)
class CardRef:
    """What a scan or a typed entry names: a card by its QR token or by its number."""

    kind: Literal["token", "number"]
    value: str

    @staticmethod
    def token(value: str) -> CardRef:
        return CardRef("token", value)

    @staticmethod
    def number(digits: str) -> CardRef:
        return CardRef("number", digits)


def luhn_check_digit(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def new_card_number() -> str:
    """Twelve digits, no leading zero, the last a Luhn check digit so typos are caught."""
    body = str(secrets.randbelow(9) + 1) + "".join(
        str(secrets.randbelow(10)) for _ in range(CARD_NUMBER_DIGITS - 2)
    )
    return body + luhn_check_digit(body)


def new_qr_token() -> str:
    return secrets.token_urlsafe(QR_TOKEN_BYTES)


def wallet_pass_qr_text(qr_token: str) -> str:
    """What a wallet pass's QR code holds (Apple and Google): the bare token.

    Only the counter's scanner reads a pass's code, and every terminal takes the bare
    token as the card. The card's link (`https://<host>/c/<token>`, 60-70 bytes) makes
    it QR version 4-5 where the 32-byte token is version 2-3 (error correction L-M): at
    the same 3 cm on the screen each module is 14-32 % larger in the webcam's frame,
    which is what decides a read of a far, tilted or moving phone. The link stays on the back
    of the pass, and on the enrolment screen, whose code a phone's camera opens.
    """
    return qr_token


def format_card_number(digits: str) -> str:
    """`123456789012` -> `1234-5678-9012`."""
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def mask_card_number(digits: str) -> str:
    """What a screen shows a queue: only the last four digits."""
    return "••••-••••-" + digits[-4:]


def normalize_card_number(text: str) -> str | None:
    """The 12 digits of a typed or printed card number, or None when it is not one."""
    digits = _NUMBER_SEPARATORS.sub("", text.strip())
    if len(digits) == CARD_NUMBER_DIGITS and digits.isascii() and digits.isdigit():
        return digits
    return None


def is_qr_token(text: str) -> bool:
    return QR_TOKEN_PATTERN.fullmatch(text) is not None


def parse_card_ref(text: str) -> CardRef | None:
    """A card number (with or without dashes or spaces) or a bare QR token; else None."""
    digits = normalize_card_number(text)
    if digits is not None:
        return CardRef.number(digits)
    stripped = text.strip()
    if is_qr_token(stripped):
        return CardRef.token(stripped)
    return None
