"""Stamping a card this terminal does not know yet, while it cannot ask the server.

A customer enrolled at another shop (or online) since this terminal's last pull shows a
card the terminal has never seen. When the server cannot be reached and the card's program
allows it (its offline limit `allow_unknown_cards`), the stamp is taken provisionally: the
journal records it against a provisional card that stands for the scanned token or number,
and the server later stamps its own card of that reference, or refuses the entry as an
unknown card, which the end-of-day report then lists. Only stamps are taken this way:
nothing can be redeemed from a card whose balance this terminal does not know.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Connection

from pos_app.domain.card import Card
from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import Context
from pos_app.domain.program import Program
from pos_app.domain.refusal import RefusalCode, Refused
from pos_app.domain.replay import replay
from pos_app.store.database import TerminalIdentity
from pos_app.store.journal import pending_for_card
from pos_app.store.programs import all_programs, get_program
from pos_app.store.provisional import (
    ProvisionalCard,
    provisional_by_ref,
)
from pos_app.store.replica import steps
from pos_app.store.terminal import URL_KEY, get_setting


def provisional_program(
    conn: Connection, ref: CardRef, program_id: str | None = None
) -> ProvisionalCard | Program | Refused:
    """The card `ref` was already stamped as, else the program a first stamp would go to.

    Refused, with the reason in words, when no provisional stamp may be taken: a standalone
    terminal (no server would ever confirm the card), no single stamp program to put it in,
    or a program whose offline limit does not allow unknown cards.
    """
    if get_setting(conn, URL_KEY) is None:
        return Refused(
            RefusalCode.UNKNOWN_CARD,
            "This card is not on this terminal, and no server could confirm a new one.",
        )
    known = provisional_by_ref(conn, ref)
    if known is not None:
        return known
    stamps = [p for p in all_programs(conn) if p.has_stamps]
    if program_id is not None:
        stamps = [p for p in stamps if p.id == program_id]
    if len(stamps) != 1:
        names = ", ".join(p.name for p in stamps) or "none"
        return Refused(
            RefusalCode.UNKNOWN_CARD,
            "This card is not on this terminal yet, and it cannot tell which stamp program "
            f"it belongs to (stamp programs: {names}).",
        )
    (program,) = stamps
    if not program.offline.allow_unknown_cards:
        return Refused(
            RefusalCode.OFFLINE_LIMIT,
            f"This card is not on this terminal yet, and {program.name} does not allow "
            "stamping unknown cards while offline (offline limit).",
        )
    return program


def provisional_card(
    conn: Connection, terminal: TerminalIdentity, known: ProvisionalCard, program: Program
) -> Card:
    """A provisional card as its stamps so far make it (a blank card for a first stamp)."""
    blank = Card(
        id=known.card_id,
        card_number=known.ref.value if known.ref.kind == "number" else "",
        qr_token=known.ref.value if known.ref.kind == "token" else "",
        merchant_id=terminal.merchant_id,
        program_id=program.id,
        enrolled_at_store=terminal.store_id,
    )
    card = replay(blank, program, steps(pending_for_card(conn, known.card_id))).card
    return blank if card is None else card


def resolve_provisional(
    conn: Connection,
    terminal: TerminalIdentity,
    ref: CardRef,
    ctx: Context,
    program_id: str | None = None,
) -> tuple[Card, Program, bool] | Refused:
    """(the provisional card for `ref`, its program, whether it is new) or why there is none."""
    found = provisional_program(conn, ref, program_id)
    if isinstance(found, Refused):
        return found
    if isinstance(found, ProvisionalCard):
        program = get_program(conn, found.program_id)
        if program is None:
            return Refused(RefusalCode.UNKNOWN_CARD, "This card's program left this terminal.")
        return provisional_card(conn, terminal, found, program), program, False
    known = ProvisionalCard(str(uuid.uuid4()), ref, found.id)
    return provisional_card(conn, terminal, known, found), found, True
