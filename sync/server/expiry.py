"""Points expiry, run by the server: inactive cards' points lapse as the program says.

The server expires points through the very path a terminal's entries take (`push`): each
expiry is an `expire_points` entry of the merchant's own expiry journal (a terminal row of
the server's, which no token opens), hash-chained like any journal, applied by the same
domain rule, recorded as a transaction and sent to every terminal in the card's change.
Running it again finds nothing due: it expires once.
"""

from __future__ import annotations

import logging
import secrets
import threading
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, select

from pos_app.domain.card import Card
from pos_app.domain.operations import expiry_due
from sync.protocol import MAX_BATCH_ENTRIES, PushRequest
from sync.server.auth import TerminalAuth, secret_hash
from sync.server.cards import CARD_FIELDS, card_from_row
from sync.server.db import read, write
from sync.server.entries import EntryChain
from sync.server.models import CARDS, MERCHANTS, STORES, TERMINALS
from sync.server.programs import merchant_programs
from sync.server.push import PushRejectedError, push

EXPIRY_STAFF = "server:expiry"
_NAMESPACE = uuid.UUID("6f1d3c52-5b7e-4c36-9d1e-7c0a7b3e2a10")
log = logging.getLogger(__name__)


def expiry_terminal_id(merchant_id: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"points-expiry:{merchant_id}"))


def _expiry_terminal(conn: Connection, merchant_id: str, now: datetime) -> TerminalAuth | None:
    terminal_id = expiry_terminal_id(merchant_id)
    found = conn.execute(select(TERMINALS.c.store_id).where(TERMINALS.c.id == terminal_id)).first()
    if found is None:
        store = conn.execute(
            select(STORES.c.id).where(STORES.c.merchant_id == merchant_id).order_by(STORES.c.id)
        ).scalar()
        if store is None:
            return None
        conn.execute(
            TERMINALS.insert().values(
                id=terminal_id,
                merchant_id=merchant_id,
                store_id=store,
                name="Server: points expiry",
                # The hash of a secret nobody keeps: no token ever opens this terminal.
                token_hash=secret_hash(secrets.token_urlsafe(32)),
                created_at=now,
            )
        )
        return TerminalAuth(terminal_id, merchant_id, store, revoked=False)
    return TerminalAuth(terminal_id, merchant_id, found.store_id, revoked=False)


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


def _expire_merchant(engine: Engine, merchant_id: str, now: datetime) -> int:
    with write(engine) as conn:
        terminal = _expiry_terminal(conn, merchant_id, now)
    if terminal is None:
        return 0
    expired = 0
    while True:
        with read(engine) as conn:
            due = _due_cards(conn, merchant_id, now)[:MAX_BATCH_ENTRIES]
            head = conn.execute(
                select(TERMINALS.c.last_seq, TERMINALS.c.last_hash).where(
                    TERMINALS.c.id == terminal.terminal_id
                )
            ).one()
        if not due:
            return expired
        chain = EntryChain(
            uuid.UUID(terminal.terminal_id),
            terminal.store_id,
            EXPIRY_STAFF,
            head.last_seq,
            head.last_hash,
        )
        for card, rule_version in due:
            chain.add(
                card.id,
                card.program_id,
                {"kind": "expire_points"},
                points_delta=-card.points_balance,
                local_time=now,
                rule_version=rule_version,
                store_id=card.enrolled_at_store,
            )
        request = PushRequest(
            terminal_id=chain.terminal_id, entries=chain.entries, terminal_time=now
        )
        push(engine, terminal, request, now)
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
