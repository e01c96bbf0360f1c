"""A big merchant in PostgreSQL, built by SQL alone: stores, terminals, staff, programs,
customers with cards, and transactions spread over about two years.

Rows are made by `INSERT ... SELECT generate_series(...)`, deterministic in the row number
(the same sizes build the same data), in chunks, with the transactions table's secondary
indexes dropped while it fills and built again after. The daily totals are then counted
by migration 0010's own backfill (`daily_totals.backfill`), so building also measures it.

The database is named after the schema head and the sizes and marked ready last: a later
run with the same head and sizes finds it and reuses it; a half-built one is dropped.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg
from alembic.script import ScriptDirectory
from sqlalchemy import text

from pos_app.domain.pin import hash_pin
from pos_app.domain.program import Program, ProgramKind, Reward, program_to_dict
from sync.server import daily_totals
from sync.server.db import alembic_config, heal_version_counter, make_engine, migrate, write

DAYS = 730
STORES = 5
TERMINALS_PER_STORE = 4
STAFF = 12
# The shops' clocks: a fixed offset east of UTC (the shop day is the local date).
OFFSET_HOURS = 1
CHUNK = 1_000_000
_NAMESPACE = uuid.UUID("2b0c8f4e-6a51-4f7e-9d43-1f5e0b7c9a21")
_FIRST = [
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Emma",
    "Felix",
    "Greta",
    "Hugo",
    "Ida",
    "Jonas",
    "Klara",
    "Lena",
    "Max",
    "Nina",
    "Oskar",
    "Paula",
    "Quentin",
    "Rosa",
    "Sven",
    "Tara",
    "Ulf",
    "Vera",
    "Willi",
    "Xenia",
    "Yusuf",
    "Zoe",
    "Ahmed",
    "Birgit",
    "Chen",
    "Dana",
    "Elif",
    "Farid",
    "Gina",
    "Hans",
    "Ines",
    "Jan",
    "Kemal",
    "Lara",
    "Mia",
    "Noah",
    "Ole",
    "Pia",
    "Rami",
    "Sara",
    "Tim",
    "Una",
    "Vito",
    "Wanda",
    "Yara",
    "Zeno",
]
_LAST = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Braun",
    "Zimmermann",
    "Krüger",
    "Hartmann",
    "Lange",
    "Werner",
    "Krause",
    "Lehmann",
    "Köhler",
    "Maier",
    "Herrmann",
    "König",
    "Walter",
    "Mayer",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Lang",
    "Scholz",
    "Möller",
    "Weiß",
    "Jung",
    "Hahn",
    "Vogel",
    "Friedrich",
    "Keller",
    "Günther",
    "Frank",
    "Berger",
    "Winkler",
    "Roth",
    "Beck",
    "Lorenz",
    "Baumann",
    "Franke",
    "Albrecht",
    "Schuster",
    "Simon",
    "Ludwig",
    "Böhm",
    "Winter",
    "Kraus",
    "Martin",
    "Schumacher",
    "Krämer",
    "Vogt",
    "Stein",
    "Jäger",
    "Otto",
    "Sommer",
    "Groß",
    "Seidel",
    "Heinrich",
    "Brandt",
    "Haas",
    "Schreiber",
    "Graf",
    "Dietrich",
]


@dataclass(frozen=True)
class Merchant:
    id: str
    cards: int
    transactions: int

    @property
    def stores(self) -> list[str]:
        return [f"{self.id}-store-{n}" for n in range(1, STORES + 1)]

    @property
    def terminals(self) -> list[tuple[str, str]]:
        """(terminal id, store id), TERMINALS_PER_STORE per store."""
        return [
            (str(uuid.uuid5(_NAMESPACE, f"{self.id}:terminal:{n}")), store)
            for n, store in enumerate(s for s in self.stores for _ in range(TERMINALS_PER_STORE))
        ]

    @property
    def stamps_program(self) -> str:
        return f"{self.id}-stamps"

    @property
    def points_program(self) -> str:
        return f"{self.id}-points"


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def database_name(cards: int, transactions: int) -> str:
    return f"bench_backoffice_{head_revision()}_{cards}c_{transactions}t"


def _exists(admin_url: str, name: str) -> bool:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        return (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            is not None
        )


def _ready(url: str) -> bool:
    try:
        with psycopg.connect(url) as conn:
            row = conn.execute("SELECT to_regclass('bench_ready')").fetchone()
            return row is not None and row[0] is not None
    except psycopg.Error:
        return False


def ensure(
    admin_url: str,
    merchants: list[Merchant],
    end: date,
    log: Callable[[str], None],
    name: str | None = None,
) -> tuple[str, bool, float]:
    """The URL of the big merchant's database (built now if need be), whether it was
    reused, and the seconds building took (0 when reused)."""
    big = merchants[0]
    name = name or database_name(big.cards, big.transactions)
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    if _exists(admin_url, name) and _ready(url):
        log(f"reusing database {name} (built earlier with these sizes and schema head)")
        return url, True, 0.0
    started = time.monotonic()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    log(f"building database {name}")
    migrate(url)
    with psycopg.connect(url) as conn:
        conn.execute("SET synchronous_commit = off")
        conn.execute("SET maintenance_work_mem = '512MB'")
        conn.execute("SET work_mem = '64MB'")
        # Versions drawn in bulk, one sequence for all merchants (each merchant's own are
        # then increasing); each merchant's counter is put above them by the healing below.
        conn.execute("CREATE TEMP SEQUENCE bench_version_seq")
        # Smallest first: each merchant's fill rebuilds the indexes it dropped, and the
        # rebuild after the big one should be the only big rebuild.
        for merchant in sorted(merchants, key=lambda m: m.transactions):
            _merchant(conn, merchant, end, log)
        conn.commit()
    engine = make_engine(url, pool_size=1)
    try:
        step = time.monotonic()
        with write(engine) as sa_conn:
            sa_conn.execute(text("SET LOCAL work_mem = '256MB'"))
            daily_totals.backfill(sa_conn)
            sa_conn.execute(
                text(
                    "UPDATE terminals SET last_seen_at = (SELECT t.received_at "
                    "FROM transactions t WHERE t.merchant_id = terminals.merchant_id "
                    "AND t.terminal_id = terminals.id ORDER BY t.seq DESC LIMIT 1), "
                    "last_seq = coalesce((SELECT max(t.seq) FROM transactions t "
                    "WHERE t.merchant_id = terminals.merchant_id "
                    "AND t.terminal_id = terminals.id), 0)"
                )
            )
            heal_version_counter(sa_conn)
        log(f"daily totals counted from every transaction in {time.monotonic() - step:.1f} s")
    finally:
        engine.dispose()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        conn.execute("CREATE TABLE bench_ready (built_at timestamptz NOT NULL)")
        conn.execute("INSERT INTO bench_ready VALUES (now())")
    return url, False, time.monotonic() - started


def _merchant(conn: psycopg.Connection, m: Merchant, end: date, log: Callable[[str], None]) -> None:
    start = datetime.combine(end - timedelta(days=DAYS - 1), datetime.min.time(), UTC)
    now = datetime.combine(end, datetime.min.time(), UTC)
    conn.execute(
        "INSERT INTO merchants (id, name, created_at) VALUES (%s, %s, %s)",
        (m.id, f"Merchant {m.id}", start),
    )
    conn.execute("INSERT INTO merchant_versions (merchant_id, value) VALUES (%s, 0)", (m.id,))
    for store in m.stores:
        conn.execute(
            "INSERT INTO stores (id, merchant_id, name, created_at) VALUES (%s, %s, %s, %s)",
            (store, m.id, f"Store {store.rsplit('-', 1)[1]}", start),
        )
    rules = _programs(m)
    for program_id, (name, rules_json) in rules.items():
        conn.execute(
            "INSERT INTO programs (id, merchant_id, name, rule_version, rules, version, "
            "updated_at) VALUES (%s, %s, %s, 1, %s, nextval('bench_version_seq'), %s)",
            (program_id, m.id, name, rules_json, start),
        )
    pin = hash_pin("1234")
    for n in range(STAFF):
        conn.execute(
            "INSERT INTO staff (id, merchant_id, name, role, pin_hash, is_active, version, "
            "updated_at) VALUES (%s, %s, %s, %s, %s, %s, nextval('bench_version_seq'), %s)",
            (
                f"{m.id}-staff-{n}",
                m.id,
                f"{_FIRST[n]} {_LAST[n]}",
                "manager" if n < STORES else "cashier",
                pin,
                n != STAFF - 1,
                start,
            ),
        )
    for n, (terminal_id, store) in enumerate(m.terminals):
        conn.execute(
            "INSERT INTO terminals (id, merchant_id, store_id, name, token_hash, created_at, "
            "last_seq, last_hash) VALUES (%s, %s, %s, %s, md5(%s) || md5(%s), %s, 0, %s)",
            (terminal_id, m.id, store, f"Till {n % TERMINALS_PER_STORE + 1}", terminal_id,
             m.id, start, "0" * 64),
        )  # fmt: skip
    conn.commit()
    params = {
        "m": m.id,
        "first": _FIRST,
        "last": _LAST,
        "stores": m.stores,
        "start": start,
        "now": now,
        "stamps": m.stamps_program,
        "points": m.points_program,
    }
    cards = [
        (f"{m.id}: customers and cards {lo:,}..{min(m.cards, lo + CHUNK - 1):,}",
         [(_CUSTOMERS, params | {"lo": lo, "hi": min(m.cards, lo + CHUNK - 1)}),
          (_CARDS, params | {"lo": lo, "hi": min(m.cards, lo + CHUNK - 1), "n": m.cards})])
        for lo in range(1, m.cards + 1, CHUNK)
    ]  # fmt: skip
    _fill(conn, ("customers", "cards"), cards, log)
    terminals = [t for t, _ in m.terminals]
    shape = {
        "n": m.cards, "terminals": terminals, "tstores": [s for _, s in m.terminals],
        "nterm": len(terminals), "offset": f"{OFFSET_HOURS} hours", "days": DAYS,
        "total": max(1, m.transactions), "offset_text": f"+{OFFSET_HOURS:02d}:00",
    }  # fmt: skip
    rows = [
        (f"{m.id}: transactions {lo:,}..{min(m.transactions, lo + CHUNK) - 1:,}",
         [(_TRANSACTIONS, params | shape | {"lo": lo, "hi": min(m.transactions, lo + CHUNK) - 1})])
        for lo in range(0, m.transactions, CHUNK)
    ]  # fmt: skip
    _fill(conn, ("transactions",), rows, log)


def _fill(
    conn: psycopg.Connection,
    tables: tuple[str, ...],
    steps: list[tuple[str, list[tuple[str, dict[str, Any]]]]],
    log: Callable[[str], None],
) -> None:
    """Run each step's statements (one commit a step) with the tables' secondary indexes
    dropped, then build them again: one sort per index instead of ten million inserts."""
    indexes = conn.execute(
        "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
        "AND indexname NOT LIKE '%%pkey'",
        (list(tables),),
    ).fetchall()
    constraints = set()
    for table, index_name, _ in indexes:
        found = conn.execute("SELECT 1 FROM pg_constraint WHERE conname = %s", (index_name,))
        if found.fetchone():
            constraints.add(index_name)
            conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{index_name}"')
        else:
            conn.execute(f'DROP INDEX "{index_name}"')
    conn.commit()
    for what, statements in steps:
        started = time.monotonic()
        for statement, values in statements:
            conn.execute(statement, values)
        conn.commit()
        log(f"{what}: {time.monotonic() - started:.1f} s")
    for table, index_name, definition in indexes:
        started = time.monotonic()
        conn.execute(definition)
        if index_name in constraints:
            # Back as the constraint it was (exactly-once and card uniqueness stand on them).
            conn.execute(
                f'ALTER TABLE {table} ADD CONSTRAINT "{index_name}" UNIQUE USING INDEX '
                f'"{index_name}"'
            )
        conn.commit()
        log(f"index {index_name}: {time.monotonic() - started:.1f} s")


def _programs(m: Merchant) -> dict[str, tuple[str, str]]:
    stamps = Program(
        id=m.stamps_program, merchant_id=m.id, name="Coffee card", kind=ProgramKind.STAMPS,
        stamps_target=10, stamp_reward="Free coffee", cooldown_minutes=10,
    )  # fmt: skip
    points = Program(
        id=m.points_program, merchant_id=m.id, name="Bakery points", kind=ProgramKind.POINTS,
        rewards=(Reward("croissant", "Croissant", 50), Reward("cake", "Whole cake", 300)),
    )  # fmt: skip
    return {
        p.id: (p.name, json.dumps(program_to_dict(p), sort_keys=True)) for p in (stamps, points)
    }


_CUSTOMERS = """
INSERT INTO customers (id, merchant_id, name, phone, email, contact_consent, consent_at,
                       created_at, version)
