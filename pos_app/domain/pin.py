"""Staff PINs: stored only as a slow, salted hash (scrypt), checked in constant time."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from pos_app.domain.instants import later

# About 50 ms per check on a counter PC: cheap for a person, ruinous for a brute force.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILED_ATTEMPTS = 5
LOCKOUT_MINUTES = 5


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=32)


def hash_pin(pin: str) -> str:
    if not (4 <= len(pin) <= 12 and pin.isascii() and pin.isdigit()):
        raise ValueError("a PIN is 4 to 12 digits")
    salt = secrets.token_bytes(16)
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    actual = _scrypt(pin, base64.b64decode(salt), int(n), int(r), int(p))
    return hmac.compare_digest(actual, base64.b64decode(digest))


@dataclass(frozen=True, slots=True)
class SignInState:
    failed_attempts: int
    locked_until: datetime | None


def after_attempt(state: SignInState, success: bool, now: datetime) -> SignInState:
    """Count failures; the fifth in a row locks the staff member out for five minutes."""
    if success:
        return SignInState(0, None)
    failed = state.failed_attempts + 1
    if failed >= MAX_FAILED_ATTEMPTS:
        return SignInState(0, later(now, minutes=LOCKOUT_MINUTES))
    return SignInState(failed, state.locked_until)


def locked(state: SignInState, now: datetime) -> bool:
    return state.locked_until is not None and now < state.locked_until
