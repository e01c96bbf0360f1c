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

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Column, Connection, Engine, bindparam, or_, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError

from pos_app.domain.card import Card
from pos_app.domain.chain import canonical_json
from pos_app.domain.operations import (
    Applied,
    Context,
    Effect,
    Enroll,
    apply,
    enroll,
    op_to_dict,
)
from pos_app.domain.program import Program
from pos_app.domain.refusal import RefusalCode, Refused
from sync.protocol import (
    EnrollOp,
    OutcomeStatus,
    PushRequest,
    WireEntry,
    entry_hash_ok,
    operation_from_wire,
)
from sync.server.auth import TerminalAuth
from sync.server.cards import CARD_FIELDS, MUTABLE_FIELDS, card_from_row, card_values, wire_card
from sync.server.db import next_versions, write
from sync.server.models import CARDS, CUSTOMERS, STORES, TERMINALS, TRANSACTIONS
from sync.server.programs import merchant_programs

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
) -> dict[str, Any]:
    """Apply the batch; the `PushResponse` JSON. Raises PushRejectedError for a refused batch."""
    _check_consecutive(request.entries)
    for attempt in range(_RETRIES):
        try:
            with write(engine) as conn:
                return _push_batch(conn, terminal, request, received_at)
        except DBAPIError as exc:
            sqlstate = getattr(exc.orig, "sqlstate", None)
            if attempt + 1 == _RETRIES or sqlstate not in _RETRYABLE_SQLSTATES:
                raise
    raise AssertionError("unreachable")


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
    versions: dict[str, int] = field(default_factory=dict)


def _push_batch(
    conn: Connection, terminal: TerminalAuth, request: PushRequest, received_at: datetime
) -> dict[str, Any]:
    head = conn.execute(
        select(TERMINALS.c.last_seq, TERMINALS.c.last_hash)
        .where(TERMINALS.c.id == terminal.terminal_id)
        .with_for_update()
    ).one()
    entries = request.entries
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
    stored = _stored_outcomes(conn, terminal.terminal_id, old)
    _check_chain(terminal.terminal_id, new, head.last_hash)

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
    _lock_cards(conn, batch, {str(e.card_id) for e in entries})
    rows = [_apply_entry(conn, batch, e) for e in new]
    if new:
        if conn.dialect.name == "postgresql":
            conn.execute(_PG_INSERT_TRANSACTIONS, _columnar(rows, _TX_COLUMNS))
        else:
            conn.execute(TRANSACTIONS.insert(), rows)
        conn.execute(
            TERMINALS.update()
            .where(TERMINALS.c.id == terminal.terminal_id)
            .values(last_seq=new[-1].seq, last_hash=new[-1].hash)
        )
    _write_cards(conn, batch)

    outcomes = [_duplicate_outcome(stored[e.seq], batch) for e in old]
    outcomes += [_outcome(row, batch) for row in rows]
    last_seq = new[-1].seq if new else head.last_seq
    return {"outcomes": outcomes, "last_seq": last_seq, "server_time": received_at.isoformat()}


def _stored_outcomes(
    conn: Connection, terminal_id: str, old: list[WireEntry]
) -> dict[int, dict[str, Any]]:
    if not old:
        return {}
    rows = conn.execute(
        select(TRANSACTIONS).where(
            TRANSACTIONS.c.terminal_id == terminal_id,
            TRANSACTIONS.c.seq.between(old[0].seq, old[-1].seq),
        )
    ).mappings()
    stored = {r["seq"]: dict(r) for r in rows}
    for entry in old:
        row = stored.get(entry.seq)
        if row is None or row["hash"] != entry.hash or row["entry_id"] != str(entry.entry_id):
            raise PushRejectedError(
                409,
                {
                    "detail": f"entry {entry.seq} differs from the entry {entry.seq} already "
                    "received: the terminal's journal was rewritten"
                },
            )
    return stored


def _check_chain(terminal_id: str, new: list[WireEntry], last_hash: str) -> None:
    prev = last_hash
    for entry in new:
        if not entry_hash_ok(terminal_id, entry):
            raise PushRejectedError(
                409,
                {"detail": f"entry {entry.seq}: its hash does not match its content (altered)"},
            )
        if entry.prev_hash != prev:
            raise PushRejectedError(
                409,
                {
                    "detail": f"entry {entry.seq} does not chain to entry {entry.seq - 1} "
                    "(an entry before it was replaced, inserted or removed)"
                },
            )
        prev = entry.hash


