"""Push: a terminal's journal entries, applied once each, in its sequence order.

A batch is one database transaction. Either every new entry of it is applied and recorded
together with the terminal's new `last_seq`, or none is: a server killed mid-batch leaves
nothing behind, and the terminal's retry applies the batch as if for the first time. A
retry of a committed batch finds the stored outcomes and changes nothing.

Concurrency: the terminal row is locked first (one batch per terminal at a time), then the
batch's cards in id order (so two batches never deadlock on cards). A redemption whose card
another terminal emptied meanwhile is refused by the same rules the terminal ran.
"""

from __future__ import annotations

import json
import operator
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from pydantic_core import to_json
from sqlalchemy import Column, Connection, Engine, and_, bindparam, func, or_, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError

from pos_app.domain.card import Card
from pos_app.domain.chain import canonical_json, compute_hash
from pos_app.domain.customer import Contact
from pos_app.domain.operations import (
    Applied,
    CardOperation,
    Context,
    EarnRecord,
    Effect,
    Enroll,
    MergeIn,
    MergeOut,
    Operation,
    Replace,
    Reverse,
    VoidPoints,
    apply,
    enroll,
    op_to_dict,
    return_of,
)
from pos_app.domain.program import Program
from pos_app.domain.refusal import RefusalCode, Refused
from sync.protocol import (
    LOCAL_TIME_AFTER_DAYS,
    LOCAL_TIME_BEFORE_DAYS,
    EnrollOp,
    OutcomeStatus,
    PushRequest,
    WireEntry,
    entry_hash_fields,
    operation_from_wire,
)
from sync.server.auth import TerminalAuth
from sync.server.cards import CARD_FIELDS, MUTABLE_FIELDS, card_from_row, card_values, wire_card
from sync.server.customers import enrolment_customer, stamp_customers
from sync.server.daily_totals import record_batch, shop_day
from sync.server.db import next_versions, write
from sync.server.earns import earn_record, earn_rows
from sync.server.models import (
    CARDS,
    CUSTOMERS,
    RETIRED_CODES,
    STORES,
    TERMINALS,
    TRANSACTIONS,
)
from sync.server.programs import merchant_programs
from sync.server.provisional import provisional_card_id, reversal_card_id
from sync.server.reversals import checked_reversal
from sync.server.wallet import record_cards_changed

# A terminal clock this far ahead of ours is flagged on the transaction (DESIGN, principle 7).
CLOCK_SUSPECT_AHEAD = timedelta(hours=24)
_RETRIES = 3
# Deadlock, serialisation failure, unique violation: a concurrent batch got there first;
# running the whole batch again sees its effect and converges.
_RETRYABLE_SQLSTATES = frozenset({"40P01", "40001", "23505"})


class PushRejectedError(Exception):
    """The batch as a whole is refused; nothing was applied. Body is the response JSON."""

    def __init__(self, status_code: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("detail", ""))
        self.status_code = status_code
        self.body = body


def push(
    engine: Engine, terminal: TerminalAuth, request: PushRequest, received_at: datetime
) -> bytes:
    """Apply the batch; the `PushResponse` JSON. Raises PushRejectedError for a refused batch.

    Locked rows are held from the card lock to the commit, and every batch touching one of
    those cards waits meanwhile: what needs no lock (each entry's operation and canonical
    form before, the response JSON after) is done outside the transaction.
    """
    _check_consecutive(request.entries)
    _check_distinct_ids(request.entries)
    prepared = [_prepare(terminal.terminal_id, e) for e in request.entries]
    for attempt in range(_RETRIES):
        try:
            with write(engine) as conn:
                done = _push_batch(conn, terminal, prepared, received_at)
            return _response(done)
        except DBAPIError as exc:
            sqlstate = getattr(exc.orig, "sqlstate", None)
            if attempt + 1 == _RETRIES or sqlstate not in _RETRYABLE_SQLSTATES:
                raise
    raise AssertionError("unreachable")


@dataclass(frozen=True, slots=True)
class _Entry:
    """A wire entry with what every later step needs of it computed once."""

    wire: WireEntry
    op: Operation
    op_json: str
    entry_id: str
    card_id: str
    local_time_text: str
    # Whether the entry's hash matches its content (`entry_hash_ok`); the batch is refused
    # over it only once it is known to be new (`_check_chain`).
    hash_ok: bool

    @property
    def seq(self) -> int:
        return self.wire.seq


def _prepare(terminal_id: str, entry: WireEntry) -> _Entry:
    op = operation_from_wire(entry.operation)
    op_json = canonical_json(op_to_dict(op))
    # The fields the hash covers are the terminal's own text of the ids and the local time:
    # the transaction row stores the same text.
    fields = entry_hash_fields(terminal_id, entry, op_json)
    return _Entry(
        wire=entry,
        op=op,
        op_json=op_json,
        entry_id=fields["entry_id"],
        card_id=fields["card_id"],
        local_time_text=fields["local_time"],
        hash_ok=compute_hash(fields) == entry.hash,
    )


