"""What a scanned text means: a card of this shop, or a reason for the cashier why not.

`parse_scan` never raises: a scan is untrusted input from any QR code a customer shows,
so every outcome, however malformed the input, is a `CardRef` or a `Rejection`.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from pos_app.domain.identifiers import CardRef, is_qr_token, parse_card_ref

MAX_PAYLOAD_BYTES = 512


class RejectionCode(enum.Enum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    BINARY = "binary"
    CONTROL_CHARACTERS = "control_characters"
    WIFI = "wifi"
    CONTACT = "contact"
    EMAIL = "email"
    PHONE = "phone"
    INSECURE_URL = "insecure_url"
    FOREIGN_URL = "foreign_url"
    URL_WITHOUT_CARD = "url_without_card"
    NOT_A_CARD = "not_a_card"


_MESSAGES: dict[RejectionCode, str] = {
    RejectionCode.EMPTY: "The code was empty; please scan again",
    RejectionCode.TOO_LONG: "This code holds far too much data to be a loyalty card",
    RejectionCode.BINARY: "This code holds binary data, not a loyalty card",
    RejectionCode.CONTROL_CHARACTERS: "This code contains unreadable characters",
    RejectionCode.WIFI: "This is a Wi-Fi code, not a loyalty card",
    RejectionCode.CONTACT: "This is a contact card, not a loyalty card",
    RejectionCode.EMAIL: "This is an e-mail code, not a loyalty card",
    RejectionCode.PHONE: "This is a phone or text-message code, not a loyalty card",
    RejectionCode.INSECURE_URL: "This link is not secure (https), so it is not accepted",
    RejectionCode.FOREIGN_URL: "This link is not a loyalty card of this shop",
    RejectionCode.URL_WITHOUT_CARD: "This link is from this shop but names no card",
    RejectionCode.NOT_A_CARD: "This code is not a loyalty card of this shop",
}


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a scan names no card; `message` is one line the cashier can read aloud."""

    code: RejectionCode
    message: str

    @staticmethod
    def of(code: RejectionCode) -> Rejection:
        return Rejection(code, _MESSAGES[code])


@dataclass(frozen=True, slots=True)
class PayloadRules:
    """Which links count as this merchant's cards. No hosts: links are never accepted."""

    allowed_hosts: frozenset[str] = field(default_factory=frozenset)
    card_path_prefixes: tuple[str, ...] = ("/c/",)
    card_query_param: str = "t"
    allow_http: bool = False


# Prefixes (upper-cased) of the structured payloads phones and wallets put in QR codes.
_FOREIGN_PREFIXES: tuple[tuple[str, RejectionCode], ...] = (
    ("WIFI:", RejectionCode.WIFI),
    ("BEGIN:VCARD", RejectionCode.CONTACT),
    ("MECARD:", RejectionCode.CONTACT),
    ("BIZCARD:", RejectionCode.CONTACT),
    ("MAILTO:", RejectionCode.EMAIL),
    ("MATMSG:", RejectionCode.EMAIL),
    ("TEL:", RejectionCode.PHONE),
    ("SMS:", RejectionCode.PHONE),
    ("SMSTO:", RejectionCode.PHONE),
    ("MMSTO:", RejectionCode.PHONE),
    ("MEBKM:", RejectionCode.FOREIGN_URL),
)
# Control, format (zero-width, bidi overrides), surrogate, private-use and unassigned.
_UNREADABLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def parse_scan(data: str | bytes, rules: PayloadRules | None = None) -> CardRef | Rejection:
    """The card a scanned or typed text names, or why it names none."""
    rules = rules or PayloadRules()
    text = _as_text(data)
    if isinstance(text, Rejection):
        return text
    stripped = text.strip()
    if not stripped:
        return Rejection.of(RejectionCode.EMPTY)
    foreign = _foreign_kind(stripped)
    if foreign is not None:
        return Rejection.of(foreign)
    if any(unicodedata.category(ch) in _UNREADABLE_CATEGORIES for ch in stripped):
        return Rejection.of(RejectionCode.CONTROL_CHARACTERS)
    ref = parse_card_ref(stripped)
    if ref is not None:
        return ref
    if "://" in stripped:
        return _parse_url(stripped, rules)
    return Rejection.of(RejectionCode.NOT_A_CARD)


def _as_text(data: str | bytes) -> str | Rejection:
    if isinstance(data, str):
        # The length check comes before any parsing so a huge payload costs nothing.
        if len(data) > MAX_PAYLOAD_BYTES:
            return Rejection.of(RejectionCode.TOO_LONG)
        if not data:
            return Rejection.of(RejectionCode.EMPTY)
        try:
            encoded = data.encode("utf-8")
        except UnicodeEncodeError:
            # Lone surrogates: what a decoder makes of bytes that were never text.
            return Rejection.of(RejectionCode.BINARY)
        if len(encoded) > MAX_PAYLOAD_BYTES:
            return Rejection.of(RejectionCode.TOO_LONG)
        return data
    if not isinstance(data, bytes | bytearray | memoryview):
        return Rejection.of(RejectionCode.BINARY)
    if len(data) > MAX_PAYLOAD_BYTES:
        return Rejection.of(RejectionCode.TOO_LONG)
    if not data:
        return Rejection.of(RejectionCode.EMPTY)
    try:
        return bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        return Rejection.of(RejectionCode.BINARY)


def _foreign_kind(text: str) -> RejectionCode | None:
    head = text[:16].upper()
    for prefix, code in _FOREIGN_PREFIXES:
        if head.startswith(prefix):
            return code
    return None


def _parse_url(text: str, rules: PayloadRules) -> CardRef | Rejection:
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return Rejection.of(RejectionCode.NOT_A_CARD)
    scheme = parts.scheme.lower()
    if scheme not in {"https", "http"}:
        return Rejection.of(RejectionCode.NOT_A_CARD)
    host = (parts.hostname or "").rstrip(".")
    # A user-info part ("https://shop@evil.example/") only serves to disguise the host.
    if parts.username is not None or host not in {h.lower() for h in rules.allowed_hosts}:
        return Rejection.of(RejectionCode.FOREIGN_URL)
    if scheme == "http" and not rules.allow_http:
        return Rejection.of(RejectionCode.INSECURE_URL)
    if port is not None and port != {"https": 443, "http": 80}[scheme]:
        return Rejection.of(RejectionCode.FOREIGN_URL)
    values = parse_qs(parts.query, keep_blank_values=True).get(rules.card_query_param, [])
    if len(values) > 1:
        # A repeated parameter is refused rather than guessed at.
        return Rejection.of(RejectionCode.URL_WITHOUT_CARD)
    found = {_token_in_path(parts.path, rules), *values} - {None}
    tokens = {t for t in found if t is not None and is_qr_token(t)}
    if len(tokens) != 1 or len(found) != 1:
        # None, or a link naming two things at once: naming a card must be unambiguous.
        return Rejection.of(RejectionCode.URL_WITHOUT_CARD)
    return CardRef.token(tokens.pop())


def _token_in_path(path: str, rules: PayloadRules) -> str | None:
    for prefix in rules.card_path_prefixes:
        if path.startswith(prefix):
            return path[len(prefix) :].removesuffix("/")
    return None
