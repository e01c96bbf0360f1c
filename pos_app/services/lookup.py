"""Finding a card for the counter: by QR token or number, with its program and pending work."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from pos_app.domain.card import Card
from pos_app.domain.identifiers import CardRef
from pos_app.domain.program import Program
from pos_app.store import Store
from pos_app.store.cards import find_card as find_card_row
from pos_app.store.programs import get_program
from pos_app.store.schema import JournalRow, JournalSyncRow


@dataclass(frozen=True, slots=True)
class CardView:
    card: Card
    program: Program
    pending_entries: int


def find_card(store: Store, ref: CardRef) -> CardView | None:
    """The card as the cashier should see it, or None when this terminal does not know it."""
    with store.read() as conn:
        card = find_card_row(conn, ref)
        if card is None:
            return None
        program = get_program(conn, card.program_id)
        if program is None:
            raise LookupError(f"card {card.id} names program {card.program_id}, which is missing")
        pending = conn.execute(
            select(func.count())
            .select_from(JournalRow)
            .join(JournalSyncRow, JournalSyncRow.seq == JournalRow.seq)
            .where(JournalRow.card_id == card.id, JournalSyncRow.status.in_(("pending", "sent")))
        ).scalar_one()
    return CardView(card, program, pending)


def find_or_fetch(store: Store, ref: CardRef, timeout_s: float = 2.0) -> CardView | None:
    """The card from this terminal, or else (when paired and the server answers quickly)
    from the server: a customer enrolled elsewhere since the last pull is served at once.
    Offline, an unknown card stays unknown until the next pull brings it.
    """
    view = find_card(store, ref)
    if view is not None:
        return view
    # Imported here: the HTTP stack stays off the counter's start-up path.
    import httpx

    from pos_app.services.sync import server_link
    from pos_app.store.replica import store_server_cards
    from sync.engine.client import ServerClient, SyncError

    link = server_link(store)
    if link is None:
        return None
    try:
        with ServerClient(link.url, link.token, timeout=httpx.Timeout(timeout_s)) as client:
            if ref.kind == "token":
                wire = client.lookup(token=ref.value)
            else:
                wire = client.lookup(number=ref.value)
    except SyncError:
        return None
    if wire is None:
        return None
    with store.write() as conn:
        store_server_cards(conn, [(wire.to_card(), wire.version)])
    return find_card(store, ref)