def _check_consecutive(entries: list[WireEntry]) -> None:
    first = entries[0].seq
    for offset, entry in enumerate(entries):
        if entry.seq != first + offset:
            raise PushRejectedError(
                400,
                {
                    "detail": f"entries must have consecutive seq numbers: "
                    f"seq {entry.seq} follows {first + offset - 1}"
                },
            )


def _check_distinct_ids(entries: list[WireEntry]) -> None:
    first_seq: dict[uuid.UUID, int] = {}
    for entry in entries:
        earlier = first_seq.setdefault(entry.entry_id, entry.seq)
        if earlier != entry.seq:
            raise PushRejectedError(
                400,
                {
                    "detail": f"entry {entry.seq} has the entry id of entry {earlier}: "
                    "every entry needs its own"
                },
            )


def _check_new_ids(conn: Connection, merchant_id: str, new: list[_Entry]) -> None:
    """A new entry's id must be new to its merchant (UNIQUE(merchant_id, entry_id)), whichever
    of its terminals used it. Another merchant's entries are no concern of this one's."""
    if not new:
        return
    taken = conn.execute(
        select(TRANSACTIONS.c.entry_id)
        .where(
            TRANSACTIONS.c.merchant_id == merchant_id,
            TRANSACTIONS.c.entry_id.in_([e.entry_id for e in new]),
        )
        .limit(1)
    ).scalar_one_or_none()
    if taken is not None:
        seq = next(e.seq for e in new if e.entry_id == taken)
        raise PushRejectedError(
            409,
            {
                "detail": f"entry {seq}: its entry id {taken} was already received with "
                "another entry; nothing of the batch was applied"
            },
        )


def _insert_transactions_sqlite(
    conn: Connection, merchant_id: str, rows: list[dict[str, Any]]
) -> None:
    """SQLite gives a composite key no automatic id: the merchant's next ids in order of
    arrival (found by its key), safe to draw so as SQLite has one writer at a time."""
    top = conn.execute(
        select(func.coalesce(func.max(TRANSACTIONS.c.id), 0)).where(
            TRANSACTIONS.c.merchant_id == merchant_id
        )
    ).scalar_one()
    numbered = [{**row, "id": top + n} for n, row in enumerate(rows, start=1)]
    conn.execute(TRANSACTIONS.insert(), numbered)


@dataclass
class _Batch:
    """What one batch works on: locked cards (current state) and what it changed."""

    terminal: TerminalAuth
    received_at: datetime
    programs: dict[str, Program]
    stores: set[str]
    cards: dict[str, Card] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)
    dirty: set[str] = field(default_factory=set)
    # Customers whose cards or details this batch changed: they go to the feed again.
    customers: set[str] = field(default_factory=set)
    versions: dict[str, int] = field(default_factory=dict)
    # Rows of this batch so far, by entry id: a reversal may undo an entry of its own batch.
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    # An entry's local time after this is flagged `clock_suspect`.
    suspect_after: datetime = field(init=False)
    # An entry's local time outside these is refused (`sync.protocol.LOCAL_TIME_*`).
    earliest: datetime = field(init=False)
    latest: datetime = field(init=False)

    def __post_init__(self) -> None:
        self.suspect_after = self.received_at + CLOCK_SUSPECT_AHEAD
        self.earliest = self.received_at - timedelta(days=LOCAL_TIME_BEFORE_DAYS)
        self.latest = self.received_at + timedelta(days=LOCAL_TIME_AFTER_DAYS)


@dataclass(frozen=True, slots=True)
class _Done:
    """A committed (or all-duplicate) batch: what the response is built from."""

    batch: _Batch
    stored: list[dict[str, Any]]
    rows: list[dict[str, Any]]
    last_seq: int


