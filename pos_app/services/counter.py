"""Applying an operation at the counter: rules, card update and journal entry in one transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Connection

from pos_app.domain.card import Card
from pos_app.domain.customer import Contact, doubles
from pos_app.domain.identifiers import CardRef, format_card_number, new_card_number, new_qr_token
from pos_app.domain.operations import (
    UNDOABLE,
    Applied,
    CardOperation,
    Context,
    Effect,
    Enroll,
    MergeIn,
    MergeOut,
    Operation,
    OpKind,
    Replace,
    Reverse,
    Stamp,
    VoidPoints,
    apply,
    enroll,
)
from pos_app.domain.program import Program
from pos_app.domain.refusal import RefusalCode, Refused
from pos_app.services.clock import local_now
from pos_app.services.errors import (
    AlreadyEnrolledError,
    NotFoundError,
    ServiceError,
    UnknownCardError,
)
from pos_app.services.offline_limits import check_offline_limits
from pos_app.services.provisional import provisional_card, resolve_provisional
from pos_app.store import Store
from pos_app.store.cards import find_card, get_card, insert_card, save_card
from pos_app.store.contacts import card_waiting_with, remember_contact
from pos_app.store.customer_keys import known_card_numbers
from pos_app.store.database import TerminalIdentity
from pos_app.store.journal import JournalEntry, append, entry_by_seq, is_reversed
from pos_app.store.outbox import answered_card_id
from pos_app.store.programs import all_programs, get_program
from pos_app.store.provisional import ProvisionalCard, provisional_by_id, remember_provisional
from pos_app.store.retired import remember_retired


@dataclass(frozen=True, slots=True)
class Done:
    """An operation that happened: the card after it, and the journal entry that records it."""

    card: Card
    program: Program
    effect: Effect
    entry: JournalEntry


def perform(
    store: Store,
    ref: CardRef,
    op: CardOperation,
    staff_id: str,
    now: datetime | None = None,
    *,
    provisional: bool = False,
) -> Done | Refused:
    """Apply `op` to the card `ref` names. A refusal writes nothing.

    `provisional`: the caller could not ask the server about a card this terminal does not
    know, and a stamp may then be taken provisionally (see `services.provisional`).
    """
    terminal = store.identity()
    ctx = Context(now or local_now(), terminal.store_id)
    with store.write() as conn:
        card = find_card(conn, ref)
        if card is None:
            if provisional and isinstance(op, Stamp):
                return _stamp_provisionally(conn, terminal, ref, op, staff_id, ctx)
            raise _unknown_card(ref)
        return _apply_and_record(conn, terminal, card, op, staff_id, ctx)


def _stamp_provisionally(
    conn: Connection,
    terminal: TerminalIdentity,
    ref: CardRef,
    op: Stamp,
    staff_id: str,
    ctx: Context,
) -> Done | Refused:
    resolved = resolve_provisional(conn, terminal, ref, ctx)
    if isinstance(resolved, Refused):
        return resolved
    card, program, new = resolved
    stamp = Stamp(op.count, ref)  # the server finds its card by what was scanned
    outcome = _check_and_apply(conn, card, program, stamp, ctx)
    if isinstance(outcome, Refused):
        return outcome
    if new:
        remember_provisional(conn, ProvisionalCard(card.id, ref, program.id), ctx.now.isoformat())
    return _record(conn, terminal, card, program, stamp, outcome, staff_id, ctx)


def undo(store: Store, seq: int, staff_id: str, now: datetime | None = None) -> Done | Refused:
    """Take back journal entry `seq` with a compensating entry; the original stays as it is."""
    terminal = store.identity()
    ctx = Context(now or local_now(), terminal.store_id)
    with store.write() as conn:
        entry = entry_by_seq(conn, seq)
        if entry is None:
            raise NotFoundError(f"there is no journal entry {seq}", "no_entry", seq=str(seq))
        if OpKind(entry.kind) not in UNDOABLE:
            return Refused(RefusalCode.NOT_UNDOABLE, f"Cannot undo: a {entry.kind} entry.")
        if is_reversed(conn, entry):
            return Refused(RefusalCode.NOT_UNDOABLE, "Cannot undo: it was already undone.")
        original = entry.op
        requested = original.points if isinstance(original, VoidPoints) else None
        op = Reverse(
            entry.entry_id, OpKind(entry.kind), entry.stamps_delta, entry.points_delta, requested
        )
        provisional = provisional_by_id(conn, entry.card_id)
        if provisional is not None:  # the server has not named the card yet
            return _undo_provisional(conn, terminal, provisional, op, staff_id, ctx)
        # A provisional stamp the server has answered: undone on the card it named.
        card = get_card(conn, entry.card_id) or _answered_card(conn, entry)
        if card is None:
            raise UnknownCardError("the card of that entry is no longer on this terminal")
        return _apply_and_record(conn, terminal, card, op, staff_id, ctx)


def _answered_card(conn: Connection, entry: JournalEntry) -> Card | None:
    card_id = answered_card_id(conn, entry.seq)
    return None if card_id is None else get_card(conn, card_id)


def _undo_provisional(
    conn: Connection,
    terminal: TerminalIdentity,
    provisional: ProvisionalCard,
    op: Reverse,
    staff_id: str,
    ctx: Context,
) -> Done | Refused:
    """A Reverse of a provisional card's stamp: journalled against the provisional card,
    whose state is the replay of its entries (so there is no card row to save)."""
    program = get_program(conn, provisional.program_id)
    if program is None:
        raise ServiceError(
            f"program {provisional.program_id} is not on this terminal",
            "program_missing",
            program=provisional.program_id,
        )
    card = provisional_card(conn, terminal, provisional, program)
    outcome = _check_and_apply(conn, card, program, op, ctx)
    if isinstance(outcome, Refused):
        return outcome
    return _record(conn, terminal, card, program, op, outcome, staff_id, ctx)


def _apply_and_record(
    conn: Connection,
    terminal: TerminalIdentity,
    card: Card,
    op: CardOperation,
    staff_id: str,
    ctx: Context,
) -> Done | Refused:
    """The rules, then the card and its journal entry, inside the caller's transaction."""
    program = get_program(conn, card.program_id)
    if program is None:
        raise ServiceError(
            f"this card's program {card.program_id} is not on this terminal",
            "program_missing",
            program=card.program_id,
        )
    outcome = _check_and_apply(conn, card, program, op, ctx)
    if isinstance(outcome, Refused):
        return outcome
    save_card(conn, outcome.card, before=card)
    if isinstance(op, Replace):
        remember_retired(conn, "number", card.card_number, card.id)
        remember_retired(conn, "token", card.qr_token, card.id)
    return _record(conn, terminal, card, program, op, outcome, staff_id, ctx)


