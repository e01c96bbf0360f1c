"""What the merchant's operator does: merchants, stores, staff, programs, cards, terminals.

Each function works inside the caller's transaction and raises AdminError with a message
for the operator when the request cannot be done; nothing is half-done.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from pos_app.domain.card import Card
from pos_app.domain.pin import hash_pin
from pos_app.domain.program import Program
from sync.server.cards import card_values
from sync.server.db import next_version, next_versions, start_versions
from sync.server.models import CARDS, CUSTOMERS, MERCHANTS, PROGRAMS, STAFF, STORES, TERMINALS
from sync.server.programs import merchant_programs, save_program
from sync.server.wallet.outbox import record_program_changed

_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_CARD_NUMBER = re.compile(r"[0-9]{12}")
_QR_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
IMPORT_CHUNK = 5000


class AdminError(Exception):
    """The operator's request cannot be done; the message says why."""


def _check_id(kind: str, value: str) -> None:
    if not _ID.fullmatch(value):
        raise AdminError(f"{kind} id {value!r} must be 1-64 letters, digits or _ . : -")


def _merchant_exists(conn: Connection, merchant_id: str) -> None:
    found = conn.execute(select(MERCHANTS.c.id).where(MERCHANTS.c.id == merchant_id)).first()
    if found is None:
        raise AdminError(f"there is no merchant {merchant_id!r}")


def create_merchant(conn: Connection, merchant_id: str, name: str, now: datetime) -> None:
    _check_id("merchant", merchant_id)
    if conn.execute(select(MERCHANTS.c.id).where(MERCHANTS.c.id == merchant_id)).first():
        raise AdminError(f"merchant {merchant_id!r} already exists")
    conn.execute(MERCHANTS.insert().values(id=merchant_id, name=name, created_at=now))
    start_versions(conn, merchant_id)


def add_store(conn: Connection, store_id: str, merchant_id: str, name: str, now: datetime) -> None:
    _check_id("store", store_id)
    _merchant_exists(conn, merchant_id)
    if conn.execute(select(STORES.c.id).where(STORES.c.id == store_id)).first():
        raise AdminError(f"store {store_id!r} already exists")
    conn.execute(
        STORES.insert().values(id=store_id, merchant_id=merchant_id, name=name, created_at=now)
    )


def add_staff(
    conn: Connection,
    staff_id: str,
    merchant_id: str,
    name: str,
    role: str,
    pin: str,
    now: datetime,
    *,
    replace: bool = True,
) -> None:
    """Add a staff member, or replace their name, role and PIN (same id, same merchant;
    with replace=False an existing id is refused)."""
    _check_id("staff", staff_id)
    _merchant_exists(conn, merchant_id)
    if role not in ("cashier", "manager"):
        raise AdminError("role must be cashier or manager")
    try:
        pin_hash = hash_pin(pin)
    except ValueError as exc:
        raise AdminError(str(exc)) from None
    current = conn.execute(select(STAFF.c.merchant_id).where(STAFF.c.id == staff_id)).first()
    values = {
        "name": name,
        "role": role,
        "pin_hash": pin_hash,
        "is_active": True,
        "version": next_version(conn, merchant_id),
        "updated_at": now,
    }
    if current is None:
        conn.execute(STAFF.insert().values(id=staff_id, merchant_id=merchant_id, **values))
    elif current.merchant_id != merchant_id:
        raise AdminError(f"staff id {staff_id!r} is taken by another merchant")
    elif not replace:
        raise AdminError(f"staff id {staff_id!r} already exists")
    else:
        mine = (STAFF.c.merchant_id == merchant_id) & (STAFF.c.id == staff_id)
        conn.execute(STAFF.update().where(mine).values(**values))


def _merchant_staff(conn: Connection, merchant_id: str, staff_id: str) -> None:
    found = conn.execute(
        select(STAFF.c.id).where(STAFF.c.id == staff_id, STAFF.c.merchant_id == merchant_id)
    ).first()
    if found is None:
        raise AdminError(f"merchant {merchant_id!r} has no staff {staff_id!r}")


