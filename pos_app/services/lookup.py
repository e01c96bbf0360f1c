"""Finding a card for the counter: by QR token or number, with its program and pending work."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from pos_app.domain.card import Card
from pos_app.domain.identifiers import CardRef, format_card_number
from pos_app.domain.program import Program
from pos_app.domain.refusal import Refused
from pos_app.services.provisional import provisional_card, provisional_program
from pos_app.store import Store
from pos_app.store.cards import find_card as find_card_row
from pos_app.store.cards import get_card
from pos_app.store.programs import get_program
from pos_app.store.provisional import ProvisionalCard, provisional_by_ref
from pos_app.store.retired import replaced_by
from pos_app.store.schema import JournalRow, JournalSyncRow


@dataclass(frozen=True, slots=True)
class CardView:
    card: Card
    program: Program
    pending_entries: int
    # Stamped (or about to be) before this terminal knew the card: only stamps, and its
    # balance is what this terminal gave it, not the customer's (see services.provisional).
    provisional: bool = False


@dataclass(frozen=True, slots=True)
class NotFound:
    """No card to show, and why, in one line for the cashier (English); `reason`
    ("unknown_here", "not_of_shop", "refused") with `number` or `refused`, for words in the
    window's language."""

    message: str
    reason: str = "unknown_here"
    number: str = ""
    refused: Refused | None = None


def find_card(store: Store, ref: CardRef) -> CardView | None:
    """The card as the cashier should see it, or None when this terminal does not know it.

    A card this terminal has stamped provisionally is found as such until the server
    answers for those stamps.
    """
    terminal = store.identity()
    with store.read() as conn:
        card = find_card_row(conn, ref)
        provisional = False
        if card is None:
            known = provisional_by_ref(conn, ref)
            if known is None:
                return None
            program = get_program(conn, known.program_id)
            if program is None:
                return None
            card, provisional = provisional_card(conn, terminal, known, program), True
        program = get_program(conn, card.program_id)
        if program is None:
            raise LookupError(f"card {card.id} names program {card.program_id}, which is missing")
        pending = conn.execute(
            select(func.count())
            .select_from(JournalRow)
            .join(JournalSyncRow, JournalSyncRow.seq == JournalRow.seq)
            .where(JournalRow.card_id == card.id, JournalSyncRow.status.in_(("pending", "sent")))
        ).scalar_one()
    return CardView(card, program, pending, provisional)


def find_or_fetch(store: Store, ref: CardRef, timeout_s: float = 2.0) -> CardView | NotFound:
    """The card from this terminal, or else (when paired and the server answers quickly)
    from the server: a customer enrolled elsewhere since the last pull is served at once.

    When the server cannot be asked, a card this terminal does not know is offered as a
    provisional card if its program allows that offline; otherwise the reason is given.
    """
    view = find_card(store, ref)
    if view is not None:
        return view
    replaced = _replaced(store, ref)
    if replaced is not None:
        return replaced
    # Imported here: the HTTP stack stays off the counter's start-up path.
    import httpx

    from pos_app.services.sync import server_link
    from pos_app.store.replica import store_server_cards
    from sync.engine.client import ServerClient, SyncError

    link = server_link(store)
    if link is None:
        return _unknown_here(ref)
    try:
        with ServerClient(link.url, link.token, timeout=httpx.Timeout(timeout_s)) as client:
            if ref.kind == "token":
                wire = client.lookup(token=ref.value)
            else:
                wire = client.lookup(number=ref.value)
    except SyncError:
        return _offer_provisional(store, ref)
    if wire is None:
        return NotFound(
            "✗  This card is not a card of this shop (the server does not know it)",
            "not_of_shop",
        )
    with store.write() as conn:
        store_server_cards(conn, [(wire.to_card(), wire.version)])
    return find_card(store, ref) or _unknown_here(ref)


def _replaced(store: Store, ref: CardRef) -> NotFound | None:
    with store.read() as conn:
        card_id = replaced_by(conn, ref)
        card = None if card_id is None else get_card(conn, card_id)
    if card_id is None:
        return None
    if card is None:
        return NotFound("✗  This card was replaced by a new card")
    new = format_card_number(card.card_number)
    return NotFound(f"✗  This card was replaced by a new card: {new}. Scan the new one")


def _offer_provisional(store: Store, ref: CardRef) -> CardView | NotFound:
    terminal = store.identity()
    with store.read() as conn:
        found = provisional_program(conn, ref)
        if isinstance(found, Refused):
            return NotFound("✗  " + found.message, "refused", refused=found)
        if isinstance(found, ProvisionalCard):  # stamped since find_card looked
            return find_card(store, ref) or _unknown_here(ref)
        blank = ProvisionalCard(str(uuid.uuid4()), ref, found.id)
        card = provisional_card(conn, terminal, blank, found)
    return CardView(card, found, 0, provisional=True)


def _unknown_here(ref: CardRef) -> NotFound:
    if ref.kind == "number":
        number = format_card_number(ref.value)
        return NotFound(f"✗  No card {number} on this terminal", number=number)
    return NotFound("✗  This card is not known on this terminal (yet)")
