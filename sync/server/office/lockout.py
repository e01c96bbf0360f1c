"""Sign-in lockout: failed passwords counted per account and per client address in the
database (the `auth_failures` table the terminals' limit uses), so every server process
counts them together. Checked before the password is: a locked account is not tried.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, func, insert, select

from sync.server.models import AUTH_FAILURES

WINDOW = timedelta(minutes=15)
PER_ACCOUNT = 5
PER_ADDRESS = 20


@dataclass(frozen=True, slots=True)
class Keys:
    account: str
    address: str


def keys(merchant_id: str, login: str, address: str) -> Keys:
    # Hashed: a merchant id and a login together would not fit the 64-character column,
    # and an unknown account is counted exactly as a known one.
    digest = hashlib.sha256(f"{merchant_id}\0{login}".encode()).hexdigest()[:48]
    return Keys(f"office-user:{digest}", f"office-addr:{address}"[:64])


def _count(conn: Connection, key: str, now: datetime) -> int:
    t = AUTH_FAILURES
    return int(
        conn.execute(
            select(func.count())
            .select_from(t)
            .where(t.c.client == key, t.c.failed_at > now - WINDOW)
        ).scalar_one()
    )


def locked_minutes(conn: Connection, k: Keys, now: datetime) -> int | None:
    """Minutes until a sign-in may be tried again, or None if it may be tried now."""
    t = AUTH_FAILURES
    for key, limit in ((k.account, PER_ACCOUNT), (k.address, PER_ADDRESS)):
        if _count(conn, key, now) >= limit:
            oldest = conn.execute(
                select(t.c.failed_at)
                .where(t.c.client == key, t.c.failed_at > now - WINDOW)
                .order_by(t.c.failed_at.desc())
                .offset(limit - 1)
                .limit(1)
            ).scalar_one()
            free_at = oldest + WINDOW
            return max(1, int((free_at - now).total_seconds() // 60) + 1)
    return None


def record_failure(conn: Connection, k: Keys, now: datetime) -> None:
    t = AUTH_FAILURES
    for key in (k.account, k.address):
        conn.execute(delete(t).where(t.c.client == key, t.c.failed_at <= now - WINDOW))
        conn.execute(insert(t).values(client=key, failed_at=now))


def clear_account(conn: Connection, k: Keys) -> None:
    """A right password forgets the account's failures (not the address's)."""
    conn.execute(delete(AUTH_FAILURES).where(AUTH_FAILURES.c.client == k.account))
