"""The merchant's back-office people: add one, change their password, deactivate them.

Like `sync.server.admin`, each function works in the caller's transaction and raises
AdminError with a message for the operator.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, RowMapping, delete, select

from sync.server.admin import AdminError
from sync.server.models import MERCHANTS, OFFICE_SESSIONS, OFFICE_USERS, STORES
from sync.server.office.passwords import PasswordError, hash_password

ROLES = ("owner", "manager")
_LOGIN = re.compile(r"[a-z0-9_.@+-]{1,64}")


@dataclass(frozen=True, slots=True)
class OfficeUser:
    merchant_id: str
    id: str
    login: str
    name: str
    role: str
    store_id: str | None
    password_hash: str
    is_active: bool


def normal_login(login: str) -> str:
    return login.strip().lower()


def find_user(conn: Connection, merchant_id: str, login: str) -> OfficeUser | None:
    row = conn.execute(
        select(OFFICE_USERS).where(
            OFFICE_USERS.c.merchant_id == merchant_id,
            OFFICE_USERS.c.login == normal_login(login),
        )
    ).first()
    return None if row is None else _user(row._mapping)


def user_by_id(conn: Connection, merchant_id: str, user_id: str) -> OfficeUser | None:
    row = conn.execute(
        select(OFFICE_USERS).where(
            OFFICE_USERS.c.merchant_id == merchant_id, OFFICE_USERS.c.id == user_id
        )
    ).first()
    return None if row is None else _user(row._mapping)


def _user(row: RowMapping) -> OfficeUser:
    return OfficeUser(**{f: row[f] for f in OfficeUser.__slots__})


def add_user(
    conn: Connection,
    merchant_id: str,
    login: str,
    name: str,
    role: str,
    store_id: str | None,
    password: str,
    now: datetime,
) -> OfficeUser:
    """A new owner (store_id None) or store manager (of store_id) of the merchant."""
    login = normal_login(login)
    if not _LOGIN.fullmatch(login):
        raise AdminError("a login is 1-64 lower-case letters, digits or _ . @ + -")
    if conn.execute(select(MERCHANTS.c.id).where(MERCHANTS.c.id == merchant_id)).first() is None:
        raise AdminError(f"there is no merchant {merchant_id!r}")
    if role not in ROLES:
        raise AdminError("role must be owner or manager")
    if role == "owner" and store_id is not None:
        raise AdminError("an owner sees every store: give no store")
    if role == "manager":
        if store_id is None:
            raise AdminError("a store manager needs --store")
        store = conn.execute(
            select(STORES.c.id).where(STORES.c.id == store_id, STORES.c.merchant_id == merchant_id)
        ).first()
        if store is None:
            raise AdminError(f"merchant {merchant_id!r} has no store {store_id!r}")
    if find_user(conn, merchant_id, login) is not None:
        raise AdminError(f"merchant {merchant_id!r} already has a user {login!r}")
    try:
        password_hash = hash_password(password)
    except PasswordError as exc:
        raise AdminError(str(exc)) from None
    user = OfficeUser(
        merchant_id,
        str(uuid.uuid4()),
        login,
        name.strip()[:200],
        role,
        store_id,
        password_hash,
        True,
    )
    conn.execute(
        OFFICE_USERS.insert().values(
            **{f: getattr(user, f) for f in OfficeUser.__slots__}, created_at=now, updated_at=now
        )
    )
    return user


def set_password(
    conn: Connection, merchant_id: str, login: str, password: str, now: datetime
) -> None:
    """A new password; every session of the user ends (a stolen one with it)."""
    user = find_user(conn, merchant_id, login)
    if user is None:
        raise AdminError(f"merchant {merchant_id!r} has no user {normal_login(login)!r}")
    try:
        password_hash = hash_password(password)
    except PasswordError as exc:
        raise AdminError(str(exc)) from None
    _update(conn, user, now, password_hash=password_hash, is_active=True)


def deactivate_user(conn: Connection, merchant_id: str, login: str, now: datetime) -> None:
    """The user can no longer sign in, and is signed out everywhere at once."""
    user = find_user(conn, merchant_id, login)
    if user is None:
        raise AdminError(f"merchant {merchant_id!r} has no user {normal_login(login)!r}")
    _update(conn, user, now, is_active=False)


def _update(conn: Connection, user: OfficeUser, now: datetime, **values: object) -> None:
    key = (OFFICE_USERS.c.merchant_id == user.merchant_id) & (OFFICE_USERS.c.id == user.id)
    conn.execute(OFFICE_USERS.update().where(key).values(**values, updated_at=now))
    conn.execute(
        delete(OFFICE_SESSIONS).where(
            OFFICE_SESSIONS.c.merchant_id == user.merchant_id,
            OFFICE_SESSIONS.c.user_id == user.id,
        )
    )