def _check_and_apply(
    conn: Connection, card: Card, program: Program, op: CardOperation, ctx: Context
) -> Applied | Refused:
    """The offline limits, then the program's rules."""
    limited = check_offline_limits(conn, card, program, op, ctx.now)
    return limited if limited is not None else apply(card, program, op, ctx)


def _record(
    conn: Connection,
    terminal: TerminalIdentity,
    card: Card,
    program: Program,
    op: Operation,
    applied: Applied,
    staff_id: str,
    ctx: Context,
) -> Done:
    """The journal entry of an applied operation, inside the caller's transaction."""
    entry = append(
        conn,
        terminal_id=terminal.terminal_id,
        card_id=card.id,
        program=program,
        op=op,
        effect=applied.effect,
        staff_id=staff_id,
        ctx=ctx,
    )
    return Done(applied.card, program, applied.effect, entry)


def merge(
    store: Store, source: CardRef, target: CardRef, staff_id: str, now: datetime | None = None
) -> Done | Refused:
    """Two cards of one customer become one, in one transaction: `source` gives its
    balances (an entry) and stops; `target` takes them (a second entry naming the first).
    The server checks they are one customer's and takes the amounts from its own record."""
    terminal = store.identity()
    ctx = Context(now or local_now(), terminal.store_id)
    with store.write() as conn:
        giver, taker = find_card(conn, source), find_card(conn, target)
        if giver is None or taker is None:
            raise _unknown_card(source if giver is None else target)
        if giver.id == taker.id:
            return Refused(
                RefusalCode.INVALID_AMOUNT,
                "A card cannot be merged into itself.",
                {"rule": "self_merge"},
            )
        if giver.program_id != taker.program_id:
            return Refused(
                RefusalCode.WRONG_PROGRAM_TYPE,
                "Only cards of one program can merge.",
                {"rule": "other_program"},
            )
        if not taker.is_active:
            return Refused(
                RefusalCode.CARD_INACTIVE,
                "The card that stays is not active.",
                {"rule": "target_inactive"},
            )
        out = _apply_and_record(conn, terminal, giver, MergeOut(taker.id), staff_id, ctx)
        if isinstance(out, Refused):
            return out
        given = MergeIn(
            giver.id, out.entry.entry_id, -out.effect.stamps_delta, -out.effect.points_delta
        )
        done = _apply_and_record(conn, terminal, taker, given, staff_id, ctx)
        if isinstance(done, Refused):  # cannot happen after the checks above: write nothing
            raise ServiceError(
                f"the merge was refused: {done.message}", "merge_refused", refusal=done.code.value
            )
        return done


