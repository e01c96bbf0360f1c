"""Staff PINs: stored only as a slow, salted hash (scrypt), checked in constant time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pos_app.domain.instants import later
from pos_app.domain.slow_hash import slow_hash, slow_hash_matches

# About 50 ms per check on a counter PC: cheap for a person, ruinous for a brute force.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILED_ATTEMPTS = 5
LOCKOUT_MINUTES = 5


def hash_pin(pin: str) -> str:
    if not (4 <= len(pin) <= 12 and pin.isascii() and pin.isdigit()):
        raise ValueError("a PIN is 4 to 12 digits")
    return slow_hash(pin, SCRYPT_N, SCRYPT_R, SCRYPT_P)


def pin_matches(pin: str, stored: str) -> bool:
    return slow_hash_matches(pin, stored)


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
