"""A customer's personal details on the terminal: beside their enrolment until it is answered.

The journal never holds a name, phone number or e-mail address given at enrolment (since
schema 0006; older enrolments hold the name in the entry): they wait here, beside the
entry and outside its hash, until the server has answered it. Then they are deleted; what
stays is the feed's card (its name, blanked when the customer is erased) and keyed hashes
(`customer_keys`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, or_, select, update

from pos_app.domain.customer import Contact
from pos_app.store.schema import (
    Base,
    CardReplicaRow,
    CardRow,
    EnrolmentContactRow,
    JournalRow,
    JournalSyncRow,
)

_CARDS = Base.metadata.tables[CardRow.__tablename__]
_REPLICA = Base.metadata.tables[CardReplicaRow.__tablename__]
_CONTACTS = Base.metadata.tables[EnrolmentContactRow.__tablename__]
_JOURNAL = Base.metadata.tables[JournalRow.__tablename__]
_SYNC = Base.metadata.tables[JournalSyncRow.__tablename__]
_PENDING = ("pending", "sent")


@dataclass(frozen=True, slots=True)
class Beside:
    """What waits beside one enrolment entry: the customer's name and contact."""

    name: str
    contact: Contact


def remember_contact(conn: Connection, seq: int, contact: Contact, name: str = "") -> None:
    conn.execute(
        insert(_CONTACTS).values(
            seq=seq, phone=contact.phone, email=contact.email, consent=contact.consent, name=name
        )
    )


def contacts_of(conn: Connection, seqs: Iterable[int]) -> dict[int, Beside]:
    wanted = list(seqs)
    if not wanted:
        return {}
    rows = conn.execute(select(_CONTACTS).where(_CONTACTS.c.seq.in_(wanted)))
    return {r.seq: Beside(r.name, Contact(r.phone, r.email, bool(r.consent))) for r in rows}


def names_beside(conn: Connection, seqs: Iterable[int]) -> dict[int, str]:
    """The names waiting beside these enrolment entries (those that have one)."""
    wanted = list(seqs)
    if not wanted:
        return {}
    rows = conn.execute(
        select(_CONTACTS.c.seq, _CONTACTS.c.name).where(
            _CONTACTS.c.seq.in_(wanted), _CONTACTS.c.name != ""
        )
    )
    return {r.seq: r.name for r in rows}


def forget_answered_contacts(conn: Connection) -> int:
    """Delete the contacts whose enrolment the server has answered; how many."""
    answered = (
        select(_SYNC.c.seq).where(_SYNC.c.seq == _CONTACTS.c.seq, _SYNC.c.status.not_in(_PENDING))
    ).exists()
    return int(conn.execute(delete(_CONTACTS).where(answered)).rowcount)


def forget_names_of_refused_enrolments(conn: Connection, card_ids: Iterable[str]) -> int:
    """Blank the name on these cards, made here, whose enrolment the server refused.

    The server never took such a card (this customer has one already, say), so its feed
    will never blank that name, nor will an erasure reach it; the end of day still lists
    the refusal, by card number. A card the server did send is left as it said. How many
    names were blanked.
    """
    wanted = list(card_ids)
    if not wanted:
        return 0
    sent = select(_REPLICA.c.id).where(_REPLICA.c.id == _CARDS.c.id).exists()
    return int(
        conn.execute(
            update(_CARDS)
            .where(_CARDS.c.id.in_(wanted), ~sent, _CARDS.c.customer_name != "")
            .values(customer_name="")
        ).rowcount
    )


def card_waiting_with(conn: Connection, contact: Contact) -> str | None:
    """The id of a card enrolled here, not yet answered, for the same phone or e-mail."""
    matches = []
    if contact.phone:
        matches.append(_CONTACTS.c.phone == contact.phone)
    if contact.email:
        matches.append(_CONTACTS.c.email == contact.email)
    if not matches:
        return None
    found = conn.execute(
        select(_JOURNAL.c.card_id)
        .join(_CONTACTS, _CONTACTS.c.seq == _JOURNAL.c.seq)
        .where(or_(*matches))
        .limit(1)
    ).scalar_one_or_none()
    return None if found is None else str(found)