SELECT md5(%(m)s || ':customer:' || g)::uuid::text, %(m)s,
       (%(first)s::text[])[1 + g %% cardinality(%(first)s::text[])] || ' ' ||
       (%(last)s::text[])[1 + (g / cardinality(%(first)s::text[])) %% cardinality(%(last)s::text[])],
       CASE WHEN g %% 3 <> 0 THEN '+49151' || lpad(g::text, 8, '0') END,
       CASE WHEN g %% 2 = 0 THEN 'customer' || g || '@example.com' END,
       g %% 4 = 0, CASE WHEN g %% 4 = 0 THEN %(start)s::timestamptz END,
       %(start)s::timestamptz + (g::float8 / %(hi)s) * (%(now)s::timestamptz - %(start)s::timestamptz),
       nextval('bench_version_seq')
FROM generate_series(%(lo)s::int, %(hi)s::int) AS g
"""  # noqa: E501

_CARDS = """
INSERT INTO cards (id, card_number, qr_token, merchant_id, customer_id, program_id,
                   enrolled_at_store, customer_name, is_active, stamp_count,
                   total_stamps_earned, stamps_redeemed, stamps_on_day, points_balance,
                   total_points_earned, points_redeemed, total_points_voided,
                   last_activity_at, created_at, updated_at, version)