def enroll_customer(
    store: Store,
    staff_id: str,
    program_id: str | None = None,
    customer_name: str = "",
    now: datetime | None = None,
    contact: Contact | None = None,
) -> Done:
    """A new card in a program (the only one when there is just one), welcome bonus included.

    A customer who already holds a card here (known by phone or e-mail) gets none: the
    AlreadyEnrolledError names their card. The name and contact details wait beside the
    entry for the server, never in the journal.
    """
    terminal = store.identity()
    ctx = Context(now or local_now(), terminal.store_id)
    contact = contact or Contact()
    with store.write() as conn:
        program = choose_program(all_programs(conn), program_id)
        if not contact.empty:
            _refuse_second_card(conn, contact, program, terminal.store_id)
        number = new_card_number()
        while find_card(conn, CardRef.number(number)) is not None:
            number = new_card_number()
        name = customer_name.strip()
        op = Enroll(str(uuid.uuid4()), number, new_qr_token())
        applied: Applied = enroll(replace(op, customer_name=name), program, ctx)
        insert_card(conn, applied.card)
        # The journalled enrolment names no one: the name waits beside it, outside the
        # hash, so an erasure can reach it (`contacts`).
        done = _record(conn, terminal, applied.card, program, op, applied, staff_id, ctx)
        if name or not contact.empty or contact.consent:
            remember_contact(conn, done.entry.seq, contact, name)
        return done


def _refuse_second_card(
    conn: Connection, contact: Contact, program: Program, store_id: str
) -> None:
    """Refused when this terminal knows a card of this phone's or e-mail's customer that
    the new one would double (the server holds the same rule for what it knows)."""
    waiting = card_waiting_with(conn, contact)
    held = [] if waiting is None else [get_card(conn, waiting)]
    held += [find_card(conn, CardRef.number(n)) for n in known_card_numbers(conn, contact)]
    for card in held:
        if card is not None and doubles(card.enrolled_at_store, card.program_id, program, store_id):
            raise AlreadyEnrolledError(card.card_number)


def choose_program(programs: list[Program], program_id: str | None) -> Program:
    if not programs:
        raise NotFoundError(
            "this terminal has no loyalty program yet; sync with the server first", "no_program"
        )
    if program_id is None:
        if len(programs) == 1:
            return programs[0]
        names = ", ".join(p.id for p in programs)
        raise NotFoundError(f"choose a program: {names}", "choose_program", programs=names)
    for p in programs:
        if p.id == program_id:
            return p
    names = ", ".join(p.id for p in programs)
    raise NotFoundError(
        f"there is no program {program_id!r}; programs here: {names}",
        "unknown_program",
        program=program_id,
        programs=names,
    )


def _unknown(ref: CardRef) -> str:
    if ref.kind == "number":
        return f"no card {format_card_number(ref.value)} on this terminal"
    return "no card with this QR code on this terminal"


def _unknown_card(ref: CardRef) -> UnknownCardError:
    number = format_card_number(ref.value) if ref.kind == "number" else ""
    return UnknownCardError(_unknown(ref), number)