def set_staff_active(
    conn: Connection, merchant_id: str, staff_id: str, active: bool, now: datetime
) -> None:
    """Deactivate (or reactivate) a staff member; terminals learn it from their feed."""
    _merchant_staff(conn, merchant_id, staff_id)
    conn.execute(
        STAFF.update()
        .where(STAFF.c.merchant_id == merchant_id, STAFF.c.id == staff_id)
        .values(is_active=active, version=next_version(conn, merchant_id), updated_at=now)
    )


def reset_staff_pin(
    conn: Connection, merchant_id: str, staff_id: str, pin: str, now: datetime
) -> None:
    """A new PIN for a staff member; terminals take it with their next pull."""
    _merchant_staff(conn, merchant_id, staff_id)
    try:
        pin_hash = hash_pin(pin)
    except ValueError as exc:
        raise AdminError(str(exc)) from None
    conn.execute(
        STAFF.update()
        .where(STAFF.c.merchant_id == merchant_id, STAFF.c.id == staff_id)
        .values(pin_hash=pin_hash, version=next_version(conn, merchant_id), updated_at=now)
    )


def change_program(
    conn: Connection, merchant_id: str, program_id: str, changes: Mapping[str, Any], now: datetime
) -> Program:
    """The merchant's program with some of its rules changed (fields of Program, checked by
    it); a real change bumps its rule version, and terminals apply it after their next pull."""
    current = merchant_programs(conn, merchant_id).get(program_id)
    if current is None:
        raise AdminError(f"merchant {merchant_id!r} has no program {program_id!r}")
    if {"id", "merchant_id", "kind", "rule_version"} & set(changes):
        raise AdminError("a program's id, merchant, kind and rule version cannot be changed")
    try:
        program = dataclasses.replace(current, **changes)
    except (TypeError, ValueError) as exc:
        raise AdminError(f"invalid program: {exc}") from None
    return add_program(conn, program, now)


def add_program(conn: Connection, program: Program, now: datetime) -> Program:
    _check_id("program", program.id)
    _merchant_exists(conn, program.merchant_id)
    stored = select(PROGRAMS.c.version).where(PROGRAMS.c.id == program.id)
    before = conn.execute(stored).scalar()
    try:
        saved = save_program(conn, program, now)
    except ValueError as exc:
        raise AdminError(str(exc)) from None
    if before is not None and conn.execute(stored).scalar() != before:
        # What the program's passes show changed (its reward, target, name): update them.
        record_program_changed(conn, program.id, now)
    return saved


def insert_cards(conn: Connection, cards: list[Card], now: datetime) -> None:
    """Insert new cards (each with its own customer), in chunks, stamped for the feed."""
    for start in range(0, len(cards), IMPORT_CHUNK):
        chunk = cards[start : start + IMPORT_CHUNK]
        versions = _versions_for(conn, chunk)
        customers = [str(uuid.uuid4()) for _ in chunk]
        conn.execute(
            CUSTOMERS.insert(),
            [
                {
                    "id": cid,
                    "merchant_id": c.merchant_id,
                    "name": c.customer_name,
                    "created_at": now,
                }
                for cid, c in zip(customers, chunk, strict=True)
            ],
        )
        conn.execute(
            CARDS.insert(),
            [
                {
                    **card_values(c),
                    "customer_id": cid,
                    "created_at": now,
                    "updated_at": now,
                    "version": v,
                }
                for c, cid, v in zip(chunk, customers, versions, strict=True)
            ],
        )


def _versions_for(conn: Connection, cards: list[Card]) -> list[int]:
    """A change version for each card, from its own merchant's counter."""
    merchants = sorted({c.merchant_id for c in cards})
    drawn = {
        m: iter(next_versions(conn, m, sum(c.merchant_id == m for c in cards))) for m in merchants
    }
    return [next(drawn[c.merchant_id]) for c in cards]