SELECT md5(%(m)s || ':card:' || g)::uuid::text,
       (100000000000 + (g::bigint * 7919) %% 900000000000)::text,
       md5(%(m)s || ':qr:' || g),
       %(m)s, md5(%(m)s || ':customer:' || g)::uuid::text,
       CASE WHEN g %% 2 = 0 THEN %(stamps)s ELSE %(points)s END,
       (%(stores)s::text[])[1 + g %% cardinality(%(stores)s::text[])],
       c.name, g %% 97 <> 0,
       CASE WHEN g %% 2 = 0 THEN g %% 10 ELSE 0 END,
       CASE WHEN g %% 2 = 0 THEN 10 + g %% 40 ELSE 0 END,
       CASE WHEN g %% 2 = 0 THEN (10 + g %% 40) / 10 ELSE 0 END, 0,
       CASE WHEN g %% 2 = 1 THEN g %% 400 ELSE 0 END,
       CASE WHEN g %% 2 = 1 THEN g %% 400 + 50 * (g %% 7) ELSE 0 END,
       CASE WHEN g %% 2 = 1 THEN 50 * (g %% 7) ELSE 0 END, 0,
       %(now)s::timestamptz - (g %% 700) * interval '1 day',
       c.created_at, c.created_at, nextval('bench_version_seq')
