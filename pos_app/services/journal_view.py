"""The journal as people read it: one row per entry with names, card numbers and sync status."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any, TextIO

from sqlalchemy import func, select

from pos_app.domain.identifiers import format_card_number
from pos_app.store import Store
from pos_app.store.cards import LOCAL, REPLICA
from pos_app.store.schema import JournalRow, JournalSyncRow, StaffRow


@dataclass(frozen=True, slots=True)
class JournalLine:
    seq: int
    entry_id: str
    local_time: str
    staff: str
    store_id: str
    card_number: str
    kind: str
    operation: str
    stamps_delta: int
    points_delta: int
    adjusted: bool
    status: str
    outcome: str
    hash: str
    # What the server applied: None until it answered (or when the answer predates
    # terminal schema 0004, which began keeping it).
    applied_stamps: int | None = None
    applied_points: int | None = None
    # The server's reason as a code (RefusalCode), for words in the reader's language.
    outcome_code: str | None = None
    # The card's customer as the terminal knows them now (blank once erased): an
    # enrolment's entry names no one since terminal schema 0006.
    customer: str = ""


_LOCAL = LOCAL.alias("local_card")
_REPLICA = REPLICA.alias("replica_card")


def journal_lines(
    store: Store, card_id: str | None = None, last: int | None = None
) -> Iterator[JournalLine]:
    """Entries in sequence order; `last` keeps only the newest N."""
    stmt: Any = (
        select(
            JournalRow,
            StaffRow.name.label("staff_name"),
            func.coalesce(_LOCAL.c.card_number, _REPLICA.c.card_number).label("card_number"),
            func.coalesce(_LOCAL.c.customer_name, _REPLICA.c.customer_name).label("customer"),
            JournalSyncRow.status,
            JournalSyncRow.outcome_message,
            JournalSyncRow.outcome_code,
            JournalSyncRow.applied_stamps,
            JournalSyncRow.applied_points,
        )
        .join(JournalSyncRow, JournalSyncRow.seq == JournalRow.seq)
        .outerjoin(StaffRow, StaffRow.id == JournalRow.staff_id)
        # Both tables rather than card_view: SQLite materialises a view joined like this.
        .outerjoin(_LOCAL, _LOCAL.c.id == JournalRow.card_id)
        .outerjoin(_REPLICA, _REPLICA.c.id == JournalRow.card_id)
        .order_by(JournalRow.seq)
    )
    if card_id is not None:
        stmt = stmt.where(JournalRow.card_id == card_id)
    if last is not None:
        newest = stmt.order_by(None).order_by(JournalRow.seq.desc()).limit(last).subquery()
        stmt = select(newest).order_by(newest.c.seq)
    with store.read() as conn:
        for row in conn.execute(stmt):
            yield JournalLine(
                seq=row.seq,
                entry_id=row.entry_id,
                local_time=row.local_time,
                staff=row.staff_name or row.staff_id,
                store_id=row.store_id,
                card_number=format_card_number(row.card_number) if row.card_number else "",
                kind=row.kind,
                operation=row.operation,
                stamps_delta=row.stamps_delta,
                points_delta=row.points_delta,
                adjusted=bool(row.adjusted),
                status=row.status,
                outcome=row.outcome_message or "",
                hash=row.hash,
                applied_stamps=row.applied_stamps,
                applied_points=row.applied_points,
                outcome_code=row.outcome_code,
                customer=row.customer or "",
            )


def write_csv(lines: Iterator[JournalLine], out: TextIO) -> int:
    """Write the lines as CSV with a header; return how many were written."""
    fields = list(JournalLine.__dataclass_fields__)
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    count = 0
    for line in lines:
        row = asdict(line)
        row["operation"] = without_credentials(line.operation)
        writer.writerow({k: _cell(v) for k, v in row.items()})
        count += 1
    return count


def without_credentials(operation: str) -> str:
    """The operation's inputs without the card's QR token: the token is what the wallet
    pass shows, so whoever holds it can present the card. Exports never carry it."""
    data = json.loads(operation)
    data.pop("qr_token", None)
    ref = data.get("card_ref")
    if isinstance(ref, dict) and ref.get("kind") == "token":
        del data["card_ref"]  # a provisional stamp named the card by what was scanned
    return json.dumps(data, sort_keys=True)


def _cell(value: object) -> object:
    """Defuse spreadsheet formulas: a name like `=HYPERLINK(...)` must stay text."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value
