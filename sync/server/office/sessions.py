"""Signed-in browsers as rows: the cookie holds a random token (and the merchant, so the
row is found on the merchant's shard); the row holds its hash, its user and its CSRF token.

A session ends when it is idle too long, when it is old, at sign-out, and when its user is
deactivated or given a new password (`users.py` deletes the rows).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, delete, select

from sync.server.auth import secret_hash
from sync.server.db import read, write
from sync.server.models import OFFICE_SESSIONS, OFFICE_USERS

COOKIE = "office_session"
IDLE = timedelta(hours=2)
LIFETIME = timedelta(hours=12)
# last_seen_at is written at most this often: a page view is then usually a pure read.
_TOUCH_EVERY = timedelta(minutes=1)
_SEPARATOR = "~"  # not in a merchant id (see admin._ID)


@dataclass(frozen=True, slots=True)
class Officer:
    """Who is signed in: what every page is scoped by."""

    merchant_id: str
    user_id: str
    login: str
    name: str
    role: str
    store_id: str | None  # None: an owner, who sees every store
    csrf_token: str
    token_hash: str

    @property
    def is_owner(self) -> bool:
        return self.role == "owner"


def open_session(conn: Connection, merchant_id: str, user_id: str, now: datetime) -> str:
    """A new session; the cookie's value (shown to no one else)."""
    token = secrets.token_urlsafe(32)
    conn.execute(
        OFFICE_SESSIONS.insert().values(
            merchant_id=merchant_id,
            token_hash=secret_hash(token),
            user_id=user_id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
            expires_at=now + LIFETIME,
        )
    )
    return f"{token}{_SEPARATOR}{merchant_id}"


def _split(cookie: str) -> tuple[str, str] | None:
    token, sep, merchant_id = cookie.partition(_SEPARATOR)
    if not sep or not token or not merchant_id or len(cookie) > 200:
        return None
    return merchant_id, secret_hash(token)


def session_officer(engine: Engine, cookie: str, now: datetime) -> Officer | None:
    """The signed-in user of this cookie, if its session is live and the user active.

    A read; a write only once a minute (to keep the session from going idle) or to delete
    an ended session: a page view does not queue behind writers on SQLite."""
    with read(engine) as conn:
        found = _lookup(conn, cookie, now)
    if found is None:
        return None
    officer, action = found
    if action is not None:
        with write(engine) as conn:
            action(conn)
    return officer


def _lookup(
    conn: Connection, cookie: str, now: datetime
) -> tuple[Officer | None, Callable[[Connection], object] | None] | None:
    key = _split(cookie)
    if key is None:
        return None
    merchant_id, token_hash = key
    s, u = OFFICE_SESSIONS, OFFICE_USERS
    row = conn.execute(
        select(
            s.c.csrf_token,
            s.c.last_seen_at,
            s.c.expires_at,
            u.c.id,
            u.c.login,
            u.c.name,
            u.c.role,
            u.c.store_id,
            u.c.is_active,
        )
        .join(u, (u.c.merchant_id == s.c.merchant_id) & (u.c.id == s.c.user_id))
        .where(s.c.merchant_id == merchant_id, s.c.token_hash == token_hash)
    ).first()
    if row is None:
        return None
    if not row.is_active or row.expires_at <= now or row.last_seen_at + IDLE <= now:
        return None, lambda c: _delete(c, merchant_id, token_hash)
    touch = None
    if now - row.last_seen_at >= _TOUCH_EVERY:
        update = (
            s.update()
            .where(s.c.merchant_id == merchant_id, s.c.token_hash == token_hash)
            .values(last_seen_at=now)
        )
        touch = lambda c: c.execute(update)  # noqa: E731
    officer = Officer(
        merchant_id,
        row.id,
        row.login,
        row.name,
        row.role,
        row.store_id,
        row.csrf_token,
        token_hash,
    )
    return officer, touch


def close_session(conn: Connection, officer: Officer) -> None:
    _delete(conn, officer.merchant_id, officer.token_hash)


def _delete(conn: Connection, merchant_id: str, token_hash: str) -> None:
    conn.execute(
        delete(OFFICE_SESSIONS).where(
            OFFICE_SESSIONS.c.merchant_id == merchant_id,
            OFFICE_SESSIONS.c.token_hash == token_hash,
        )
    )
