"""Back-office passwords: stored only as a slow, salted scrypt hash, checked in constant
time (the standard library's scrypt, as the terminal's PINs; no extra dependency)."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets

# About 0.1 s and 32 MiB per check: nothing for a person signing in, ruinous for a guesser.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_LENGTH, MAX_LENGTH = 10, 200
_MAXMEM = 64 * 1024 * 1024


class PasswordError(ValueError):
    """The password is not acceptable; the message says why."""


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise PasswordError(f"a password has at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise PasswordError(f"a password has at most {MAX_LENGTH} characters")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=_MAXMEM)


def hash_password(password: str) -> str:
    check_strength(password)
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def password_matches(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt" or len(password) > MAX_LENGTH:
        return False
    actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    return hmac.compare_digest(actual, base64.b64decode(digest))


@functools.cache
def dummy_hash() -> str:
    """Checked against when the account does not exist, so a wrong login takes as long as
    a wrong password and the time tells nothing about which accounts exist. Made at first
    use: a worker process starts without spending a hash."""
    return hash_password(secrets.token_urlsafe(16))
