"""The card's life, by a manager: deactivate, reactivate, replace a lost card, adjust.

Each is a journal entry like a stamp (it syncs, the server applies the same rules, the end
of day lists it). A replaced card keeps its id, balances and history under a new number and
QR code; its old ones answer "replaced by a new card" at every counter once synced.

A terminal that was offline and stamps a card deactivated meanwhile: the server refuses
the stamp (card inactive) and the end of day lists it. One that stamps a replaced card by
its old code: the stamp is the customer's and goes to the card under its new code (the
same card), so nothing the customer earned is lost.
"""

from __future__ import annotations

from datetime import datetime

from pos_app.domain.identifiers import CardRef, new_card_number, new_qr_token
from pos_app.domain.operations import Adjust, CardOperation, Deactivate, Reactivate, Replace
from pos_app.domain.refusal import Refused
from pos_app.services.counter import Done, merge, perform
from pos_app.services.errors import SignInError
from pos_app.store import Store
from pos_app.store.cards import find_card
from pos_app.store.retired import replaced_by
from pos_app.store.staff import StaffMember


def _require_manager(manager: StaffMember) -> None:
    if not manager.is_manager:
        raise SignInError(
            f"{manager.name} is not a manager; a manager's PIN is needed",
            reason="not_manager",
            name=manager.name,
        )


def _as_manager(
    store: Store, ref: CardRef, op: CardOperation, manager: StaffMember, now: datetime | None
) -> Done | Refused:
    _require_manager(manager)
    return perform(store, ref, op, manager.id, now)


def deactivate(
    store: Store, ref: CardRef, manager: StaffMember, reason: str = "", now: datetime | None = None
) -> Done | Refused:
    return _as_manager(store, ref, Deactivate(reason.strip()), manager, now)


def reactivate(
    store: Store, ref: CardRef, manager: StaffMember, now: datetime | None = None
) -> Done | Refused:
    return _as_manager(store, ref, Reactivate(), manager, now)


def replace_card(
    store: Store, ref: CardRef, manager: StaffMember, now: datetime | None = None
) -> Done | Refused:
    """A new number and QR code for a lost card (the customer's new pass shows them)."""
    with store.read() as conn:
        number = new_card_number()
        token = new_qr_token()
        while (
            find_card(conn, CardRef.number(number)) is not None
            or replaced_by(conn, CardRef.number(number)) is not None
        ):
            number = new_card_number()
    return _as_manager(store, ref, Replace(number, token), manager, now)


def merge_cards(
    store: Store,
    source: CardRef,
    target: CardRef,
    manager: StaffMember,
    now: datetime | None = None,
) -> Done | Refused:
    """The customer's second card gives its balances to the one that stays, and stops."""
    _require_manager(manager)
    return merge(store, source, target, manager.id, now)


def adjust(
    store: Store,
    ref: CardRef,
    manager: StaffMember,
    reason: str,
    points: int = 0,
    stamps: int = 0,
    now: datetime | None = None,
) -> Done | Refused:
    return _as_manager(store, ref, Adjust(points, stamps, reason.strip()), manager, now)
