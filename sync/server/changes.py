"""The change feed: what changed for a merchant since a cursor, in version order, paged.

The cursor is the last version a terminal has received. Each replicated table keeps an
index on (merchant_id, version), so a page is a handful of keyset range scans merged by
version, whatever the size of the merchant: the first sync of a million cards costs the
same per page as the last.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, func, select

from sync.server.auth import TerminalAuth
from sync.server.cards import WIRE_COLUMNS, wire_card_from_row
from sync.server.models import CARDS, PROGRAMS, STAFF, TERMINALS

DEFAULT_PAGE = 5000
_STAFF_COLUMNS = (
    STAFF.c.id,
    STAFF.c.name,
    STAFF.c.role,
    STAFF.c.pin_hash,
    STAFF.c.is_active,
    STAFF.c.version,
)


def changes_page(
    conn: Connection, terminal: TerminalAuth, cursor: int, limit: int, now: datetime
) -> dict[str, Any]:
    """The `ChangesPage` JSON after `cursor`, at most `limit` changes."""
    if terminal.revoked:
        return _revocation_page(conn, terminal, cursor, now)
    merchant = terminal.merchant_id
    found: list[tuple[int, dict[str, Any]]] = []
    # limit + 1 of each: if more than `limit` come back in total, there is another page.
    for row in _after(
        conn, PROGRAMS, (PROGRAMS.c.rules, PROGRAMS.c.version), merchant, cursor, limit + 1
    ):
        program = json.loads(row.rules)
        found.append((row.version, {"type": "program", "version": row.version, "program": program}))
    for row in _after(conn, STAFF, _STAFF_COLUMNS, merchant, cursor, limit + 1):
        staff = {c.name: row._mapping[c.name] for c in _STAFF_COLUMNS[:-1]}
        found.append((row.version, {"type": "staff", "version": row.version, "staff": staff}))
    for row in _after(conn, CARDS, WIRE_COLUMNS, merchant, cursor, limit + 1):
        card = wire_card_from_row(row._mapping)
        found.append((row.version, {"type": "card", "version": row.version, "card": card}))
    found.sort(key=lambda item: item[0])
    page = found[:limit]
    next_cursor = page[-1][0] if page else cursor
    return {
        "changes": [change for _, change in page],
        "next_cursor": next_cursor,
        "has_more": len(found) > limit,
        "remaining_estimate": _remaining(conn, merchant, next_cursor),
        "server_time": now.isoformat(),
    }


def _after(
    conn: Connection, table: Table, columns: Any, merchant: str, cursor: int, limit: int
) -> Any:
    return conn.execute(
        select(*columns)
        .where(table.c.merchant_id == merchant, table.c.version > cursor)
        .order_by(table.c.version)
        .limit(limit)
    )


def _remaining(conn: Connection, merchant: str, cursor: int) -> int:
    total = 0
    for table in (PROGRAMS, STAFF, CARDS):
        total += conn.execute(
            select(func.count())
            .select_from(table)
            .where(table.c.merchant_id == merchant, table.c.version > cursor)
        ).scalar_one()
    return total


def _revocation_page(
    conn: Connection, terminal: TerminalAuth, cursor: int, now: datetime
) -> dict[str, Any]:
    """A revoked terminal learns only that it was revoked, nothing of the merchant's data."""
    version = conn.execute(
        select(TERMINALS.c.version).where(TERMINALS.c.id == terminal.terminal_id)
    ).scalar_one()
    # Always sent, even behind the cursor: the terminal must not miss it.
    version = max(version or 0, cursor)
    change = {"type": "revocation", "version": version, "terminal_id": terminal.terminal_id}
    return {
        "changes": [change],
        "next_cursor": version,
        "has_more": False,
        "remaining_estimate": 0,
        "server_time": now.isoformat(),
    }
