"""Secrets kept only as a slow, salted scrypt hash, checked in constant time: the staff's
PINs at the counter and the back office's passwords share this one format,
`scrypt$N$r$p$salt$digest` (base64), so each stored hash says how it was made."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

# Enough for N = 2**15 with r = 8 (32 MiB); the standard library's default stops at 32 MiB.
_MAXMEM = 64 * 1024 * 1024


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(secret.encode(), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=_MAXMEM)


def slow_hash(secret: str, n: int, r: int, p: int) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(secret, salt, n, r, p)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(digest).decode()}"


def slow_hash_matches(secret: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    actual = _scrypt(secret, base64.b64decode(salt), int(n), int(r), int(p))
    return hmac.compare_digest(actual, base64.b64decode(digest))