def _push_batch(
    conn: Connection, terminal: TerminalAuth, entries: list[_Entry], received_at: datetime
) -> _Done:
    this_terminal = (TERMINALS.c.merchant_id == terminal.merchant_id) & (
        TERMINALS.c.id == terminal.terminal_id
    )
    head = conn.execute(
        select(TERMINALS.c.last_seq, TERMINALS.c.last_hash).where(this_terminal).with_for_update()
    ).one()
    old = [e for e in entries if e.seq <= head.last_seq]
    new = [e for e in entries if e.seq > head.last_seq]
    if new and new[0].seq != head.last_seq + 1:
        raise PushRejectedError(
            409,
            {
                "detail": f"sequence gap: the server has entries up to {head.last_seq}, "
                f"this batch starts at {new[0].seq}",
                "expected_seq": head.last_seq + 1,
            },
        )
    stored = _stored_outcomes(conn, terminal.merchant_id, terminal.terminal_id, old)
    _check_chain(new, head.last_hash)
    _check_new_ids(conn, terminal.merchant_id, new)
    # A provisional stamp names its card by what the terminal scanned: the server's card.
    applied_to: dict[str, str] = {}
    old = [_resolve_provisional(conn, terminal, e, applied_to) for e in old]
    new = [_resolve_provisional(conn, terminal, e, applied_to) for e in new]
    entries = old + new

    batch = _Batch(
        terminal=terminal,
        received_at=received_at,
        programs=merchant_programs(conn, terminal.merchant_id),
        stores=set(
            conn.execute(
                select(STORES.c.id).where(STORES.c.merchant_id == terminal.merchant_id)
            ).scalars()
        ),
    )
    pg = conn.dialect.name == "postgresql"
    card_ids = sorted({e.card_id for e in entries})
    if pg:
        _lock_cards_pg(conn, batch, card_ids)
    else:
        _lock_cards(conn, batch, card_ids)
    rows = [_apply_entry(conn, batch, e) for e in new]
    if new:
        if pg:
            _copy_transactions_pg(conn, rows)
        else:
            _insert_transactions_sqlite(conn, terminal.merchant_id, rows)
        # The day's totals in this same transaction: counted exactly when stored.
        record_batch(conn, terminal.merchant_id, terminal.terminal_id, new[0].seq, new[-1].seq)
        conn.execute(
            TERMINALS.update()
            .where(this_terminal)
            .values(last_seq=new[-1].seq, last_hash=new[-1].wire.hash, last_seen_at=received_at)
        )
    _write_cards(conn, batch)
    # In this transaction: a pass update is owed exactly when the card change commits.
    record_cards_changed(conn, terminal.merchant_id, sorted(batch.dirty), received_at)
    stamp_customers(conn, terminal.merchant_id, batch.customers)
    last_seq = new[-1].seq if new else head.last_seq
    return _Done(batch, [stored[e.seq] for e in old], rows, last_seq)


def _resolve_provisional(
    conn: Connection, terminal: TerminalAuth, entry: _Entry, applied_to: dict[str, str]
) -> _Entry:
    """The entry with the server's card, for a provisional stamp or an undo of one."""
    merchant = terminal.merchant_id
    found = provisional_card_id(conn, merchant, entry.wire.program_id, entry.op)
    if found is None:
        found = reversal_card_id(
            conn, terminal.terminal_id, merchant, entry.card_id, entry.op, applied_to
        )
    resolved = entry if found is None else replace(entry, card_id=found)
    applied_to[resolved.entry_id] = resolved.card_id
    return resolved


def _stored_outcomes(
    conn: Connection, merchant_id: str, terminal_id: str, old: list[_Entry]
) -> dict[int, dict[str, Any]]:
    if not old:
        return {}
    rows = conn.execute(
        select(TRANSACTIONS).where(
            TRANSACTIONS.c.merchant_id == merchant_id,
            TRANSACTIONS.c.terminal_id == terminal_id,
            TRANSACTIONS.c.seq.between(old[0].seq, old[-1].seq),
        )
    ).mappings()
    stored = {r["seq"]: dict(r) for r in rows}
    for entry in old:
        row = stored.get(entry.seq)
        if row is None or row["hash"] != entry.wire.hash or row["entry_id"] != entry.entry_id:
            raise PushRejectedError(
                409,
                {
                    "detail": f"entry {entry.seq} differs from the entry {entry.seq} already "
                    "received: the terminal's journal was rewritten"
                },
            )
    return stored


def _check_chain(new: list[_Entry], last_hash: str) -> None:
    prev = last_hash
    for entry in new:
        if not entry.hash_ok:
            raise PushRejectedError(
                409,
                {"detail": f"entry {entry.seq}: its hash does not match its content (altered)"},
            )
        if entry.wire.prev_hash != prev:
            raise PushRejectedError(
                409,
                {
                    "detail": f"entry {entry.seq} does not chain to entry {entry.seq - 1} "
                    "(an entry before it was replaced, inserted or removed)"
                },
            )
        prev = entry.wire.hash


def _lock_cards(conn: Connection, batch: _Batch, card_ids: list[str]) -> None:
    """Load and lock the merchant's cards of this batch, in id order (no deadlocks)."""
    if not card_ids:
        return
    query = (
        select(*(CARDS.c[f] for f in CARD_FIELDS), CARDS.c.deleted_at, CARDS.c.version)
        .where(CARDS.c.id.in_(card_ids), CARDS.c.merchant_id == batch.terminal.merchant_id)
        .order_by(CARDS.c.id)
        .with_for_update()
    )
    for row in conn.execute(query).mappings():
        batch.cards[row["id"]] = card_from_row(row)
        batch.versions[row["id"]] = row["version"]
        if row["deleted_at"] is not None:
            batch.deleted.add(row["id"])


