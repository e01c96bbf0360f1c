"""Points expiry, run by the server: inactive cards' points lapse as the program says.

The server expires points through the very path a terminal's entries take (`push`): each
expiry is an `expire_points` entry of the merchant's server journal (`server_journal`),
hash-chained like any journal, applied by the same domain rule, recorded as a transaction
and sent to every terminal in the card's change.
Running it again finds nothing due: it expires once. Several server processes on one
database each run the schedule; a merchant's expiry is claimed first (`claimed`), so two
never expire one merchant at the same time (the second skips it this round).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, select, text

from pos_app.domain.card import Card
from pos_app.domain.operations import expiry_due
from sync.protocol import MAX_BATCH_ENTRIES
from sync.server.cards import CARD_FIELDS, card_from_row
from sync.server.db import read
from sync.server.models import CARDS, MERCHANTS
from sync.server.programs import merchant_programs
from sync.server.push import PushRejectedError
from sync.server.server_journal import ServerEntry, push_as_server

EXPIRY_STAFF = "server:expiry"
_NAMESPACE = uuid.UUID("6f1d3c52-5b7e-4c36-9d1e-7c0a7b3e2a10")
log = logging.getLogger(__name__)
# The advisory lock class of expiry claims (any constant); the merchant's id is the key.
_EXPIRY_LOCK = 0x4C59_4558


def _due_cards(conn: Connection, merchant_id: str, now: datetime) -> list[tuple[Card, int]]:
    """The merchant's cards whose points are due to expire, with their rule version."""
    due: list[tuple[Card, int]] = []
    for program in merchant_programs(conn, merchant_id).values():
        if not program.has_points or program.points_expiry_days is None:
            continue
        cutoff = now - timedelta(days=program.points_expiry_days)
        rows = conn.execute(
            select(*(CARDS.c[f] for f in CARD_FIELDS)).where(
                CARDS.c.merchant_id == merchant_id,
                CARDS.c.program_id == program.id,
                CARDS.c.points_balance > 0,
                CARDS.c.is_active.is_(True),
                CARDS.c.deleted_at.is_(None),
                CARDS.c.last_points_at <= cutoff,
            )
        ).mappings()
        for row in rows:
            card = card_from_row(row)
            if expiry_due(card, program, now):
                due.append((card, program.rule_version))
    return due


def expire_points(engine: Engine, now: datetime, merchant_id: str | None = None) -> int:
    """Expire every due card's points (of one merchant, or all); how many cards."""
    with read(engine) as conn:
        merchants = (
            [merchant_id]
            if merchant_id
            else list(conn.execute(select(MERCHANTS.c.id).order_by(MERCHANTS.c.id)).scalars())
        )
    return sum(_expire_merchant(engine, m, now) for m in merchants)


@contextmanager
def claimed(engine: Engine, merchant_id: str) -> Iterator[bool]:
    """Whether this process holds the merchant's expiry claim (for the `with` block).

    On PostgreSQL the claim is a session advisory lock on a connection of its own: taken
    without waiting, released at the end, and released by PostgreSQL if the process dies
    (or the database fails over) mid-run. SQLite has one writer: nothing to claim.
    """
    if engine.dialect.name != "postgresql":
        yield True
        return
    key = {"c": _EXPIRY_LOCK, "m": merchant_id}
    with engine.connect() as plain:
        conn = plain.execution_options(isolation_level="AUTOCOMMIT")
        got = bool(
            conn.execute(text("SELECT pg_try_advisory_lock(:c, hashtext(:m))"), key).scalar()
        )
        try:
            yield got
        finally:
            if got:
                conn.execute(text("SELECT pg_advisory_unlock(:c, hashtext(:m))"), key)


def _expire_merchant(engine: Engine, merchant_id: str, now: datetime) -> int:
    with claimed(engine, merchant_id) as mine:
        if not mine:
            log.info("points expiry of %s: another server is running it; skipped", merchant_id)
            return 0
        return _expire_claimed(engine, merchant_id, now)


def _expire_claimed(engine: Engine, merchant_id: str, now: datetime) -> int:
    expired = 0
    while True:
        with read(engine) as conn:
            due = _due_cards(conn, merchant_id, now)[:MAX_BATCH_ENTRIES]
        entries = [
            ServerEntry(
                card.id,
                card.program_id,
                {"kind": "expire_points"},
                card.enrolled_at_store,
                rule_version,
                points_delta=-card.points_balance,
            )
            for card, rule_version in due
        ]
        if push_as_server(engine, merchant_id, EXPIRY_STAFF, entries, now) is None:
            return expired
        expired += len(due)


def run_on_schedule(
    engine_factory: Callable[[], Engine], every: timedelta, clock: Callable[[], datetime]
) -> threading.Event:
    """Expire points now and then every `every`, on a daemon thread; set the event to stop."""
    stop = threading.Event()

    def loop() -> None:
        engine = engine_factory()
        try:
            while not stop.is_set():
                try:
                    count = expire_points(engine, clock())
                    if count:
                        log.info("points expired on %d card(s)", count)
                except PushRejectedError as exc:  # another server instance got there first
                    log.info("points expiry: %s; again at the next run", exc)
                except Exception:  # the schedule must outlive a database hiccup
                    log.exception("points expiry failed; again at the next run")
                stop.wait(every.total_seconds())
        finally:
            engine.dispose()

    threading.Thread(target=loop, name="points-expiry", daemon=True).start()
    return stop
