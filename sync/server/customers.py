"""Customers of a merchant: who enrols, the one-card rule, finding them, export and erasure.

A customer is found by phone or e-mail in normal form (`pos_app.domain.customer`): an
enrolment naming one the merchant knows is that customer, and holds at most one card per
store, and one per merchant in a program that works across stores. Each function works
inside the caller's transaction.
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, func, or_, select

from pos_app.domain.customer import (
    Contact,
    doubles,
    lookup_key,
    mask_email,
    mask_name,
    mask_phone,
)
from pos_app.domain.identifiers import format_card_number
from pos_app.domain.program import Program
from pos_app.domain.refusal import RefusalCode, Refused
from sync.server.db import next_versions
from sync.server.models import CARDS, CUSTOMERS, MERCHANTS, TRANSACTIONS
from sync.server.wallet import void_pass

MAX_FOUND = 20


class CustomerError(Exception):
    """The operator's request about a customer cannot be done; the message says why."""


def _by_contact(conn: Connection, merchant_id: str, contact: Contact) -> Row[Any] | None:
    matches = []
    if contact.phone:
        matches.append(CUSTOMERS.c.phone == contact.phone)
    if contact.email:
        matches.append(CUSTOMERS.c.email == contact.email)
    if not matches:
        return None
    return conn.execute(
        select(CUSTOMERS)
        .where(CUSTOMERS.c.merchant_id == merchant_id, or_(*matches))
        .order_by(CUSTOMERS.c.created_at)
        .limit(1)
    ).first()


def card_in_the_way(
    conn: Connection, customer_id: str, program: Program, store_id: str
) -> str | None:
    """The number of the customer's card that a new card in `program` at `store_id` would
    double, if any: one at this store, or one in this program when it works across stores."""
    rows = conn.execute(
        select(CARDS.c.card_number, CARDS.c.program_id, CARDS.c.enrolled_at_store).where(
            CARDS.c.customer_id == customer_id, CARDS.c.deleted_at.is_(None)
        )
    ).all()
    for row in rows:
        if doubles(row.enrolled_at_store, row.program_id, program, store_id):
            return str(row.card_number)
    return None


def enrolment_customer(
    conn: Connection,
    merchant_id: str,
    program: Program,
    store_id: str,
    name: str,
    contact: Contact,
    now: datetime,
) -> str | Refused:
    """The customer a new card belongs to (found by phone or e-mail, else made now), or the
    refusal of a second card for them, naming the card they hold."""
    if not contact.empty:
        lookup_secret(conn, merchant_id)
    found = _by_contact(conn, merchant_id, contact)
    if found is None:
        customer_id = str(uuid.uuid4())
        conn.execute(
            CUSTOMERS.insert().values(
                id=customer_id,
                merchant_id=merchant_id,
                name=name,
                phone=contact.phone or None,
                email=contact.email or None,
                contact_consent=contact.consent,
                consent_at=now if contact.consent else None,
                created_at=now,
            )
        )
        return customer_id
    existing = card_in_the_way(conn, found.id, program, store_id)
    if existing is not None:
        return Refused(
            RefusalCode.ALREADY_ENROLLED,
            f"This customer already has card {format_card_number(existing)}.",
        )
    # What the customer gave now fills what we did not know; a consent given is recorded.
    values: dict[str, Any] = {}
    if contact.phone and not found.phone:
        values["phone"] = contact.phone
    if contact.email and not found.email:
        values["email"] = contact.email
    if name and not found.name:
        values["name"] = name
    if contact.consent and not found.contact_consent:
        values.update(contact_consent=True, consent_at=now)
    if values:
        conn.execute(CUSTOMERS.update().where(CUSTOMERS.c.id == found.id).values(**values))
    return str(found.id)


def lookup_secret(conn: Connection, merchant_id: str) -> str:
    """The merchant's key for customers' keyed hashes (hex), made on first use."""
    secret = conn.execute(
        select(MERCHANTS.c.lookup_secret).where(MERCHANTS.c.id == merchant_id)
    ).scalar_one()
    if secret is None:
        secret = secrets.token_hex(32)
        conn.execute(
            MERCHANTS.update()
            .where(MERCHANTS.c.id == merchant_id, MERCHANTS.c.lookup_secret.is_(None))
            .values(lookup_secret=secret)
        )
        secret = conn.execute(
            select(MERCHANTS.c.lookup_secret).where(MERCHANTS.c.id == merchant_id)
        ).scalar_one()
    return str(secret)