# PostgreSQL statements run on the driver's connection (the same transaction): no SQL
# compilation, no result-row processing, tuples straight into `Card`. Constant text only.
_PG_LOCK_CARDS = (
    f"SELECT {', '.join(CARD_FIELDS)}, deleted_at, version FROM cards "  # noqa: S608
    "WHERE id = ANY(%s) AND merchant_id = %s ORDER BY id FOR UPDATE"
)


def _driver(conn: Connection) -> Any:
    return conn.connection.driver_connection


def _lock_cards_pg(conn: Connection, batch: _Batch, card_ids: list[str]) -> None:
    """`_lock_cards` on PostgreSQL (same rows, same id order)."""
    if not card_ids:
        return
    width = len(CARD_FIELDS)
    # Never a prepared statement: the generic plan of `= ANY($1)` filters every card of
    # the merchant through the whole array (measured: 25 ms of PostgreSQL per 500 ids).
    params = (card_ids, batch.terminal.merchant_id)
    rows = _driver(conn).execute(_PG_LOCK_CARDS, params, prepare=False)
    for row in rows.fetchall():
        card_id = row[0]
        batch.cards[card_id] = Card(*row[:width])
        batch.versions[card_id] = row[width + 1]
        if row[width] is not None:
            batch.deleted.add(card_id)


def _apply_entry(conn: Connection, batch: _Batch, p: _Entry) -> dict[str, Any]:
    """Apply one entry to the batch's cards; the transaction row recording its outcome."""
    entry = p.wire
    ctx = Context(entry.local_time, entry.store_id)
    result: Applied | Refused
    # Compared as aware datetimes (a difference, never a conversion): even an instant that
    # no datetime can hold in UTC, such as 9999-12-31T23:00-14:00, compares without error.
    in_window = batch.earliest <= entry.local_time <= batch.latest
    if not in_window:
        result = Refused(
            RefusalCode.CLOCK_OUT_OF_RANGE,
            f"The terminal's clock said {p.local_time_text}, more than "
            f"{LOCAL_TIME_BEFORE_DAYS} days before or {LOCAL_TIME_AFTER_DAYS} days after the "
            "server's time: check the terminal's date and time.",
        )
    elif entry.store_id not in batch.stores:
        result = Refused(
            RefusalCode.OTHER_STORE, f"Store {entry.store_id!r} is not a store of this merchant."
        )
    elif isinstance(p.op, Enroll):
        result = _enroll(conn, batch, p, ctx)
    elif isinstance(p.op, Replace):
        result = _replace(conn, batch, p, p.op, ctx)
    elif isinstance(p.op, MergeOut):
        result = _merge_out(conn, batch, p, p.op, ctx)
    elif isinstance(p.op, MergeIn):
        result = _merge_in(conn, batch, p, p.op, ctx)
    elif isinstance(p.op, VoidPoints) and p.op.of_entry_id is not None:
        result = _tied_return(conn, batch, p, p.op, ctx)
    elif isinstance(p.op, Reverse):
        terminal = batch.terminal
        reversal = checked_reversal(
            conn, terminal.merchant_id, terminal.terminal_id, p.card_id, p.op, batch.rows
        )
        result = (
            reversal if isinstance(reversal, Refused) else _apply_card_op(batch, p, ctx, reversal)
        )
    else:
        result = _apply_card_op(batch, p, ctx)
    code: str | None = None
    if isinstance(result, Refused):
        status, code, reason = _REFUSED, result.code.value, result.message
        applied_stamps = applied_points = 0
    else:
        status, reason = _APPLIED, None
        applied_stamps, applied_points = result.effect.stamps_delta, result.effect.points_delta
        if applied_stamps != entry.stamps_delta or applied_points != entry.points_delta:
            status = _ADJUSTED
            reason = (
                f"Applied {_amounts(applied_stamps, applied_points)} instead of "
                f"{_amounts(entry.stamps_delta, entry.points_delta)}: "
                "the card or the rules had changed since the terminal's copy."
            )
    row: dict[str, Any] = {
        "merchant_id": batch.terminal.merchant_id,
        "terminal_id": batch.terminal.terminal_id,
        "seq": entry.seq,
        "entry_id": p.entry_id,
        "card_id": p.card_id,
        "program_id": entry.program_id,
        "kind": entry.operation.kind,
        "operation": p.op_json,
        "stamps_delta": entry.stamps_delta,
        "points_delta": entry.points_delta,
        "adjusted": entry.adjusted,
        "staff_id": entry.staff_id,
        "store_id": entry.store_id,
        # Out of the window, the instant may not even be storable: the server's time stands
        # in for it, and `local_time_text` keeps what the terminal said (as hashed).
        "local_time": entry.local_time if in_window else batch.received_at,
        "local_time_text": p.local_time_text,
        "shop_day": shop_day(entry.local_time if in_window else None, batch.received_at),
        "received_at": batch.received_at,
        "clock_suspect": not in_window or entry.local_time > batch.suspect_after,
        "rule_version": entry.rule_version,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
        "status": status,
        "code": code,
        "reason": reason,
        "applied_stamps_delta": applied_stamps,
        "applied_points_delta": applied_points,
    }
    batch.rows[p.entry_id] = row
    return row


