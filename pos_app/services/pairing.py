"""Pairing a terminal with the central server: a one-time code in, a terminal token out."""

from __future__ import annotations

import uuid
from pathlib import Path

from pos_app.services.clock import local_now
from pos_app.services.errors import BadAddressError, ServiceError
from pos_app.store import Store, open_store
from pos_app.store.terminal import (
    REVOKED_KEY,
    TOKEN_KEY,
    URL_KEY,
    has_identity,
    put_setting,
    set_identity,
)
from sync.engine.client import ServerClient


def pair_terminal(db: Path, url: str, code: str, name: str = "Counter 1") -> Store:
    """Pair the terminal database at `db` (created if new) with the server at `url`.

    A new database takes its merchant and store from the server. An existing one keeps its
    identity and journal, and must belong to the same merchant and store as the code.
    The token is stored in the database only; it is never printed or logged.
    """
    if not url.startswith(("http://", "https://")):
        raise BadAddressError(url)
    existed = db.exists()
    store = open_store(db)
    try:
        fresh = True
        with store.read() as conn:
            fresh = not has_identity(conn)
        terminal_id = str(uuid.uuid4()) if fresh else store.identity().terminal_id
        with ServerClient(url) as client:
            answer = client.pair(code.strip(), terminal_id, name)
        with store.write() as conn:
            if fresh:
                set_identity(
                    conn,
                    terminal_id=terminal_id,
                    merchant_id=answer.merchant_id,
                    store_id=answer.store_id,
                    name=name,
                    created=local_now().isoformat(),
                )
            else:
                mine = store.identity()
                if (mine.merchant_id, mine.store_id) != (answer.merchant_id, answer.store_id):
                    raise ServiceError(
                        f"this terminal belongs to {mine.merchant_id}/{mine.store_id}, the code "
                        f"to {answer.merchant_id}/{answer.store_id}; use a new database",
                        "other_store",
                        mine=f"{mine.merchant_id}/{mine.store_id}",
                        theirs=f"{answer.merchant_id}/{answer.store_id}",
                    )
            put_setting(conn, URL_KEY, url.rstrip("/"))
            put_setting(conn, TOKEN_KEY, answer.token)
            put_setting(conn, REVOKED_KEY, "")
    except BaseException:
        store.close()
        if not existed:
            # A refused code must not leave an empty terminal database behind.
            for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
                leftover.unlink(missing_ok=True)
        raise
    return store
