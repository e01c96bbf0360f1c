"""The change feed: what changed for a merchant since a cursor, in version order, paged.

The cursor is the last version a terminal has received. Each replicated table keeps an
index on (merchant_id, version), so a page is a handful of keyset range scans merged by
version, whatever the size of the merchant: the first sync of a million cards costs the
same per page as the last. So does the remaining estimate: counted exactly up to a bound,
extrapolated beyond it (see `_count_after`), never a scan of everything still to come.

A page is read from one snapshot (`db.snapshot`): change versions are drawn under a lock
held to commit (`db.next_versions`), so version order is commit order, and a snapshot that
holds version N holds every version before it. A terminal whose cursor moves to N can
then never jump over a change committed after its page was read. Read by statements with
a snapshot each, a page could hold a card change at N+1 but miss the program committed
at N just before it -- for good.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, Text, cast, func, literal_column, select

from pos_app.domain.card import TEMPORAL_FIELDS
from sync.server.auth import TerminalAuth
from sync.server.cards import WIRE_COLUMNS
from sync.server.customers import customer_changes
from sync.server.db import current_version
from sync.server.models import CARDS, CUSTOMERS, PROGRAMS, RETIRED_CODES, STAFF, TERMINALS

DEFAULT_PAGE = 5000
# Per table, the remaining count is exact up to this many changes (a bounded index range).
EXACT_COUNT_UP_TO = 10_000
_CARD_KEYS = tuple(c.name for c in WIRE_COLUMNS)
_CARD_TEMPORAL = tuple(i for i, k in enumerate(_CARD_KEYS) if k in TEMPORAL_FIELDS)
_CARD_VERSION = _CARD_KEYS.index("version")
_RETIRED_COLUMNS = (
    RETIRED_CODES.c.version,
    RETIRED_CODES.c.code_kind,
    RETIRED_CODES.c.value,
    RETIRED_CODES.c.card_id,
)
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
) -> str:
    """The `ChangesPage` JSON text after `cursor`, at most `limit` changes.

    Each change is serialised on its own and the page spliced from them: on PostgreSQL the
    database writes each card's JSON itself (see `_card_changes_json`).
    """
    if terminal.revoked:
        return json.dumps(_revocation_page(conn, terminal, cursor, now))
    merchant = terminal.merchant_id
    if cursor > current_version(conn, merchant):
        # The terminal has seen versions this database never drew: it was restored from a
        # backup. Versions drawn from now on would hide behind that cursor, so start over.
        cursor = 0
    found: list[tuple[int, str]] = []
    # limit + 1 of each: if more than `limit` come back in total, there is another page.
    for row in _after(
        conn, PROGRAMS, (PROGRAMS.c.rules, PROGRAMS.c.version), merchant, cursor, limit + 1
    ):
        program = json.loads(row.rules)
        change = {"type": "program", "version": row.version, "program": program}
        found.append((row.version, json.dumps(change)))
    for row in _after(conn, STAFF, _STAFF_COLUMNS, merchant, cursor, limit + 1):
        staff = {c.name: row._mapping[c.name] for c in _STAFF_COLUMNS[:-1]}
        change = {"type": "staff", "version": row.version, "staff": staff}
        found.append((row.version, json.dumps(change)))
    if conn.dialect.name == "postgresql":
        found += _card_changes_json(conn, merchant, cursor, limit + 1)
    else:
        cards = _card_changes(_after(conn, CARDS, WIRE_COLUMNS, merchant, cursor, limit + 1))
        found += [(version, json.dumps(change)) for version, change in cards]
    found += [
        (version, json.dumps(change))
        for version, change in customer_changes(conn, merchant, cursor, limit + 1)
    ]
    for row in _after(conn, RETIRED_CODES, _RETIRED_COLUMNS, merchant, cursor, limit + 1):
        retired = {"type": "retired", **row._mapping}
        found.append((row.version, json.dumps(retired)))
    found.sort(key=lambda item: item[0])
    page = found[:limit]
    next_cursor = page[-1][0] if page else cursor
    rest = json.dumps(
        {
            "next_cursor": next_cursor,
            "has_more": len(found) > limit,
            "remaining_estimate": _remaining(conn, merchant, next_cursor),
            "server_time": now.isoformat(),
        }
    )
    return '{"changes": [' + ", ".join(change for _, change in page) + "], " + rest[1:]


def _after(
    conn: Connection, table: Table, columns: Any, merchant: str, cursor: int, limit: int
) -> Any:
    return conn.execute(
        select(*columns)
        .where(table.c.merchant_id == merchant, table.c.version > cursor)
        .order_by(table.c.version)
        .limit(limit)
    )


def _card_changes(rows: Any) -> list[tuple[int, dict[str, Any]]]:
    """Card changes as `CardChange` JSON, straight from the rows' tuples.

    The same dicts as `wire_card_from_row`, built from positions rather than through each
    row's mapping view: a first sync of a million cards builds a million of them.
    """
    keys, temporal, at_version = _CARD_KEYS, _CARD_TEMPORAL, _CARD_VERSION
    changes = []
    for row in rows:
        values = list(row)
        for i in temporal:
            if values[i] is not None:
                values[i] = values[i].isoformat()
        version = values[at_version]
        card = dict(zip(keys, values, strict=True))
        changes.append((version, {"type": "card", "version": version, "card": card}))
    return changes


def _card_json_select(merchant: str, cursor: int, limit: int) -> Any:
    """Each card change's JSON, written by PostgreSQL: the same text `_card_changes` makes.

    For a first sync of a million cards, building and encoding a dict per card was most of
    the server's work; `json_build_object` does it in C, beside the rows it reads.
    """
    fields: list[Any] = []
    for column in WIRE_COLUMNS:
        fields += [_key(column.name), column]
    card = func.json_build_object(*fields)
    change = func.json_build_object(
        _key("type"), _key("card"), _key("version"), CARDS.c.version, _key("card"), card
    )
    return (
        select(CARDS.c.version, cast(change, Text))
        .where(CARDS.c.merchant_id == merchant, CARDS.c.version > cursor)
        .order_by(CARDS.c.version)
        .limit(limit)
    )


def _key(name: str) -> Any:
    # Inline constants, not bound parameters: json_build_object takes "any", and PostgreSQL
    # cannot type a parameter there. The names are this module's own, never input.
    if not name.isidentifier():
        raise ValueError(f"not a plain name: {name!r}")
    return literal_column(f"'{name}'")


def _card_changes_json(
    conn: Connection, merchant: str, cursor: int, limit: int
) -> list[tuple[int, str]]:
    return [(v, text) for v, text in conn.execute(_card_json_select(merchant, cursor, limit))]


def _remaining(conn: Connection, merchant: str, cursor: int) -> int:
    return sum(
        _count_after(conn, table, merchant, cursor)
        for table in (PROGRAMS, STAFF, CARDS, CUSTOMERS, RETIRED_CODES)
    )


def _count_after(conn: Connection, table: Table, merchant: str, cursor: int) -> int:
    """How many of the merchant's rows in `table` have a version after `cursor`.

    Exact up to EXACT_COUNT_UP_TO. Beyond, counting would scan every row still to come, on
    every page (quadratic over a first sync): the rest is extrapolated from the density of
    the merchant's versions among the first EXACT_COUNT_UP_TO, up to its latest version.
    That is exact when its versions are contiguous (an import, a first sync with no other
    merchant writing), an estimate otherwise, and exact again for the last pages.
    """
    first = (
        select(table.c.version)
        .where(table.c.merchant_id == merchant, table.c.version > cursor)
        .order_by(table.c.version)
        .limit(EXACT_COUNT_UP_TO)
        .subquery()
    )
    count, last = conn.execute(select(func.count(), func.max(first.c.version))).one()
    if count < EXACT_COUNT_UP_TO:
        return int(count)
    top = conn.execute(
        select(func.max(table.c.version)).where(table.c.merchant_id == merchant)
    ).scalar_one()
    density = count / (last - cursor)
    return int(count + round((top - last) * density))


def _revocation_page(
    conn: Connection, terminal: TerminalAuth, cursor: int, now: datetime
) -> dict[str, Any]:
    """A revoked terminal learns only that it was revoked, nothing of the merchant's data."""
    version = conn.execute(
        select(TERMINALS.c.version).where(
            TERMINALS.c.merchant_id == terminal.merchant_id,
            TERMINALS.c.id == terminal.terminal_id,
        )
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
