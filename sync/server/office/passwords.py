"""Back-office passwords: stored only as a slow, salted scrypt hash, checked in constant
time (the standard library's scrypt, in the format of the terminal's PINs: `slow_hash`)."""

from __future__ import annotations

import functools
import secrets

from pos_app.domain.slow_hash import slow_hash, slow_hash_matches

# About 0.1 s and 32 MiB per check: nothing for a person signing in, ruinous for a guesser.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_LENGTH, MAX_LENGTH = 10, 200


class PasswordError(ValueError):
    """The password is not acceptable; the message says why."""


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise PasswordError(f"a password has at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise PasswordError(f"a password has at most {MAX_LENGTH} characters")


def hash_password(password: str) -> str:
    check_strength(password)
    return slow_hash(password, SCRYPT_N, SCRYPT_R, SCRYPT_P)


def password_matches(password: str, stored: str) -> bool:
    return len(password) <= MAX_LENGTH and slow_hash_matches(password, stored)


@functools.cache
def dummy_hash() -> str:
    """Checked against when the account does not exist, so a wrong login takes as long as
    a wrong password and the time tells nothing about which accounts exist. Made at first
    use: a worker process starts without spending a hash."""
    return hash_password(secrets.token_urlsafe(16))
