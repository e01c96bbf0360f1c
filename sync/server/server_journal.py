"""The merchant's own journal on the server: what the operator and the schedule do to cards.

Points expiry and the operator's card actions (deactivate, reactivate, replace, adjust)
are entries of a terminal row of the server's (`Server: operator and schedule`), which no
token opens. They go through `push` like any terminal's entries: hash-chained, applied by
the same domain rules, recorded as transactions, sent to every terminal in the feed.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, select

from sync.protocol import PushRequest, PushResponse
from sync.server.auth import TerminalAuth, secret_hash
from sync.server.db import read, write
from sync.server.entries import EntryChain
from sync.server.models import STORES, TERMINALS
from sync.server.push import push

_NAMESPACE = uuid.UUID("6f1d3c52-5b7e-4c36-9d1e-7c0a7b3e2a10")


def server_terminal_id(merchant_id: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"points-expiry:{merchant_id}"))


def server_terminal(conn: Connection, merchant_id: str, now: datetime) -> TerminalAuth | None:
    """The merchant's server journal, made on first use; None for a merchant without stores."""
    terminal_id = server_terminal_id(merchant_id)
    found = conn.execute(select(TERMINALS.c.store_id).where(TERMINALS.c.id == terminal_id)).first()
    if found is not None:
        return TerminalAuth(terminal_id, merchant_id, found.store_id, revoked=False)
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
            name="Server: operator and schedule",
            # The hash of a secret nobody keeps: no token ever opens this terminal.
            token_hash=secret_hash(secrets.token_urlsafe(32)),
            created_at=now,
        )
    )
    return TerminalAuth(terminal_id, merchant_id, store, revoked=False)


@dataclass(frozen=True, slots=True)
class ServerEntry:
    card_id: str
    program_id: str
    operation: dict[str, Any]
    store_id: str
    rule_version: int
    stamps_delta: int = 0
    points_delta: int = 0
    entry_id: uuid.UUID | None = None  # given when a later entry names this one


def push_as_server(
    engine: Engine, merchant_id: str, staff_id: str, entries: list[ServerEntry], now: datetime
) -> PushResponse | None:
    """Append `entries` to the merchant's server journal and apply them (as `push` does)."""
    with write(engine) as conn:
        terminal = server_terminal(conn, merchant_id, now)
    if terminal is None or not entries:
        return None
    with read(engine) as conn:
        head = conn.execute(
            select(TERMINALS.c.last_seq, TERMINALS.c.last_hash).where(
                TERMINALS.c.id == terminal.terminal_id
            )
        ).one()
    chain = EntryChain(
        uuid.UUID(terminal.terminal_id), terminal.store_id, staff_id, head.last_seq, head.last_hash
    )
    for e in entries:
        chain.add(
            e.card_id,
            e.program_id,
            e.operation,
            stamps_delta=e.stamps_delta,
            points_delta=e.points_delta,
            local_time=now,
            rule_version=e.rule_version,
            store_id=e.store_id,
            entry_id=e.entry_id,
        )
    request = PushRequest(terminal_id=chain.terminal_id, entries=chain.entries, terminal_time=now)
    return PushResponse.model_validate(json.loads(push(engine, terminal, request, now)))
