"""Customers at the counter: enrol one with their details, find one without their card.

Online, the server knows every customer of the merchant; offline, this terminal knows them
by keyed hashes of their phone and e-mail (`store.customer_keys`) and by the names on the
cards it holds. Either way the cashier sees masked details to confirm with the customer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from pos_app.domain.customer import (
    Contact,
    ContactError,
    doubles,
    mask_name,
    normal_email,
    normal_phone,
)
from pos_app.domain.identifiers import CardRef
from pos_app.services.counter import Done, choose_program, enroll_customer
from pos_app.services.errors import AlreadyEnrolledError, ServiceError
from pos_app.store import Store
from pos_app.store.cards import VIEW, find_card
from pos_app.store.customer_keys import find_known
from pos_app.store.programs import all_programs
from sync.protocol import FoundCustomer as FoundCustomerWire

SERVER_TIMEOUT_S = 2.0
_PHONE_LIKE = re.compile(r"[0-9\s()+.\-/]+")
MAX_FOUND = 20


class BadContactError(ServiceError):
    """A phone number or e-mail address that cannot be one (bad input). The message is the
    English form; `field` ("phone", "email", or "empty": nothing to search for) and `typed`
    are for words in the reader's language."""

    exit_code = 2

    def __init__(self, message: str, field: str = "", typed: str = "") -> None:
        super().__init__(message, "bad_contact", field=field, typed=typed)
        self.field, self.typed = field, typed

    @classmethod
    def of(cls, error: ContactError) -> BadContactError:
        return cls(str(error), error.field, error.typed)


def read_contact(phone: str, email: str, consent: bool) -> Contact:
    """What the cashier typed, in normal form; BadContactError says what is wrong."""
    try:
        return Contact(normal_phone(phone), normal_email(email), consent)
    except ContactError as exc:
        raise BadContactError.of(exc) from None


def enrol(
    store: Store,
    staff_id: str,
    program_id: str | None,
    name: str,
    contact: Contact,
    now: datetime | None = None,
) -> Done:
    """A new card, unless the customer holds one it would double: this terminal's word
    first, then (when it answers quickly) the server's, which knows every counter's."""
    if not contact.empty:
        _ask_the_server(store, program_id, contact)
    return enroll_customer(store, staff_id, program_id, name, now, contact)


def _ask_the_server(store: Store, program_id: str | None, contact: Contact) -> None:
    found = _server_search(store, phone=contact.phone) if contact.phone else None
    if not found and contact.email:
        found = _server_search(store, email=contact.email)
    if not found:
        return
    store_id = store.identity().store_id
    with store.read() as conn:
        program = choose_program(all_programs(conn), program_id)
    for customer in found:
        for card in customer.cards:
            if doubles(card.enrolled_at_store, card.program_id, program, store_id):
                raise AlreadyEnrolledError(card.card_number)


@dataclass(frozen=True, slots=True)
class FoundCustomer:
    """A customer for the cashier to confirm: masked details and their cards' numbers."""

    name: str
    details: tuple[str, ...]
    card_numbers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Found:
    customers: tuple[FoundCustomer, ...]
    online: bool  # the server's answer (every counter's customers), not only this terminal's


def find_customer(store: Store, text: str) -> Found:
    """Customers by phone, e-mail or part of the name, as the cashier typed it."""
    text = text.strip()
    if not text:
        raise BadContactError("type a phone number, an e-mail address or a name", "empty")
    kind, value = _what(text)
    answer = _server_search(store, **{kind: value})
    if answer is not None:
        customers = tuple(
            FoundCustomer(
                c.name,
                tuple(d for d in (c.phone, c.email) if d),
                tuple(card.card_number for card in c.cards),
            )
            for c in answer
        )
        return Found(customers, online=True)
    return Found(_find_here(store, kind, value), online=False)


def _what(text: str) -> tuple[str, str]:
    """Which of phone, e-mail or name the cashier typed (a name may hold digits)."""
    if "@" in text:
        try:
            return "email", normal_email(text)
        except ContactError as exc:
            raise BadContactError.of(exc) from None
    if _PHONE_LIKE.fullmatch(text):
        try:
            return "phone", normal_phone(text)
        except ContactError as exc:
            raise BadContactError.of(exc) from None
    return "name", text


def _find_here(store: Store, kind: str, value: str) -> tuple[FoundCustomer, ...]:
    with store.read() as conn:
        if kind != "name":
            found = []
            for known in find_known(conn, kind, value):
                names = [
                    card.customer_name
                    for n in known.card_numbers
                    if (card := find_card(conn, CardRef.number(n))) is not None
                ]
                name = mask_name(next((n for n in names if n), ""))
                found.append(FoundCustomer(name, known.masked, known.card_numbers))
            return tuple(found)
        pattern = "%" + value.lower().replace("%", "").replace("_", "") + "%"
        rows = conn.execute(
            select(VIEW.c.customer_name, VIEW.c.card_number)
            .where(func.lower(VIEW.c.customer_name).like(pattern))
            .order_by(VIEW.c.customer_name)
            .limit(MAX_FOUND)
        ).all()
    return tuple(FoundCustomer(mask_name(r.customer_name), (), (r.card_number,)) for r in rows)


def _server_search(store: Store, **query: str) -> list[FoundCustomerWire] | None:
    """The server's customers for this query; None when it cannot be asked quickly."""
    import httpx

    from pos_app.services.sync import server_link
    from sync.engine.client import ServerClient, SyncError

    link = server_link(store)
    if link is None:
        return None
    try:
        with ServerClient(link.url, link.token, timeout=httpx.Timeout(SERVER_TIMEOUT_S)) as client:
            return client.search_customers(**query).customers
    except SyncError:
        return None