_APPLIED = OutcomeStatus.APPLIED.value
_ADJUSTED = OutcomeStatus.ADJUSTED.value
_REFUSED = OutcomeStatus.REFUSED.value


def _amounts(stamps: int, points: int) -> str:
    parts = [f"{stamps:+d} stamps"] if stamps else []
    parts += [f"{points:+d} points"] if points or not stamps else []
    return ", ".join(parts)


def _apply_card_op(
    batch: _Batch, p: _Entry, ctx: Context, op: CardOperation | None = None
) -> Applied | Refused:
    card_id = p.card_id
    card = batch.cards.get(card_id)
    if card is None or card_id in batch.deleted:
        return Refused(RefusalCode.UNKNOWN_CARD, "The server does not know this card.")
    program = batch.programs[card.program_id]
    chosen = op or p.op
    assert not isinstance(chosen, Enroll)
    outcome = apply(card, program, chosen, ctx)
    if isinstance(outcome, Applied):
        batch.cards[card_id] = outcome.card
        batch.dirty.add(card_id)
    return outcome


def _merge_out(
    conn: Connection, batch: _Batch, p: _Entry, op: MergeOut, ctx: Context
) -> Applied | Refused:
    """Refused when the two cards are not one customer's (both known by phone or e-mail,
    and different) or not of one program; else the card gives its balances and stops."""
    rows = conn.execute(
        select(
            CARDS.c.id,
            CARDS.c.program_id,
            CUSTOMERS.c.id.label("customer"),
            CUSTOMERS.c.phone,
            CUSTOMERS.c.email,
        )
        .outerjoin(
            CUSTOMERS,
            (CUSTOMERS.c.merchant_id == CARDS.c.merchant_id)
            & (CUSTOMERS.c.id == CARDS.c.customer_id),
        )
        .where(
            CARDS.c.merchant_id == batch.terminal.merchant_id,
            CARDS.c.id.in_([p.card_id, op.into_card_id]),
            CARDS.c.deleted_at.is_(None),
        )
    ).all()
    by_id = {r.id: r for r in rows}
    source, target = by_id.get(p.card_id), by_id.get(op.into_card_id)
    if source is None or target is None:
        return Refused(RefusalCode.UNKNOWN_CARD, "The card to merge into is not a card here.")
    if source.program_id != target.program_id:
        return Refused(RefusalCode.WRONG_PROGRAM_TYPE, "Only cards of one program can merge.")
    known = all(r.phone or r.email for r in (source, target))
    if known and source.customer != target.customer:
        return Refused(
            RefusalCode.DIFFERENT_CUSTOMERS, "These cards belong to two different customers."
        )
    return _apply_card_op(batch, p, ctx)


def _merge_in(
    conn: Connection, batch: _Batch, p: _Entry, op: MergeIn, ctx: Context
) -> Applied | Refused:
    """What the `merge_out` entry took from the other card, by this server's record of it,
    taken once."""
    columns = (
        TRANSACTIONS.c.entry_id,
        TRANSACTIONS.c.card_id,
        TRANSACTIONS.c.kind,
        TRANSACTIONS.c.status,
        TRANSACTIONS.c.operation,
        TRANSACTIONS.c.applied_stamps_delta,
        TRANSACTIONS.c.applied_points_delta,
    )
    stored = conn.execute(
        select(*columns).where(
            TRANSACTIONS.c.merchant_id == batch.terminal.merchant_id,
            TRANSACTIONS.c.card_id.in_([op.from_card_id, p.card_id]),
            TRANSACTIONS.c.kind.in_(("merge_out", "merge_in")),
        )
    ).mappings()
    rows = [dict(r) for r in stored]
    rows += [r for r in batch.rows.values() if r["kind"] in ("merge_out", "merge_in")]
    out = next(
        (
            r
            for r in rows
            if r["entry_id"] == op.from_entry_id
            and r["kind"] == "merge_out"
            and r["card_id"] == op.from_card_id
            and r["status"] != _REFUSED
            and json.loads(r["operation"]).get("into_card_id") == p.card_id
        ),
        None,
    )
    if out is None:
        return Refused(RefusalCode.UNKNOWN_CARD, "The merged card's balances did not arrive.")
    taken = any(
        r["kind"] == "merge_in"
        and r["status"] != _REFUSED
        and json.loads(r["operation"]).get("from_entry_id") == op.from_entry_id
        for r in rows
    )
    if taken:
        return Refused(RefusalCode.ALREADY_ENROLLED, "Those balances were merged already.")
    given = MergeIn(
        op.from_card_id,
        op.from_entry_id,
        -int(out["applied_stamps_delta"]),
        -int(out["applied_points_delta"]),
    )
    return _apply_card_op(batch, p, ctx, given)


