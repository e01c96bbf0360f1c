"""The append-only journal: one entry per applied operation, each hashing its predecessor.

An entry's hash is SHA-256 over its canonical form (sorted-key compact JSON of every field,
the previous entry's hash among them). Editing, deleting, inserting or reordering entries
breaks the chain at the first entry touched, and `verify_chain` names it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select

from pos_app.domain.chain import GENESIS_HASH, canonical_json, compute_hash
from pos_app.domain.operations import Context, Effect, Operation, op_from_dict, op_to_dict
from pos_app.domain.program import Program
from pos_app.store.errors import HELP, JournalTailMissing
from pos_app.store.schema import Base, JournalRow, JournalSyncRow, SettingRow
from pos_app.store.terminal import SERVER_SEQ_KEY

# Built once: the counter appends an entry per operation (see `cards` for why).
_JOURNAL = Base.metadata.tables[JournalRow.__tablename__]
_HEAD = select(_JOURNAL.c.seq, _JOURNAL.c.hash).order_by(_JOURNAL.c.seq.desc()).limit(1)
_INSERT_ENTRY = insert(_JOURNAL)
_INSERT_SYNC = insert(Base.metadata.tables[JournalSyncRow.__tablename__])
# How far other records say the journal goes: its sync statuses, and what the server holds.
_SYNCED_END = select(func.max(JournalSyncRow.seq)).scalar_subquery()
_SERVER_END = select(SettingRow.value).where(SettingRow.key == SERVER_SEQ_KEY).scalar_subquery()
_RECORDED_END = select(_SYNCED_END, _SERVER_END)
# The head and both ends in one statement: every operation appends, and asks this first.
_HEAD_AND_ENDS = (
    select(_JOURNAL.c.seq, _JOURNAL.c.hash, _SYNCED_END, _SERVER_END)
    .order_by(_JOURNAL.c.seq.desc())
    .limit(1)
)


@dataclass(frozen=True, slots=True)
class JournalEntry:
    seq: int
    entry_id: str
    terminal_id: str
    card_id: str
    program_id: str
    kind: str
    operation: str
    stamps_delta: int
    points_delta: int
    adjusted: bool
    staff_id: str
    store_id: str
    local_time: str
    rule_version: int
    prev_hash: str
    hash: str

    @property
    def op(self) -> Operation:
        decoded: dict[str, Any] = json.loads(self.operation)
        return op_from_dict(decoded)


def head(conn: Connection) -> tuple[int, str]:
    """The last sequence number and hash, or (0, genesis) for an empty journal."""
    row = conn.execute(_HEAD).first()
    return (0, GENESIS_HASH) if row is None else (row.seq, row.hash)


@dataclass(frozen=True, slots=True)
class MissingTail:
    """The journal ends at `last_seq`, yet entries up to `recorded_seq` were recorded."""

    last_seq: int
    synced_seq: int  # the last entry with a sync status beside it
    server_seq: int  # the last entry the server said it holds

    @property
    def recorded_seq(self) -> int:
        return max(self.synced_seq, self.server_seq)

    def describe(self) -> str:
        first, last = self.last_seq + 1, self.recorded_seq
        missing = f"entry {first}" if first == last else f"entries {first} to {last}"
        where = []
        if self.synced_seq == last:
            where.append("its sync status is still recorded")
        if self.server_seq == last:
            where.append("the server holds it" if first == last else "the server holds them")
        return (
            f"{missing} missing at the end of the journal (deleted): the journal ends at "
            f"entry {self.last_seq}, but {' and '.join(where)}"
        )


def missing_tail(conn: Connection, last_seq: int | None = None) -> MissingTail | None:
    """Entries deleted from the end of the journal, which the hash chain cannot show."""
    if last_seq is None:
        last_seq = head(conn)[0]
    synced, server = conn.execute(_RECORDED_END).one()
    return _gap(last_seq, synced, server)


def _gap(last_seq: int, synced: int | None, server: str | None) -> MissingTail | None:
    gap = MissingTail(last_seq, int(synced or 0), int(server or 0))
    return gap if gap.recorded_seq > last_seq else None


def _head_and_gap(conn: Connection) -> tuple[int, str, MissingTail | None]:
    row = conn.execute(_HEAD_AND_ENDS).first()
    if row is None:  # an empty journal, or one emptied behind our back
        return 0, GENESIS_HASH, missing_tail(conn, 0)
    return row[0], row[1], _gap(row[0], row[2], row[3])


def append(
    conn: Connection,
    *,
    terminal_id: str,
    card_id: str,
    program: Program,
    op: Operation,
    effect: Effect,
    staff_id: str,
    ctx: Context,
) -> JournalEntry:
    """Append one entry (and its pending sync status) inside the caller's transaction.

    Refused when the journal's end was deleted: the new entry would take a number that
    an entry the server may hold already had, and renumbering is not ours to do.
    """
    last_seq, last_hash, gap = _head_and_gap(conn)
    if gap is not None:
        raise JournalTailMissing(
            f"{conn.engine.url.database}: {gap.describe()}; nothing was written. Restore the "
            f"database from a backup or pair a new one ({HELP})"
        )
    fields: dict[str, Any] = {
        "seq": last_seq + 1,
        "entry_id": str(uuid.uuid4()),
        "terminal_id": terminal_id,
        "card_id": card_id,
        "program_id": program.id,
        "kind": op.kind.value,
        "operation": canonical_json(op_to_dict(op)),
        "stamps_delta": effect.stamps_delta,
        "points_delta": effect.points_delta,
        "adjusted": effect.adjusted,
        "staff_id": staff_id,
        "store_id": ctx.store_id,
        "local_time": ctx.now.isoformat(),
        "rule_version": program.rule_version,
        "prev_hash": last_hash,
    }
    fields["hash"] = compute_hash(fields)
    conn.execute(_INSERT_ENTRY, fields)
    conn.execute(_INSERT_SYNC, {"seq": fields["seq"], "status": "pending"})
    return JournalEntry(**fields)


def entry_from_row(row: Any) -> JournalEntry:
    return JournalEntry(
        seq=row.seq,
        entry_id=row.entry_id,
        terminal_id=row.terminal_id,
        card_id=row.card_id,
        program_id=row.program_id,
        kind=row.kind,
        operation=row.operation,
        stamps_delta=row.stamps_delta,
        points_delta=row.points_delta,
        adjusted=bool(row.adjusted),
        staff_id=row.staff_id,
        store_id=row.store_id,
        local_time=row.local_time,
        rule_version=row.rule_version,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def iter_entries(conn: Connection, card_id: str | None = None) -> Iterator[JournalEntry]:
    """Entries in sequence order, streamed (a journal can hold millions)."""
    stmt = select(JournalRow).order_by(JournalRow.seq)
    if card_id is not None:
        stmt = stmt.where(JournalRow.card_id == card_id)
    for row in conn.execution_options(yield_per=2000).execute(stmt):
        yield entry_from_row(row)


def pending_for_card(conn: Connection, card_id: str) -> list[JournalEntry]:
    """This card's entries the server has not yet answered for, in order."""
    stmt = (
        select(JournalRow)
        .join(JournalSyncRow, JournalSyncRow.seq == JournalRow.seq)
        .where(JournalRow.card_id == card_id, JournalSyncRow.status.in_(("pending", "sent")))
        .order_by(JournalRow.seq)
    )
    return [entry_from_row(r) for r in conn.execute(stmt)]