FROM generate_series(%(lo)s::int, %(hi)s::int) AS g
JOIN customers c ON c.merchant_id = %(m)s AND c.id = md5(%(m)s || ':customer:' || g)::uuid::text
"""

# Each row: a terminal (round robin, so every terminal's seq runs 1, 2, 3...), a card
# scattered over all cards, a kind by the card's program, times spread evenly over DAYS
# in order of seq. About 4% are refused (cooldowns, too few points).
_TRANSACTIONS = """
INSERT INTO transactions (merchant_id, terminal_id, seq, entry_id, card_id, program_id, kind,
    operation, stamps_delta, points_delta, applied_stamps_delta, applied_points_delta,
    adjusted, staff_id, store_id, local_time, local_time_text, shop_day, received_at,
    clock_suspect, rule_version, status, code, reason, prev_hash, hash)
SELECT %(m)s::text, (%(terminals)s::text[])[1 + g %% %(nterm)s], g / %(nterm)s + 1,
       md5(%(m)s || ':entry:' || g)::uuid::text,
       md5(%(m)s || ':card:' || x.c)::uuid::text,
       CASE WHEN x.c %% 2 = 0 THEN %(stamps)s ELSE %(points)s END,
       k.kind,
       CASE WHEN k.kind = 'earn_points' AND NOT k.fixed
            THEN '{"amount_minor":' || (500 + g %% 5000) || ',"kind":"earn_points"}'
            ELSE k.operation END,
       k.claimed_stamps,
       CASE WHEN k.kind = 'earn_points' AND NOT k.fixed THEN (500 + g %% 5000)::int / 100
            ELSE k.claimed_points END,
       CASE WHEN k.refused THEN 0 ELSE k.claimed_stamps END,
       CASE WHEN k.refused THEN 0
            WHEN k.kind = 'earn_points' AND NOT k.fixed THEN (500 + g %% 5000)::int / 100
            ELSE k.claimed_points END,
       false, %(m)s || '-staff-' || (g %% 12),
       (%(tstores)s::text[])[1 + g %% %(nterm)s],
       t.at, to_char(t.local, 'YYYY-MM-DD"T"HH24:MI:SS') || %(offset_text)s, t.local::date,
       t.at + interval '20 seconds', false, 1,
       CASE WHEN k.refused THEN 'refused' ELSE 'applied' END,
       k.code, k.reason, lpad(to_hex(g), 64, '0'), lpad(to_hex(g + 1), 64, '0')
FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) AS g
CROSS JOIN LATERAL (
    SELECT 1 + (hashint8(g)::bigint & 2147483647) %% %(n)s AS c,
           (g::float8 * %(days)s / %(total)s) AS pos
) AS x
CROSS JOIN LATERAL (
    -- Open from 07:00 to 21:00 UTC: each day's share of the rows spread over those hours.
    SELECT %(start)s::timestamptz + floor(x.pos) * interval '1 day' + interval '7 hours'
           + (x.pos - floor(x.pos)) * interval '14 hours' AS at
) AS t0
CROSS JOIN LATERAL (
    SELECT t0.at, (t0.at AT TIME ZONE 'UTC') + %(offset)s::interval AS local,
           CASE WHEN x.c %% 2 = 0 THEN 0 ELSE 100 END
           + (hashint8(-g)::bigint & 2147483647) %% 100 AS r
) AS t
JOIN (VALUES
  (0, 80, 'stamp', '{"count":1,"kind":"stamp"}', 1, 0, false, false, NULL, NULL),
  (80, 90, 'redeem_stamps', '{"kind":"redeem_stamps"}', -10, 0, false, true, NULL, NULL),
  (90, 93, 'reverse', '{"kind":"reverse","of_entry_id":"00000000-0000-4000-8000-000000000000",'
   || '"of_kind":"stamp","points":0,"requested_points":null,"stamps":1}', -1, 0, false, true,
   NULL, NULL),
  (93, 100, 'stamp', '{"count":1,"kind":"stamp"}', 1, 0, true, true, 'cooldown',
   'Stamped moments ago: wait a few minutes before the next stamp.'),
  (100, 175, 'earn_points', '', 0, 0, false, false, NULL, NULL),
  (175, 185, 'redeem_points', '{"kind":"redeem_points","reward_code":"croissant"}', 0, -50,
   false, true, NULL, NULL),
  (185, 188, 'void_points', '{"kind":"void_points","points":10}', 0, -10, false, true, NULL,
   NULL),
  (188, 190, 'reverse', '{"kind":"reverse","of_entry_id":"00000000-0000-4000-8000-000000000000",'
   || '"of_kind":"earn_points","points":12,"requested_points":null,"stamps":0}', 0, -12, false,
   true, NULL, NULL),
  (190, 199, 'earn_points', '{"amount_minor":2500,"kind":"earn_points"}', 0, 25, false, true,
   NULL, NULL),
  (199, 200, 'redeem_points', '{"kind":"redeem_points","reward_code":"cake"}', 0, -300, true,
   true, 'insufficient_points', 'Not enough points for Whole cake.')
) AS k(lo, hi, kind, operation, claimed_stamps, claimed_points, refused, fixed, code, reason)
  ON t.r >= k.lo AND t.r < k.hi
"""


def merchants(cards: int, transactions: int) -> list[Merchant]:
    """The big merchant, and a neighbour a hundredth its size on the same server (whose
    rows every query must pass over without showing)."""
    return [
        Merchant("big-merchant", cards, transactions),
        Merchant("other-merchant", max(1, cards // 100), max(1, transactions // 100)),
    ]