def _tied_return(
    conn: Connection, batch: _Batch, p: _Entry, op: VoidPoints, ctx: Context
) -> Applied | Refused:
    """A return of a purchase: the points of its earn (this server's record of it), at its
    rate, capped by what it gave less what earlier returns of it took back."""
    earn = _earn_record(conn, batch, p.card_id, op)
    if earn is None or op.returned_minor is None:
        return Refused(
            RefusalCode.UNKNOWN_PURCHASE, "The purchase this return names is not on this card."
        )
    void = return_of(earn, op.returned_minor)
    if isinstance(void, Refused):
        return void
    return _apply_card_op(batch, p, ctx, void)


def _earn_record(
    conn: Connection, batch: _Batch, card_id: str, op: VoidPoints
) -> EarnRecord | None:
    rows = earn_rows(conn, batch.terminal.merchant_id, card_id)
    rows += [r for r in batch.rows.values() if r["card_id"] == card_id]
    return earn_record(rows, op.of_entry_id)


def _replace(
    conn: Connection, batch: _Batch, p: _Entry, op: Replace, ctx: Context
) -> Applied | Refused:
    """The card's new number and token (unused by any card of the merchant, old or not);
    its old ones retired, to answer "replaced by a new card" at every counter."""
    before = batch.cards.get(p.card_id)
    merchant = batch.terminal.merchant_id
    number_or_token = or_(
        and_(RETIRED_CODES.c.code_kind == "number", RETIRED_CODES.c.value == op.card_number),
        and_(RETIRED_CODES.c.code_kind == "token", RETIRED_CODES.c.value == op.qr_token),
    )
    taken = (
        conn.execute(
            select(CARDS.c.id)
            .where(
                CARDS.c.merchant_id == merchant,
                or_(CARDS.c.card_number == op.card_number, CARDS.c.qr_token == op.qr_token),
            )
            .limit(1)
        ).first()
        or conn.execute(
            select(RETIRED_CODES.c.card_id)
            .where(RETIRED_CODES.c.merchant_id == merchant, number_or_token)
            .limit(1)
        ).first()
    )
    if before is not None and taken is not None:
        return Refused(
            RefusalCode.ALREADY_ENROLLED, "The new number or QR code is already a card's."
        )
    outcome = _apply_card_op(batch, p, ctx)
    if isinstance(outcome, Refused) or before is None:
        return outcome
    conn.execute(
        CARDS.update()
        .where(CARDS.c.merchant_id == merchant, CARDS.c.id == p.card_id)
        .values(card_number=op.card_number, qr_token=op.qr_token)
    )
    versions = next_versions(conn, merchant, 2)
    conn.execute(
        RETIRED_CODES.insert(),
        [
            {
                "merchant_id": merchant,
                "code_kind": kind,
                "value": value,
                "card_id": p.card_id,
                "retired_at": batch.received_at,
                "version": version,
            }
            for (kind, value), version in zip(
                (("number", before.card_number), ("token", before.qr_token)), versions, strict=True
            )
        ],
    )
    # The card is in `batch.dirty`: its passes are owed an update, which carries the new
    # number and token (the pass keeps its serial; the phone's pass becomes the new card's).
    return outcome


def _enroll(conn: Connection, batch: _Batch, p: _Entry, ctx: Context) -> Applied | Refused:
    entry = p.wire
    wire_op = entry.operation
    assert isinstance(wire_op, EnrollOp)
    card_id = str(wire_op.card_id)
    program = batch.programs.get(entry.program_id)
    if program is None:
        return Refused(
            RefusalCode.UNKNOWN_CARD, f"There is no program {entry.program_id!r} at this merchant."
        )
    if card_id != p.card_id:
        return Refused(RefusalCode.ALREADY_ENROLLED, "The entry names two different cards.")
    # Ids, numbers and tokens are the merchant's own: another merchant's never clash, so
    # the answer tells nothing of them.
    taken = conn.execute(
        select(CARDS.c.id, CARDS.c.card_number, CARDS.c.qr_token).where(
            CARDS.c.merchant_id == batch.terminal.merchant_id,
            or_(
                CARDS.c.id == card_id,
                CARDS.c.card_number == wire_op.card_number,
                CARDS.c.qr_token == wire_op.qr_token,
            ),
        )
    ).all()
    same = [
        r
        for r in taken
        if (r.id, r.card_number, r.qr_token) == (card_id, wire_op.card_number, wire_op.qr_token)
    ]
    if same and len(taken) == 1 and card_id in batch.cards:
        # This very card exists already (enrolled earlier): enrolling it again changes nothing.
        same_effect = Effect(stamps_delta=entry.stamps_delta, points_delta=entry.points_delta)
        return Applied(batch.cards[card_id], same_effect)
    if taken:
        return Refused(
            RefusalCode.ALREADY_ENROLLED,
            "A card with this id, number or QR code already exists.",
        )
    assert isinstance(p.op, Enroll)
    given = entry.customer
    contact = Contact() if given is None else Contact(given.phone, given.email, given.consent)
    # Beside the entry (schema 0006 terminals), or inside an older entry's operation. The
    # transaction keeps the operation as hashed; the name goes to the customer and card.
    name = wire_op.customer_name or ("" if given is None else given.name)
    customer_id = enrolment_customer(
        conn,
        batch.terminal.merchant_id,
        program,
        entry.store_id,
        name,
        contact,
        batch.received_at,
    )
    if isinstance(customer_id, Refused):
        return customer_id
    if not contact.empty:
        batch.customers.add(customer_id)
    applied = enroll(replace(p.op, customer_name=name), program, ctx)
    # Inserted now so later entries of the batch (and the uniqueness checks) see it; its
    # change version is stamped with the others just before commit.
    conn.execute(
        CARDS.insert().values(
            **card_values(applied.card),
            customer_id=customer_id,
            created_at=batch.received_at,
            updated_at=batch.received_at,
            version=0,
        )
    )
    batch.cards[card_id] = applied.card
    batch.dirty.add(card_id)
    return applied


