"""Where the server's copy of a terminal's journal ends, and its merchant's restore epoch.

A terminal asks at the start of every sync (`POST /v1/sync-state`), with nothing pending
too, so it learns after a restore from backup which of its entries the server lost (it
resends them) and that the server's card versions went back (it takes the server's state
again). The epoch is renewed when the server is seen to have gone back in time: at start-up
when the change counter had to be healed, or when a terminal shows it has seen more than
the server holds (entries acknowledged past the terminal's `last_seq`, or a feed cursor
past every version drawn). Every terminal of the merchant then sees a new epoch, including
those that could not tell by themselves. A terminal can only renew its own merchant's.

A terminal also says where its own journal ends (`journal_seq`, optional): the entries
after the server's `last_seq` are those it holds that the server has not received, which
the back office shows as its pending count. A push then raises `last_seq`, so the count
falls as entries arrive without the terminal saying more.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Connection, Engine, delete, select, text

from sync.protocol import SyncState, SyncStateRequest
from sync.server.auth import TerminalAuth
from sync.server.customers import lookup_secret
from sync.server.db import current_version, read, write
from sync.server.models import MERCHANTS, SYNC_EPOCHS, TERMINALS

# How stale the terminal's `last_seen_at` may grow before a sync-state call writes it anew:
# the back office shows it to the minute, and most calls then write nothing.
SEEN_EVERY = timedelta(minutes=1)
_CLAIM = text(
    "INSERT INTO sync_epochs (merchant_id, epoch) VALUES (:m, :e) "
    "ON CONFLICT (merchant_id) DO NOTHING"
)


def sync_state(
    engine: Engine, terminal: TerminalAuth, request: SyncStateRequest, now: datetime
) -> SyncState:
    merchant = terminal.merchant_id
    with read(engine) as conn:
        last_seq, version, epoch = _state(conn, terminal)
        key = _lookup_key(conn, merchant)
        seen, journal_seq = conn.execute(
            select(TERMINALS.c.last_seen_at, TERMINALS.c.journal_seq).where(_this(terminal))
        ).one()
    gone_back = request.acknowledged_seq > last_seq or request.cursor > version
    stale = seen is None or now - seen >= SEEN_EVERY
    # A journal that ends elsewhere is written at once: the pending count must be true.
    moved = request.journal_seq is not None and request.journal_seq != journal_seq
    if gone_back or epoch is None or key is None or stale or moved:
        seen_now: dict[str, object] = {"last_seen_at": now}
        if request.journal_seq is not None:  # an older terminal leaves what it never said
            seen_now |= {"journal_seq": request.journal_seq, "journal_seq_at": now}
        with write(engine) as conn:
            conn.execute(TERMINALS.update().where(_this(terminal)).values(**seen_now))
            if gone_back:
                conn.execute(delete(SYNC_EPOCHS).where(SYNC_EPOCHS.c.merchant_id == merchant))
            conn.execute(_CLAIM, {"m": merchant, "e": str(uuid.uuid4())})
            last_seq, version, epoch = _state(conn, terminal)
            key = lookup_secret(conn, merchant)
    assert epoch is not None
    return SyncState(
        last_seq=last_seq, epoch=epoch, change_version=version, server_time=now, lookup_key=key
    )


def _this(terminal: TerminalAuth) -> ColumnElement[bool]:
    return (TERMINALS.c.merchant_id == terminal.merchant_id) & (
        TERMINALS.c.id == terminal.terminal_id
    )


def _lookup_key(conn: Connection, merchant_id: str) -> str | None:
    return conn.execute(
        select(MERCHANTS.c.lookup_secret).where(MERCHANTS.c.id == merchant_id)
    ).scalar_one_or_none()


def _state(conn: Connection, terminal: TerminalAuth) -> tuple[int, int, str | None]:
    last_seq = conn.execute(
        select(TERMINALS.c.last_seq).where(
            TERMINALS.c.merchant_id == terminal.merchant_id,
            TERMINALS.c.id == terminal.terminal_id,
        )
    ).scalar_one()
    epoch = conn.execute(
        select(SYNC_EPOCHS.c.epoch).where(SYNC_EPOCHS.c.merchant_id == terminal.merchant_id)
    ).scalar_one_or_none()
    return int(last_seq), current_version(conn, terminal.merchant_id), epoch