def stamp_customers(conn: Connection, merchant_id: str, customer_ids: Iterable[str]) -> None:
    """A new change version for each of the merchant's customers: the feed sends them again."""
    ids = sorted(set(customer_ids))
    for customer_id, version in zip(ids, next_versions(conn, merchant_id, len(ids)), strict=True):
        conn.execute(
            CUSTOMERS.update()
            .where(CUSTOMERS.c.merchant_id == merchant_id, CUSTOMERS.c.id == customer_id)
            .values(version=version)
        )


def customer_changes(
    conn: Connection, merchant_id: str, cursor: int, limit: int
) -> list[tuple[int, dict[str, Any]]]:
    """`CustomerChange`s after `cursor`: keyed hashes and masked forms, never the values."""
    rows = conn.execute(
        select(CUSTOMERS.c.id, CUSTOMERS.c.phone, CUSTOMERS.c.email, CUSTOMERS.c.version)
        .where(CUSTOMERS.c.merchant_id == merchant_id, CUSTOMERS.c.version > cursor)
        .order_by(CUSTOMERS.c.version)
        .limit(limit)
    ).all()
    if not rows:
        return []
    secret = conn.execute(
        select(MERCHANTS.c.lookup_secret).where(MERCHANTS.c.id == merchant_id)
    ).scalar_one()
    key = bytes.fromhex(secret) if secret else b""
    numbers: dict[str, list[str]] = {r.id: [] for r in rows}
    for card in conn.execute(
        select(CARDS.c.customer_id, CARDS.c.card_number)
        .where(CARDS.c.customer_id.in_(list(numbers)), CARDS.c.deleted_at.is_(None))
        .order_by(CARDS.c.created_at)
    ):
        numbers[card.customer_id].append(card.card_number)
    changes = []
    for r in rows:
        keys = [
            {"kind": kind, "key": lookup_key(key, kind, value), "masked": mask(value)}
            for kind, value, mask in (
                ("phone", r.phone, mask_phone),
                ("email", r.email, mask_email),
            )
            if value and key
        ]
        customer = {"id": r.id, "keys": keys, "card_numbers": numbers[r.id]}
        changes.append(
            (r.version, {"type": "customer", "version": r.version, "customer": customer})
        )
    return changes


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def find_customers(
    conn: Connection, merchant_id: str, *, phone: str = "", email: str = "", name: str = ""
) -> list[Row[Any]]:
    """The merchant's customers with this phone or e-mail (normal form), or whose name
    contains `name`; at most MAX_FOUND, erased ones never."""
    where = [CUSTOMERS.c.merchant_id == merchant_id, CUSTOMERS.c.erased_at.is_(None)]
    if phone:
        where.append(CUSTOMERS.c.phone == phone)
    elif email:
        where.append(CUSTOMERS.c.email == email)
    elif name.strip():
        where.append(func.lower(CUSTOMERS.c.name).like(_like(name.strip()), escape="\\"))
    else:
        return []
    return list(
        conn.execute(
            select(CUSTOMERS).where(*where).order_by(CUSTOMERS.c.name).limit(MAX_FOUND)
        ).all()
    )


def masked(conn: Connection, customer: Row[Any]) -> dict[str, Any]:
    """A found customer as the counter shows it (`sync.protocol.FoundCustomer`)."""
    cards = conn.execute(
        select(
            CARDS.c.card_number, CARDS.c.program_id, CARDS.c.enrolled_at_store, CARDS.c.is_active
        )
        .where(CARDS.c.customer_id == customer.id, CARDS.c.deleted_at.is_(None))
        .order_by(CARDS.c.created_at)
    ).all()
    return {
        "customer_id": customer.id,
        "name": mask_name(customer.name),
        "phone": mask_phone(customer.phone or ""),
        "email": mask_email(customer.email or ""),
        "cards": [dict(c._mapping) for c in cards],
    }


def _customer(conn: Connection, customer_id: str) -> Row[Any]:
    try:
        customer_id = str(uuid.UUID(customer_id))
    except ValueError:
        raise CustomerError(f"{customer_id!r} is not a customer id (a UUID)") from None
    row = conn.execute(select(CUSTOMERS).where(CUSTOMERS.c.id == customer_id)).first()
    if row is None:
        raise CustomerError(f"there is no customer {customer_id}")
    return row