def _write_cards(conn: Connection, batch: _Batch) -> None:
    """Write every changed card once, each with a fresh change version."""
    dirty = sorted(batch.dirty)
    drawn = next_versions(conn, batch.terminal.merchant_id, len(dirty))
    versions = dict(zip(dirty, drawn, strict=True))
    batch.versions.update(versions)
    if dirty and conn.dialect.name == "postgresql":
        _update_cards_pg(conn, batch, dirty)
    elif dirty:
        params = [
            {
                "_id": card_id,
                "_merchant": batch.terminal.merchant_id,
                **{f: getattr(batch.cards[card_id], f) for f in MUTABLE_FIELDS},
                "updated_at": batch.received_at,
                "version": versions[card_id],
            }
            for card_id in dirty
        ]
        stmt = (
            CARDS.update()
            .where(CARDS.c.merchant_id == bindparam("_merchant"), CARDS.c.id == bindparam("_id"))
            .values({f: bindparam(f) for f in (*MUTABLE_FIELDS, "updated_at", "version")})
        )
        conn.execute(stmt, params)


# On PostgreSQL a batch's transaction rows go in with one binary COPY (values encoded by the
# driver's C code, nothing for PostgreSQL to parse, one round trip) and its cards are
# updated by one statement that unnests one array per column. The arrays travel as array
# literals joined here column by column: the driver's generic list adaptation costs about
# 2 µs of Python per value, inside the card locks. Built from constant column names.
_PG_DIALECT = postgresql.dialect()  # type: ignore[no-untyped-call]


def _pg_type(column: Column[Any]) -> str:
    return column.type.compile(dialect=_PG_DIALECT)


def _pg_type_name(column: Column[Any]) -> str:
    """The column's type as the driver names it for binary COPY (`varchar`, `bigint`...)."""
    return _pg_type(column).split("(", 1)[0].lower()


_TX_TABLE_COLUMNS = tuple(c for c in TRANSACTIONS.c if c.name != "id")
_TX_COLUMNS = tuple(c.name for c in _TX_TABLE_COLUMNS)
_tx_values = operator.itemgetter(*_TX_COLUMNS)
_TX_TYPES = tuple(_pg_type_name(c) for c in _TX_TABLE_COLUMNS)
_PG_COPY_TRANSACTIONS = f"COPY transactions ({', '.join(_TX_COLUMNS)}) FROM STDIN"
# The driver's binary encoding of a whole number wraps silently when the value is too wide
# for its column (2**32 + 5 in an `integer` column arrives as 5), where text makes
# PostgreSQL refuse it. A batch holding such a number (only a broken or hostile terminal
# sends one: the wire leaves the deltas unbounded) goes as text, and is refused as ever.
_INT_BOUNDS = {"integer": 2**31, "bigint": 2**63}
_TX_INT_BOUNDS = tuple(
    (name, _INT_BOUNDS[type_])
    for name, type_ in zip(_TX_COLUMNS, _TX_TYPES, strict=True)
    if type_ in _INT_BOUNDS
)
_CARD_COLUMNS = ("id", *MUTABLE_FIELDS, "updated_at", "version")
_PG_UPDATE_CARDS = (
    "UPDATE cards AS c SET "  # noqa: S608
    + ", ".join(f"{col} = v.{col}" for col in _CARD_COLUMNS[1:])
    + " FROM unnest("
    + ", ".join(f"%s::{_pg_type(CARDS.c[col])}[]" for col in _CARD_COLUMNS)
    + f") AS v({', '.join(_CARD_COLUMNS)}) WHERE c.merchant_id = %s AND c.id = v.id"
)


