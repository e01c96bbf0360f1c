"""A customer's contact details on the terminal: beside their enrolment until it is answered.

The journal never holds a phone number or an e-mail address: the enrolment entry carries
only the name, and what else the customer gave waits here, beside the entry, until the
server has answered it. Then it is deleted; what stays is the feed's keyed hashes
(`customer_keys`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, or_, select

from pos_app.domain.customer import Contact
from pos_app.store.schema import Base, EnrolmentContactRow, JournalRow, JournalSyncRow

_CONTACTS = Base.metadata.tables[EnrolmentContactRow.__tablename__]
_JOURNAL = Base.metadata.tables[JournalRow.__tablename__]
_SYNC = Base.metadata.tables[JournalSyncRow.__tablename__]
_PENDING = ("pending", "sent")


def remember_contact(conn: Connection, seq: int, contact: Contact) -> None:
    conn.execute(
        insert(_CONTACTS).values(
            seq=seq, phone=contact.phone, email=contact.email, consent=contact.consent
        )
    )


def contacts_of(conn: Connection, seqs: Iterable[int]) -> dict[int, Contact]:
    wanted = list(seqs)
    if not wanted:
        return {}
    rows = conn.execute(select(_CONTACTS).where(_CONTACTS.c.seq.in_(wanted)))
    return {r.seq: Contact(r.phone, r.email, bool(r.consent)) for r in rows}


def forget_answered_contacts(conn: Connection) -> int:
    """Delete the contacts whose enrolment the server has answered; how many."""
    answered = (
        select(_SYNC.c.seq).where(_SYNC.c.seq == _CONTACTS.c.seq, _SYNC.c.status.not_in(_PENDING))
    ).exists()
    return int(conn.execute(delete(_CONTACTS).where(answered)).rowcount)


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