def _lock_cards(conn: Connection, batch: _Batch, card_ids: set[str]) -> None:
    """Load and lock the merchant's cards of this batch, in id order (no deadlocks)."""
    if not card_ids:
        return
    query = (
        select(*(CARDS.c[f] for f in CARD_FIELDS), CARDS.c.deleted_at, CARDS.c.version)
        .where(CARDS.c.id.in_(sorted(card_ids)), CARDS.c.merchant_id == batch.terminal.merchant_id)
        .order_by(CARDS.c.id)
        .with_for_update()
    )
    for row in conn.execute(query).mappings():
        batch.cards[row["id"]] = card_from_row(row)
        batch.versions[row["id"]] = row["version"]
        if row["deleted_at"] is not None:
            batch.deleted.add(row["id"])


def _apply_entry(conn: Connection, batch: _Batch, entry: WireEntry) -> dict[str, Any]:
    """Apply one entry to the batch's cards; the transaction row recording its outcome."""
    ctx = Context(entry.local_time, entry.store_id)
    result: Applied | Refused
    if entry.store_id not in batch.stores:
        result = Refused(
            RefusalCode.OTHER_STORE, f"Store {entry.store_id!r} is not a store of this merchant."
        )
    elif isinstance(entry.operation, EnrollOp):
        result = _enroll(conn, batch, entry, ctx)
    else:
        result = _apply_card_op(batch, entry, ctx)
    op = operation_from_wire(entry.operation)
    row: dict[str, Any] = {
        "merchant_id": batch.terminal.merchant_id,
        "terminal_id": batch.terminal.terminal_id,
        "seq": entry.seq,
        "entry_id": str(entry.entry_id),
        "card_id": str(entry.card_id),
        "program_id": entry.program_id,
        "kind": entry.operation.kind,
        "operation": canonical_json(op_to_dict(op)),
        "stamps_delta": entry.stamps_delta,
        "points_delta": entry.points_delta,
        "adjusted": entry.adjusted,
        "staff_id": entry.staff_id,
        "store_id": entry.store_id,
        "local_time": entry.local_time,
        "local_time_text": entry.local_time.isoformat(),
        "received_at": batch.received_at,
        "clock_suspect": entry.local_time > batch.received_at + CLOCK_SUSPECT_AHEAD,
        "rule_version": entry.rule_version,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }
    if isinstance(result, Refused):
        return row | {
            "status": OutcomeStatus.REFUSED.value,
            "code": result.code.value,
            "reason": result.message,
            "applied_stamps_delta": 0,
            "applied_points_delta": 0,
        }
    effect = result.effect
    asked = (entry.stamps_delta, entry.points_delta)
    got = (effect.stamps_delta, effect.points_delta)
    status, reason = OutcomeStatus.APPLIED, None
    if got != asked:
        status = OutcomeStatus.ADJUSTED
        reason = (
            f"Applied {_amounts(*got)} instead of {_amounts(*asked)}: "
            "the card or the rules had changed since the terminal's copy."
        )
    return row | {
        "status": status.value,
        "code": None,
        "reason": reason,
        "applied_stamps_delta": effect.stamps_delta,
        "applied_points_delta": effect.points_delta,
    }


def _amounts(stamps: int, points: int) -> str:
    parts = [f"{stamps:+d} stamps"] if stamps else []
    parts += [f"{points:+d} points"] if points or not stamps else []
    return ", ".join(parts)


def _apply_card_op(batch: _Batch, entry: WireEntry, ctx: Context) -> Applied | Refused:
    card_id = str(entry.card_id)
    card = batch.cards.get(card_id)
    if card is None or card_id in batch.deleted:
        return Refused(RefusalCode.UNKNOWN_CARD, "The server does not know this card.")
    program = batch.programs[card.program_id]
    op = operation_from_wire(entry.operation)
    assert not isinstance(op, Enroll)
    outcome = apply(card, program, op, ctx)
    if isinstance(outcome, Applied):
        batch.cards[card_id] = outcome.card
        batch.dirty.add(card_id)
    return outcome