def _plain(value: Any) -> Any:
    # Instants and the shop day (a date) as ISO text.
    return value.isoformat() if isinstance(value, date) else value


def export_customer(conn: Connection, customer_id: str) -> dict[str, Any]:
    """Everything held about the customer: their details, their cards, their cards' entries."""
    customer = _customer(conn, customer_id)
    cards = conn.execute(
        select(CARDS)
        .where(CARDS.c.merchant_id == customer.merchant_id, CARDS.c.customer_id == customer.id)
        .order_by(CARDS.c.created_at)
    ).all()
    card_ids = [c.id for c in cards]
    transactions = conn.execute(
        select(TRANSACTIONS)
        .where(
            TRANSACTIONS.c.merchant_id == customer.merchant_id,
            TRANSACTIONS.c.card_id.in_(card_ids),
        )
        .order_by(TRANSACTIONS.c.received_at, TRANSACTIONS.c.id)
    ).all()
    return {
        "customer": {k: _plain(v) for k, v in customer._mapping.items()},
        "cards": [{k: _plain(v) for k, v in c._mapping.items()} for c in cards],
        "transactions": [
            {
                **{k: _plain(v) for k, v in t._mapping.items() if k != "operation"},
                "operation": json.loads(t.operation),
            }
            for t in transactions
        ],
    }


@dataclass(frozen=True, slots=True)
class Erased:
    """What an erasure did: the cards it deactivated, and the terminals whose own journals
    still hold the customer's name (enrolled there before terminal schema 0006, when the
    name was inside the entry's hash; see the operators' guide)."""

    cards: int
    name_kept_by: tuple[str, ...] = ()


def erase_customer(conn: Connection, customer_id: str, now: datetime) -> Erased:
    """Remove the customer's personal data, deactivate their cards and void their passes.

    Transactions stay, with their amounts: the enrolment's typed name is blanked in them,
    the only personal data an entry of an older terminal holds (newer ones send the name
    beside the entry). The cards' new versions carry the blank name to every terminal at
    its next pull.
    """
    customer = _customer(conn, customer_id)
    if customer.erased_at is not None:
        raise CustomerError(f"customer {customer.id} was already erased")
    conn.execute(
        CUSTOMERS.update()
        .where(CUSTOMERS.c.id == customer.id)
        .values(
            name="", phone=None, email=None, contact_consent=False, consent_at=None, erased_at=now
        )
    )
    card_ids = list(
        conn.execute(
            select(CARDS.c.id).where(CARDS.c.customer_id == customer.id).order_by(CARDS.c.id)
        ).scalars()
    )
    merchant = customer.merchant_id  # a card id is only its merchant's own
    stamp_customers(conn, merchant, [customer.id])  # terminals drop its keys at their next pull
    drawn = next_versions(conn, merchant, len(card_ids))
    for card_id, version in zip(card_ids, drawn, strict=True):
        # The pass keeps its serial and object id, so the phone can fetch it void; the
        # saved Google JWT goes (it holds the name).
        conn.execute(
            CARDS.update()
            .where(CARDS.c.merchant_id == merchant, CARDS.c.id == card_id)
            .values(
                customer_name="", is_active=False, updated_at=now, version=version, google_jwt=None
            )
        )
        void_pass(conn, merchant, card_id, now)
    enrolments = conn.execute(
        select(TRANSACTIONS.c.id, TRANSACTIONS.c.operation, TRANSACTIONS.c.terminal_id).where(
            TRANSACTIONS.c.merchant_id == merchant,
            TRANSACTIONS.c.card_id.in_(card_ids),
            TRANSACTIONS.c.kind == "enroll",
        )
    ).all()
    kept_by: set[str] = set()
    for row in enrolments:
        operation = json.loads(row.operation)
        if not operation.get("customer_name"):
            continue  # the name came beside the entry: the terminal has let it go
        kept_by.add(str(row.terminal_id))
        operation["customer_name"] = ""
        conn.execute(
            TRANSACTIONS.update()
            .where(TRANSACTIONS.c.id == row.id)
            .values(operation=json.dumps(operation, sort_keys=True, separators=(",", ":")))
        )
    return Erased(len(card_ids), tuple(sorted(kept_by)))
