"""The durable outbox of pass updates: written in the push's transaction, drained by the
sender (sender.py). One row per (merchant, card, target) (a card id is only its merchant's
own): a batch that changes a card ten times owes
its phone one update, and an update is never lost to a crash between commit and send."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    delete,
    literal,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from sync.server.models import CARDS, WALLET_DEVICES, WALLET_OUTBOX

APNS_PREFIX = "apns:"
GOOGLE = "google"
# A claimed row comes back to the queue if its sender died before finishing it.
LEASE = timedelta(seconds=60)
MAX_BACKOFF_S = 3600.0
# An outbox row's key, merchant first: a card id is only its merchant's own.
_KEY = (WALLET_OUTBOX.c.merchant_id, WALLET_OUTBOX.c.card_id, WALLET_OUTBOX.c.target)


def record_cards_changed(
    conn: Connection, merchant_id: str, card_ids: Sequence[str], now: datetime
) -> None:
    """Owe an update to every device registered for these cards of this merchant and to
    every Google object issued for them. Call inside the transaction that changes them."""
    if not card_ids:
        return
    _record(conn, (CARDS.c.merchant_id == merchant_id) & CARDS.c.id.in_(list(card_ids)), now)


def record_program_changed(conn: Connection, program_id: str, now: datetime) -> None:
    """A program's rules or name changed: every pass of its cards shows it."""
    _record(conn, CARDS.c.program_id == program_id, now)


def record_merchant_changed(conn: Connection, merchant_id: str, now: datetime) -> None:
    """A merchant's look changed: every pass of its cards shows it."""
    _record(conn, CARDS.c.merchant_id == merchant_id, now)


def _record(conn: Connection, cards: ColumnElement[bool], now: datetime) -> None:
    owed = (
        literal(1).label("generation"),
        literal(0).label("attempts"),
        literal(now, WALLET_OUTBOX.c.due_at.type).label("due_at"),
    )
    devices = (
        select(
            WALLET_DEVICES.c.merchant_id,
            WALLET_DEVICES.c.card_id,
            (literal(APNS_PREFIX) + WALLET_DEVICES.c.device_id).label("target"),
            *owed,
        )
        .join(
            CARDS,
            (CARDS.c.merchant_id == WALLET_DEVICES.c.merchant_id)
            & (CARDS.c.id == WALLET_DEVICES.c.card_id),
        )
        .where(cards)
    )
    # Rows are locked in (merchant, card, target) order, as the sender locks them: no deadlock.
    devices = devices.order_by(WALLET_DEVICES.c.merchant_id, WALLET_DEVICES.c.card_id, "target")
    google = select(CARDS.c.merchant_id, CARDS.c.id, literal(GOOGLE).label("target"), *owed).where(
        cards, CARDS.c.google_object_id.is_not(None)
    )
    for source in (devices, google.order_by(CARDS.c.merchant_id, CARDS.c.id)):
        _upsert(conn, source, now)


def _upsert(conn: Connection, source: Select[Any], now: datetime) -> None:
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    columns = ["merchant_id", "card_id", "target", "generation", "attempts", "due_at"]
    stmt = insert(WALLET_OUTBOX).from_select(columns, source)
    stmt = stmt.on_conflict_do_update(
        index_elements=["merchant_id", "card_id", "target"],
        set_={"generation": WALLET_OUTBOX.c.generation + 1, "due_at": now},
    )
    conn.execute(stmt)


@dataclass(frozen=True, slots=True)
class Job:
    merchant_id: str
    card_id: str
    target: str
    generation: int
    attempts: int

    @property
    def device_id(self) -> str | None:
        return (
            self.target.removeprefix(APNS_PREFIX) if self.target.startswith(APNS_PREFIX) else None
        )


def anything_due(conn: Connection, now: datetime) -> bool:
    """A read, so an idle sender polling often never takes SQLite's write lock."""
    query = select(WALLET_OUTBOX.c.card_id).where(WALLET_OUTBOX.c.due_at <= now).limit(1)
    return conn.execute(query).first() is not None


def claim(conn: Connection, now: datetime, limit: int) -> list[Job]:
    """Take up to `limit` due updates for one lease; another sender skips them meanwhile."""
    free = or_(WALLET_OUTBOX.c.claimed_until.is_(None), WALLET_OUTBOX.c.claimed_until < now)
    due = and_(WALLET_OUTBOX.c.due_at <= now, free)
    # On PostgreSQL rows another sender or a push holds are skipped, never waited for.
    first = (
        select(*_KEY)
        .where(due)
        .order_by(WALLET_OUTBOX.c.due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    stmt = (
        update(WALLET_OUTBOX)
        .where(due, tuple_(*_KEY).in_(first))
        .values(claimed_until=now + LEASE)
        .returning(
            *_KEY,
            WALLET_OUTBOX.c.generation,
            WALLET_OUTBOX.c.attempts,
        )
    )
    return [Job(*row) for row in conn.execute(stmt)]


def _keys(jobs: Sequence[Job]) -> ColumnElement[bool]:
    keys = [(j.merchant_id, j.card_id, j.target) for j in jobs]
    return tuple_(*_KEY).in_(keys)


def lock(conn: Connection, jobs: Sequence[Job]) -> None:
    """Lock these rows in (merchant, card, target) order, the order a push takes them in."""
    if jobs:
        conn.execute(
            select(WALLET_OUTBOX.c.card_id).where(_keys(jobs)).order_by(*_KEY).with_for_update()
        ).all()


def done(conn: Connection, jobs: Sequence[Job]) -> None:
    """These updates were delivered (or are moot). A change that came in while one was
    being sent keeps its row (a newer generation), released to be sent again."""
    if not jobs:
        return
    sent = [(j.merchant_id, j.card_id, j.target, j.generation) for j in jobs]
    conn.execute(delete(WALLET_OUTBOX).where(tuple_(*_KEY, WALLET_OUTBOX.c.generation).in_(sent)))
    conn.execute(update(WALLET_OUTBOX).where(_keys(jobs)).values(claimed_until=None))


def backoff_s(attempts: int) -> float:
    """1 s, 2 s, 4 s ... up to an hour, with jitter so a recovering service is not stampeded."""
    return min(MAX_BACKOFF_S, 2.0 ** min(attempts, 20)) * random.uniform(0.5, 1.0)


def retry_later(conn: Connection, jobs: Sequence[Job], now: datetime) -> None:
    """Try these again after a backoff that grows with each one's failed attempts."""
    by_attempts: dict[int, list[Job]] = {}
    for job in jobs:
        by_attempts.setdefault(job.attempts, []).append(job)
    for attempts, group in by_attempts.items():
        conn.execute(
            update(WALLET_OUTBOX)
            .where(_keys(group))
            .values(
                attempts=WALLET_OUTBOX.c.attempts + 1,
                due_at=now + timedelta(seconds=backoff_s(attempts)),
                claimed_until=None,
            )
        )
