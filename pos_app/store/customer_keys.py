"""Customers as the terminal keeps them: keyed hashes of phone and e-mail, never readable.

The key is the merchant's (the server sends it with the sync state); the server sends each
customer's keys, masked details and card numbers in its feed. What the cashier types is
hashed with the same key and looked up: a copy of this table reveals no phone number or
e-mail address without that key, and no list of them in any case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select

from pos_app.domain.customer import Contact, lookup_key
from pos_app.store.schema import Base, CustomerKeyRow
from pos_app.store.terminal import get_setting, put_setting

LOOKUP_SETTING = "customers.lookup_hmac"
_KEYS = Base.metadata.tables[CustomerKeyRow.__tablename__]


@dataclass(frozen=True, slots=True)
class KnownCustomer:
    """A customer found on this terminal: masked details and the numbers of their cards."""

    customer_id: str
    masked: tuple[str, ...]
    card_numbers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CustomerKeys:
    """One customer's entry from the feed; no keys at all once they are erased."""

    customer_id: str
    keys: tuple[tuple[str, str, str], ...]  # (kind, key, masked)
    card_numbers: tuple[str, ...]


def lookup_secret(conn: Connection) -> bytes | None:
    value = get_setting(conn, LOOKUP_SETTING)
    return None if value is None else bytes.fromhex(value)


def remember_lookup_secret(conn: Connection, secret_hex: str) -> None:
    if get_setting(conn, LOOKUP_SETTING) != secret_hex:
        put_setting(conn, LOOKUP_SETTING, secret_hex)


def store_customer_keys(conn: Connection, customers: Iterable[CustomerKeys]) -> None:
    """The feed's word on these customers replaces what was known of them."""
    for c in customers:
        conn.execute(delete(_KEYS).where(_KEYS.c.customer_id == c.customer_id))
        numbers = ",".join(c.card_numbers)
        for kind, key, masked in c.keys:
            conn.execute(
                insert(_KEYS).values(
                    customer_id=c.customer_id,
                    kind=kind,
                    key=key,
                    masked=masked,
                    card_numbers=numbers,
                )
            )


def find_known(conn: Connection, kind: str, value: str) -> list[KnownCustomer]:
    """Customers whose phone (or e-mail) in normal form is `value`."""
    secret = lookup_secret(conn)
    if secret is None or not value:
        return []
    key = lookup_key(secret, kind, value)
    ids = list(conn.execute(select(_KEYS.c.customer_id).where(_KEYS.c.key == key)).scalars())
    found = []
    for customer_id in dict.fromkeys(ids):
        rows = conn.execute(
            select(_KEYS).where(_KEYS.c.customer_id == customer_id).order_by(_KEYS.c.kind.desc())
        ).all()
        numbers = tuple(n for n in rows[0].card_numbers.split(",") if n)
        found.append(KnownCustomer(customer_id, tuple(r.masked for r in rows), numbers))
    return found


def known_card_numbers(conn: Connection, contact: Contact) -> list[str]:
    """The numbers of the cards the feed says this phone's or e-mail's customer holds."""
    numbers: list[str] = []
    for kind, value in (("phone", contact.phone), ("email", contact.email)):
        for customer in find_known(conn, kind, value):
            numbers += [n for n in customer.card_numbers if n not in numbers]
    return numbers