def import_cards(
    conn: Connection, merchant_id: str, rows: Iterable[Mapping[str, str]], now: datetime
) -> int:
    """Cards from CSV rows: card_number, qr_token, program_id, store_id, and optionally id,
    customer_name, stamp_count, points_balance. All rows are checked before any is written.
    """
    _merchant_exists(conn, merchant_id)
    programs = merchant_programs(conn, merchant_id)
    stores = set(
        conn.execute(select(STORES.c.id).where(STORES.c.merchant_id == merchant_id)).scalars()
    )
    cards: list[Card] = []
    for line, row in enumerate(rows, start=2):
        try:
            cards.append(_card_from_csv(row, merchant_id, programs, stores))
        except (KeyError, ValueError) as exc:
            raise AdminError(f"line {line}: {exc}") from None
    _refuse_duplicates(conn, merchant_id, cards)
    insert_cards(conn, cards, now)
    return len(cards)


def _card_from_csv(
    row: Mapping[str, str], merchant_id: str, programs: dict[str, Program], stores: set[str]
) -> Card:
    number, token = row["card_number"].replace("-", "").strip(), row["qr_token"].strip()
    if not _CARD_NUMBER.fullmatch(number):
        raise ValueError(f"card number {number!r} is not 12 digits")
    if not _QR_TOKEN.fullmatch(token):
        raise ValueError(f"QR token {token!r} is not 16-64 URL-safe characters")
    program = programs.get(row["program_id"])
    if program is None:
        raise ValueError(f"no program {row['program_id']!r} at merchant {merchant_id!r}")
    if row["store_id"] not in stores:
        raise ValueError(f"no store {row['store_id']!r} at merchant {merchant_id!r}")
    stamps = int(row.get("stamp_count") or 0)
    points = int(row.get("points_balance") or 0)
    if stamps < 0 or points < 0:
        raise ValueError("stamp_count and points_balance cannot be negative")
    return Card(
        id=str(uuid.UUID(row["id"])) if row.get("id") else str(uuid.uuid4()),
        card_number=number,
        qr_token=token,
        merchant_id=merchant_id,
        program_id=program.id,
        enrolled_at_store=row["store_id"],
        customer_name=(row.get("customer_name") or "")[:200],
        stamp_count=stamps,
        total_stamps_earned=stamps,
        points_balance=points,
        total_points_earned=points,
    )


def _refuse_duplicates(conn: Connection, merchant_id: str, cards: list[Card]) -> None:
    for attr in ("id", "card_number", "qr_token"):
        values = [getattr(c, attr) for c in cards]
        if len(set(values)) != len(values):
            raise AdminError(f"the file has the same {attr} twice")
        column = CARDS.c[attr]
        # Ids, numbers and tokens are unique within the merchant.
        for start in range(0, len(values), IMPORT_CHUNK):
            chunk = values[start : start + IMPORT_CHUNK]
            taken = conn.execute(
                select(column).where(CARDS.c.merchant_id == merchant_id, column.in_(chunk)).limit(1)
            ).scalar_one_or_none()
            if taken is not None:
                raise AdminError(f"a card with {attr} {taken!r} already exists")


def revoke_terminal(
    conn: Connection,
    terminal_id: str,
    now: datetime,
    *,
    merchant_id: str | None = None,
    store_id: str | None = None,
) -> None:
    """Revoke a terminal; given merchant_id (and store_id), only one of theirs."""
    query = select(TERMINALS.c.revoked_at, TERMINALS.c.merchant_id).where(
        TERMINALS.c.id == terminal_id
    )
    if merchant_id is not None:
        query = query.where(TERMINALS.c.merchant_id == merchant_id)
    if store_id is not None:
        query = query.where(TERMINALS.c.store_id == store_id)
    found = conn.execute(query).first()
    if found is None:
        raise AdminError(f"there is no terminal {terminal_id!r}")
    if found.revoked_at is not None:
        raise AdminError(f"terminal {terminal_id} is already revoked")
    conn.execute(
        TERMINALS.update()
        .where(TERMINALS.c.merchant_id == found.merchant_id, TERMINALS.c.id == terminal_id)
        .values(revoked_at=now, version=next_version(conn, found.merchant_id))
    )