def _binary_safe(rows: list[dict[str, Any]]) -> bool:
    return all(-bound <= row[name] < bound for row in rows for name, bound in _TX_INT_BOUNDS)


def _copy_transactions_pg(conn: Connection, rows: list[dict[str, Any]]) -> None:
    binary = _binary_safe(rows)
    statement = _PG_COPY_TRANSACTIONS + (" (FORMAT BINARY)" if binary else "")
    with _driver(conn).cursor() as cur, cur.copy(statement) as copy:
        if binary:
            copy.set_types(_TX_TYPES)
        for row in rows:
            copy.write_row(_tx_values(row))


def _array_element(value: Any) -> str:
    """One element of a PostgreSQL array literal (text is always quoted and escaped)."""
    if value is None:
        return "NULL"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    raise TypeError(f"no array literal for {type(value).__name__}")


def _array_literal(values: Sequence[Any]) -> str:
    return "{" + ",".join(map(_array_element, values)) + "}"


# `_array_literal` by column type, without the per-value dispatch (the same text).


def _int_array_literal(values: Sequence[int | None]) -> str:
    try:
        return "{" + ",".join(map(int.__repr__, values)) + "}"
    except TypeError:  # a NULL among them
        return _array_literal(values)


def _text_array_literal(values: Sequence[str | None]) -> str:
    return (
        "{"
        + ",".join(
            [
                "NULL" if v is None else '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
                for v in values
            ]
        )
        + "}"
    )


def _temporal_array_literal(values: Sequence[date | None]) -> str:
    return "{" + ",".join(["NULL" if v is None else v.isoformat() for v in values]) + "}"


_LITERAL_BY_TYPE: dict[str, Callable[[Sequence[Any]], str]] = {
    "integer": _int_array_literal,
    "bigint": _int_array_literal,
    "varchar": _text_array_literal,
    "text": _text_array_literal,
    "date": _temporal_array_literal,
    "timestamp with time zone": _temporal_array_literal,
}
_card_update_values = operator.attrgetter(*_CARD_COLUMNS[:-2])
_CARD_LITERALS = tuple(
    _LITERAL_BY_TYPE.get(_pg_type_name(CARDS.c[col]), _array_literal) for col in _CARD_COLUMNS[:-2]
)


def _update_cards_pg(conn: Connection, batch: _Batch, dirty: list[str]) -> None:
    cards = [batch.cards[card_id] for card_id in dirty]
    by_column = zip(*map(_card_update_values, cards), strict=True)
    columns = [literal(values) for literal, values in zip(_CARD_LITERALS, by_column, strict=True)]
    columns.append("{" + ",".join([_array_element(batch.received_at)] * len(cards)) + "}")
    columns.append(_int_array_literal([batch.versions[card_id] for card_id in dirty]))
    _driver(conn).execute(_PG_UPDATE_CARDS, [*columns, batch.terminal.merchant_id])


# The response: one JSON text, built after commit by pydantic-core's serialiser in one
# call (a `json.dumps` per outcome or per card costs more than the encoding). An outcome
# carries its card's `wire_card` dict itself, built once per card however many outcomes
# carry it. The text is the `PushResponse` dict's JSON, compact and in UTF-8.


def _response(done: _Done) -> bytes:
    batch = done.batch
    cards: dict[str, dict[str, Any] | None] = {}

    def wire(card_id: str) -> dict[str, Any] | None:
        if card_id not in cards:
            card = batch.cards.get(card_id)
            if card is None or card_id in batch.deleted:
                cards[card_id] = None
            else:
                cards[card_id] = wire_card(card, batch.versions[card_id])
        return cards[card_id]

    outcomes = [_duplicate_outcome(row, wire(row["card_id"])) for row in done.stored]
    outcomes += [_outcome(row, wire(row["card_id"])) for row in done.rows]
    server_time = batch.received_at.isoformat()
    return to_json({"outcomes": outcomes, "last_seq": done.last_seq, "server_time": server_time})


def _outcome(row: dict[str, Any], card: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "entry_id": row["entry_id"],
        "seq": row["seq"],
        "status": row["status"],
        "code": row["code"],
        "reason": row["reason"],
        "applied_stamps_delta": row["applied_stamps_delta"],
        "applied_points_delta": row["applied_points_delta"],
        "card": card,
    }


def _duplicate_outcome(row: dict[str, Any], card: dict[str, Any] | None) -> dict[str, Any]:
    """The first answer again, as an idempotency key's replay: marked `duplicate`, with
    `first_status`, code, reason and applied deltas exactly as decided the first time (a
    lost answer never hides a refusal); the card is its authoritative state now."""
    out = _outcome(row, card)
    out["status"] = OutcomeStatus.DUPLICATE.value
    out["first_status"] = row["status"]
    return out
