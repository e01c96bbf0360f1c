"""The journal seen as an outbox: which entries the server has not answered, and its answers."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, func, select, update

from pos_app.store.journal import JournalEntry, entry_from_row
from pos_app.store.schema import JournalRow, JournalSyncRow

PENDING = ("pending", "sent")
FINAL = ("applied", "duplicate", "refused", "adjusted")


@dataclass(frozen=True, slots=True)
class Answer:
    """The server's word on one entry, recorded beside it."""

    seq: int
    status: str
    code: str | None
    message: str | None
    server_card: str | None
    # What the server applied; None where it is not known.
    applied_stamps: int | None = None
    applied_points: int | None = None


def unanswered(conn: Connection, limit: int, from_seq: int | None = None) -> list[JournalEntry]:
    """The next entries to send, in order.

    Normally those still pending; after the server says it expected an earlier entry
    (its state was restored from a backup), every entry from `from_seq` on, answered or not.
    """
    stmt = select(JournalRow).order_by(JournalRow.seq).limit(limit)
    if from_seq is None:
        stmt = stmt.join(JournalSyncRow, JournalSyncRow.seq == JournalRow.seq).where(
            JournalSyncRow.status.in_(PENDING)
        )
    else:
        stmt = stmt.where(JournalRow.seq >= from_seq)
    return [entry_from_row(r) for r in conn.execute(stmt)]


def mark_sent(conn: Connection, first_seq: int, last_seq: int) -> None:
    conn.execute(
        update(JournalSyncRow)
        .where(JournalSyncRow.seq.between(first_seq, last_seq), JournalSyncRow.status == "pending")
        .values(status="sent")
    )


# Built once and run as one executemany: a push records hundreds of answers per batch, and
# building an UPDATE per answer cost more than SQLite takes to run it.
_RECORD = (
    update(JournalSyncRow)
    .where(JournalSyncRow.seq == bindparam("a_seq"))
    .values(
        status=bindparam("a_status"),
        outcome_code=bindparam("a_code"),
        outcome_message=bindparam("a_message"),
        server_card=bindparam("a_card"),
        applied_stamps=bindparam("a_stamps"),
        applied_points=bindparam("a_points"),
        updated_at=bindparam("a_at"),
    )
)


def record_answers(conn: Connection, answers: list[Answer], at: str) -> None:
    if not answers:
        return
    conn.execute(
        _RECORD,
        [
            {
                "a_seq": a.seq,
                "a_status": a.status,
                "a_code": a.code,
                "a_message": a.message,
                "a_card": a.server_card,
                "a_stamps": a.applied_stamps,
                "a_points": a.applied_points,
                "a_at": at,
            }
            for a in answers
        ],
    )


def acknowledged_seq(conn: Connection) -> int:
    """The highest seq the server has answered (0 before any answer)."""
    value = conn.execute(
        select(func.max(JournalSyncRow.seq)).where(JournalSyncRow.status.not_in(PENDING))
    ).scalar_one()
    return int(value or 0)


def pending_again_after(conn: Connection, last_seq: int, at: str) -> int:
    """Entries after `last_seq` that the server no longer holds (it was restored from a
    backup) become pending again, to be sent once more; how many. Their recorded answers
    are forgotten (the server that gave them is gone); `server_card` stays, naming the card
    a provisional stamp went to. Beside the journal: the entries themselves never change.
    """
    result = conn.execute(
        update(JournalSyncRow)
        .where(JournalSyncRow.seq > last_seq, JournalSyncRow.status.not_in(PENDING))
        .values(
            status="pending",
            outcome_code=None,
            outcome_message=None,
            applied_stamps=None,
            applied_points=None,
            updated_at=at,
        )
    )
    return int(result.rowcount)


def status_counts(conn: Connection) -> dict[str, int]:
    rows = conn.execute(
        select(JournalSyncRow.status, func.count()).group_by(JournalSyncRow.status)
    ).all()
    return {status: count for status, count in rows}


def answered_card_id(conn: Connection, seq: int) -> str | None:
    """The id of the card the server said entry `seq` applied to, once it has answered.

    The entry's own card id unless it was a provisional stamp, which the server applied to
    its card of the scanned token or number.
    """
    text = conn.execute(
        select(JournalSyncRow.server_card).where(JournalSyncRow.seq == seq)
    ).scalar_one_or_none()
    if text is None:
        return None
    card_id = json.loads(text).get("id")
    return None if card_id is None else str(card_id)