@dataclass(frozen=True, slots=True)
class ChainReport:
    entries: int
    first_bad_seq: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain(conn: Connection) -> ChainReport:
    """Walk the whole journal; report the first entry that breaks sequence or chain."""
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
    for entry in iter_entries(conn):
        count += 1
        if entry.seq != expected_seq:
            return ChainReport(
                count,
                entry.seq,
                f"entry {entry.seq} follows entry {expected_seq - 1}: "
                f"{entry.seq - expected_seq} entr{'y' if entry.seq - expected_seq == 1 else 'ies'}"
                " missing (deleted)",
            )
        if entry.prev_hash != prev_hash:
            return ChainReport(
                count,
                entry.seq,
                f"entry {entry.seq} does not chain to entry {entry.seq - 1} "
                "(an entry before it was replaced, inserted or reordered)",
            )
        if compute_hash(asdict(entry)) != entry.hash:
            return ChainReport(
                count, entry.seq, f"entry {entry.seq} was altered after it was written"
            )
        expected_seq, prev_hash = entry.seq + 1, entry.hash
    gap = missing_tail(conn, expected_seq - 1)
    if gap is not None:
        return ChainReport(count, gap.last_seq + 1, gap.describe())
    return ChainReport(count)


def entry_by_seq(conn: Connection, seq: int) -> JournalEntry | None:
    row = conn.execute(select(JournalRow).where(JournalRow.seq == seq)).first()
    return None if row is None else entry_from_row(row)


def is_reversed(conn: Connection, entry: JournalEntry) -> bool:
    """Whether a later entry of this journal already takes `entry` back."""
    reversals = conn.execute(
        select(JournalRow.operation).where(
            JournalRow.card_id == entry.card_id, JournalRow.kind == "reverse"
        )
    ).scalars()
    return any(json.loads(op).get("of_entry_id") == entry.entry_id for op in reversals)
