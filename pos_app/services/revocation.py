"""Whether the server revoked this terminal: remembered once learnt, and asked for.

A revoked terminal's token is refused everywhere except the change feed, which tells it
that it was revoked and nothing else, whatever cursor it asks from. A push is refused with
a 401 like any bad token, so a refusal is followed by a look at the feed to tell which.
"""

from __future__ import annotations

from pos_app.store import Store
from pos_app.store.terminal import CURSOR_KEY, REVOKED_KEY, get_setting, put_setting
from sync.engine.client import ServerClient
from sync.protocol import RevocationChange

REVOKED_TEXT = "the server revoked this terminal: a manager must pair it again"


def known_revoked(store: Store) -> bool:
    """What this terminal last learnt from the server (cleared by pairing again)."""
    with store.read() as conn:
        return get_setting(conn, REVOKED_KEY) == "1"


def server_says_revoked(store: Store, client: ServerClient) -> bool:
    """Ask the change feed (one change at most; nothing is applied). Raises SyncError."""
    with store.read() as conn:
        cursor = int(get_setting(conn, CURSOR_KEY) or 0)
    page = client.changes(cursor, 1)
    return any(isinstance(change, RevocationChange) for change in page.changes)


def learn_revocation(store: Store, client: ServerClient) -> bool:
    """After the server refused this terminal: record it if it was a revocation."""
    if not server_says_revoked(store, client):
        return False
    with store.write() as conn:
        put_setting(conn, REVOKED_KEY, "1")
    return True