def _enroll(conn: Connection, batch: _Batch, entry: WireEntry, ctx: Context) -> Applied | Refused:
    wire_op = entry.operation
    assert isinstance(wire_op, EnrollOp)
    card_id = str(wire_op.card_id)
    program = batch.programs.get(entry.program_id)
    if program is None:
        return Refused(
            RefusalCode.UNKNOWN_CARD, f"There is no program {entry.program_id!r} at this merchant."
        )
    if card_id != str(entry.card_id):
        return Refused(RefusalCode.ALREADY_ENROLLED, "The entry names two different cards.")
    taken = conn.execute(
        select(CARDS.c.id, CARDS.c.card_number, CARDS.c.qr_token, CARDS.c.merchant_id).where(
            or_(
                CARDS.c.id == card_id,
                CARDS.c.card_number == wire_op.card_number,
                CARDS.c.qr_token == wire_op.qr_token,
            )
        )
    ).all()
    same = [
        r
        for r in taken
        if (r.id, r.card_number, r.qr_token, r.merchant_id)
        == (card_id, wire_op.card_number, wire_op.qr_token, batch.terminal.merchant_id)
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
    applied = enroll(operation_from_wire(wire_op), program, ctx)  # type: ignore[arg-type]
    customer_id = str(uuid.uuid4())
    conn.execute(
        CUSTOMERS.insert().values(
            id=customer_id,
            merchant_id=batch.terminal.merchant_id,
            name=wire_op.customer_name,
            created_at=batch.received_at,
        )
    )
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
    versions = dict(zip(dirty, next_versions(conn, len(dirty)), strict=True))
    batch.versions.update(versions)
    if dirty and conn.dialect.name == "postgresql":
        _update_cards_pg(conn, batch, dirty)
    elif dirty:
        params = [
            {
                "_id": card_id,
                **{f: getattr(batch.cards[card_id], f) for f in MUTABLE_FIELDS},
                "updated_at": batch.received_at,
                "version": versions[card_id],
            }
            for card_id in dirty
        ]
        stmt = (
            CARDS.update()
            .where(CARDS.c.id == bindparam("_id"))
            .values({f: bindparam(f) for f in (*MUTABLE_FIELDS, "updated_at", "version")})
        )
        conn.execute(stmt, params)


# On PostgreSQL a batch's rows travel as one array per column, unnested server-side: one
# statement and one round trip per batch, where executemany costs one per row and a
# multi-row VALUES costs more to compile than to run. Built from constant column names.
_PG_DIALECT = postgresql.dialect()  # type: ignore[no-untyped-call]


def _pg_type(column: Column[Any]) -> str:
    return column.type.compile(dialect=_PG_DIALECT)


def _unnest(columns: tuple[str, ...], table: Any) -> str:
    casts = ", ".join(f"CAST(:{c} AS {_pg_type(table.c[c])}[])" for c in columns)
    return f"unnest({casts}) AS v({', '.join(columns)})"


_TX_COLUMNS = tuple(c.name for c in TRANSACTIONS.c if c.name != "id")
_PG_INSERT_TRANSACTIONS = text(
    f"INSERT INTO transactions ({', '.join(_TX_COLUMNS)}) "  # noqa: S608
    f"SELECT * FROM {_unnest(_TX_COLUMNS, TRANSACTIONS)}"
)
_CARD_COLUMNS = ("id", *MUTABLE_FIELDS, "updated_at", "version")
_PG_UPDATE_CARDS = text(
    "UPDATE cards AS c SET "  # noqa: S608
    + ", ".join(f"{col} = v.{col}" for col in _CARD_COLUMNS[1:])
    + f" FROM {_unnest(_CARD_COLUMNS, CARDS)} WHERE c.id = v.id"
)


def _columnar(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> dict[str, list[Any]]:
    return {c: [row[c] for row in rows] for c in columns}


def _update_cards_pg(conn: Connection, batch: _Batch, dirty: list[str]) -> None:
    rows = [
        {
            **card_values(batch.cards[card_id]),
            "updated_at": batch.received_at,
            "version": batch.versions[card_id],
        }
        for card_id in dirty
    ]
    conn.execute(_PG_UPDATE_CARDS, _columnar(rows, _CARD_COLUMNS))


def _card_json(card_id: str, batch: _Batch) -> dict[str, Any] | None:
    """The card's authoritative state after the whole batch, with its change version."""
    card = batch.cards.get(card_id)
    if card is None or card_id in batch.deleted:
        return None
    return wire_card(card, batch.versions[card_id])


def _outcome(row: dict[str, Any], batch: _Batch) -> dict[str, Any]:
    return {
        "entry_id": row["entry_id"],
        "seq": row["seq"],
        "status": row["status"],
        "code": row["code"],
        "reason": row["reason"],
        "applied_stamps_delta": row["applied_stamps_delta"],
        "applied_points_delta": row["applied_points_delta"],
        "card": _card_json(row["card_id"], batch),
    }


def _duplicate_outcome(row: dict[str, Any], batch: _Batch) -> dict[str, Any]:
    """The stored outcome again, marked duplicate; the code and reason say what it was."""
    out = _outcome(row, batch)
    out["status"] = OutcomeStatus.DUPLICATE.value
    if row["status"] != OutcomeStatus.REFUSED.value:
        out["reason"] = f"Already received: {row['status']}." + (
            f" {row['reason']}" if row["reason"] else ""
        )
    return out
