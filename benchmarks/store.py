"""Stamp commit latency on a large store: our `perform()` beside raw sqlite3 doing the same writes.

`python -m benchmarks store [--cards N] [--entries N] [--ops N]`

The large store (1 M cards, 5 M chained journal entries by default) is built once and cached
under `benchmarks/.cache/`, keyed by its sizes, the schema revision and the builder format.
The schema comes from `open_store` (migrations, triggers, application id are the real ones);
the rows are bulk-loaded with raw sqlite3, because going through the app would take hours.
Every measurement runs on a fresh copy of the cached file, so runs do not drift.

Our path and the raw path alternate in blocks on the same file and connection settings (WAL,
synchronous=FULL), so page cache, WAL growth and checkpoints weigh on both alike. Both append
to the same hash chain; afterwards the entries written during the run are verified (chain and
card replay), which also proves the raw baseline did the same writes as ours.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import shutil
import sqlite3
import time
import uuid
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.script import ScriptDirectory

from benchmarks._report import percentile, print_json, print_table
from pos_app.domain.card import Card, card_to_dict
from pos_app.domain.chain import GENESIS_HASH, canonical_json, compute_hash
from pos_app.domain.identifiers import CardRef, luhn_check_digit
from pos_app.domain.operations import Stamp, op_to_dict
from pos_app.domain.pin import hash_pin
from pos_app.domain.program import Program, ProgramKind
from pos_app.domain.refusal import Refused
from pos_app.services.clock import local_now
from pos_app.services.counter import perform
from pos_app.store import open_store
from pos_app.store.cards import get_card
from pos_app.store.database import MIGRATIONS
from pos_app.store.programs import save_program
from pos_app.store.replica import rebased_card
from pos_app.store.schema import CardRow
from pos_app.store.staff import save_staff
from pos_app.store.terminal import set_identity

DEFAULT_CACHE = Path(__file__).parent / ".cache"
# Bump when the builder writes different rows, so stale caches are rebuilt, not reused.
BUILD_FORMAT = 2
BAR_P99_MS = 5.0
BAR_RATIO = 2.0

MERCHANT = "bench-merchant"
STORE_ID = "bench-store"
STAFF = "bench-staff"
TERMINAL_ID = "00000000-0000-4000-8000-00000000be4c"
PROGRAM = Program(
    id="bench-stamps",
    merchant_id=MERCHANT,
    name="Benchmark stamps",
    kind=ProgramKind.STAMPS,
    stamps_target=10,
    # No cooldown and no daily cap: every timed stamp must be applied, never refused.
    cooldown_minutes=0,
    daily_stamp_cap=None,
)
# History: one entry every 7 s of store-local time, so 5 M entries span about 13 months.
HISTORY_START = datetime(2024, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=1)))
HISTORY_STEP_S = 7
CHUNK = 100_000

JOURNAL_COLUMNS = (
    "seq",
    "entry_id",
    "terminal_id",
    "card_id",
    "program_id",
    "kind",
    "operation",
    "stamps_delta",
    "points_delta",
    "adjusted",
    "staff_id",
    "store_id",
    "local_time",
    "rule_version",
    "prev_hash",
    "hash",
)
CARD_COLUMNS = tuple(c.name for c in CardRow.__table__.columns)


@dataclass(frozen=True, slots=True)
class BuiltStore:
    path: Path
    cards: int
    entries: int
    build_s: float
    cached: bool


# -- building the large store ------------------------------------------------------------------


def schema_revision() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    return head or "none"


def cache_path(cache_dir: Path, cards: int, entries: int, seed: int) -> Path:
    name = f"store-c{cards}-e{entries}-s{seed}-rev{schema_revision()}-f{BUILD_FORMAT}.db"
    return cache_dir / name


def ensure_store(cache_dir: Path, cards: int, entries: int, seed: int) -> BuiltStore:
    """The cached store of these sizes, built first when missing (or half-built by a crash)."""
    path = cache_path(cache_dir, cards, entries, seed)
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        return BuiltStore(path, cards, entries, float(meta["build_s"]), cached=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    building = path.with_suffix(".building")
    _remove_db(building)
    started = time.perf_counter()
    build_store(building, cards, entries, seed)
    build_s = time.perf_counter() - started
    # Renamed only once complete, so an interrupted build is never mistaken for a cache hit.
    building.replace(path)
    meta_path.write_text(json.dumps({"build_s": build_s, "cards": cards, "entries": entries}))
    return BuiltStore(path, cards, entries, build_s, cached=False)


def build_store(path: Path, cards: int, entries: int, seed: int) -> None:
    """Create the schema through the app, then bulk-load cards and a valid hash chain."""
    store = open_store(path)
    try:
        with store.write() as conn:
            set_identity(
                conn,
                terminal_id=TERMINAL_ID,
                merchant_id=MERCHANT,
                store_id=STORE_ID,
                name="Benchmark counter",
                created=HISTORY_START.isoformat(),
            )
            save_program(conn, PROGRAM)
            save_staff(
                conn, staff_id=STAFF, name="Bench", role="cashier", pin_hash=hash_pin("1234")
            )
    finally:
        store.close()

    rng = random.Random(seed)
    card_of_entry = array("I", (rng.randrange(cards) for _ in range(entries)))
    db = sqlite3.connect(path, isolation_level=None)
    try:
        # Build-time only: a crash mid-build leaves a `.building` file that is thrown away.
        db.execute("PRAGMA journal_mode=MEMORY")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA cache_size=-1000000")
        card_ids = _load_cards(db, rng, cards, card_of_entry)
        _load_journal(db, rng, card_ids, card_of_entry)
        db.execute("PRAGMA journal_mode=WAL")
    finally:
        db.close()


def _history_time(seq: int) -> datetime:
    return HISTORY_START + timedelta(seconds=(seq - 1) * HISTORY_STEP_S)


def _card_states(cards: int, card_of_entry: array[int]) -> Iterator[tuple[int, int, int]]:
    """Per card: (stamps, stamps on the day of its last stamp, seq of its last stamp).

    The same as replaying its stamps under PROGRAM (no cooldown, no cap), so each card is
    exactly what its history says.
    """
    count = array("I", bytes(4 * cards))
    on_day = array("I", bytes(4 * cards))
    day = array("i", bytes(4 * cards))
    last = array("I", bytes(4 * cards))
    start_s = HISTORY_START.replace(tzinfo=None).timestamp()
    offset = start_s % 86400
    for index, k in enumerate(card_of_entry):
        # Local-day number of the entry, from seconds since the first day's local midnight.
        d = int((offset + index * HISTORY_STEP_S) // 86400)
        on_day[k] = on_day[k] + 1 if count[k] and day[k] == d else 1
        day[k] = d
        count[k] += 1
        last[k] = index + 1
    for k in range(cards):
        yield count[k], on_day[k], last[k]


def _load_cards(
    db: sqlite3.Connection, rng: random.Random, cards: int, card_of_entry: array[int]
) -> list[str]:
    card_ids: list[str] = []
    placeholders = ", ".join("?" for _ in CARD_COLUMNS)
    insert_replica = (
        f"INSERT INTO card_replica ({', '.join(CARD_COLUMNS)}, server_version) "
        f"VALUES ({placeholders}, 1)"
    )
    rows: list[tuple[Any, ...]] = []
    for k, (stamps, on_day, last_seq) in enumerate(_card_states(cards, card_of_entry)):
        body = str(10_000_000_000 + k)
        last_at = _history_time(last_seq) if stamps else None
        card = Card(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            card_number=body + luhn_check_digit(body),
            qr_token=base64.urlsafe_b64encode(rng.randbytes(24)).decode(),
            merchant_id=MERCHANT,
            program_id=PROGRAM.id,
            enrolled_at_store=STORE_ID,
            customer_name=f"Customer {k + 1}",
            stamp_count=stamps,
            total_stamps_earned=stamps,
            stamps_on_day=on_day if stamps else 0,
            stamp_day=last_at.date() if last_at else None,
            last_stamp_at=last_at,
            last_activity_at=last_at,
        )
        card_ids.append(card.id)
        values = card_to_dict(card)
        rows.append(tuple(values[c] for c in CARD_COLUMNS))
        if len(rows) >= CHUNK:
            _insert_synced(db, insert_replica, rows)
            rows = []
    if rows:
        _insert_synced(db, insert_replica, rows)
    return card_ids


def _insert_synced(db: sqlite3.Connection, replica: str, rows: list[tuple[Any, ...]]) -> None:
    # As if pulled from the server and fully synced: the replica is each card's view, and
    # the terminal keeps no version of its own until the counter changes the card.
    db.execute("BEGIN")
    db.executemany(replica, rows)
    db.execute("COMMIT")


def _load_journal(
    db: sqlite3.Connection, rng: random.Random, card_ids: list[str], card_of_entry: array[int]
) -> None:
    insert_entry = (
        f"INSERT INTO journal ({', '.join(JOURNAL_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in JOURNAL_COLUMNS)})"
    )
    insert_sync = "INSERT INTO journal_sync (seq, status, updated_at) VALUES (?, 'applied', ?)"
    operation = canonical_json(op_to_dict(Stamp()))
    prev_hash = GENESIS_HASH
    entries: list[tuple[Any, ...]] = []
    syncs: list[tuple[int, str]] = []
    for index, k in enumerate(card_of_entry):
        seq = index + 1
        local_time = _history_time(seq).isoformat()
        # The same fields, in the same types, as `journal.append` hashes.
        fields: dict[str, Any] = {
            "seq": seq,
            "entry_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "terminal_id": TERMINAL_ID,
            "card_id": card_ids[k],
            "program_id": PROGRAM.id,
            "kind": "stamp",
            "operation": operation,
            "stamps_delta": 1,
            "points_delta": 0,
            "adjusted": False,
            "staff_id": STAFF,
            "store_id": STORE_ID,
            "local_time": local_time,
            "rule_version": PROGRAM.rule_version,
            "prev_hash": prev_hash,
        }
        prev_hash = compute_hash(fields)
        fields["hash"] = prev_hash
        entries.append(tuple(fields[c] for c in JOURNAL_COLUMNS))
        syncs.append((seq, local_time))
        if len(entries) >= CHUNK:
            _insert_entries(db, insert_entry, insert_sync, entries, syncs)
            entries, syncs = [], []
    if entries:
        _insert_entries(db, insert_entry, insert_sync, entries, syncs)


def _insert_entries(
    db: sqlite3.Connection,
    insert_entry: str,
    insert_sync: str,
    entries: list[tuple[Any, ...]],
    syncs: list[tuple[int, str]],
) -> None:
    db.execute("BEGIN")
    db.executemany(insert_entry, entries)
    db.executemany(insert_sync, syncs)
    db.execute("COMMIT")


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# -- measuring ---------------------------------------------------------------------------------


class RawStamper:
    """The same writes as `perform(Stamp())`, with nothing but the stdlib sqlite3 module."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "foreign_keys=ON",
            "busy_timeout=10000",
            "cache_size=-65536",
            "wal_autocheckpoint=3000",
        ):
            self.db.execute(f"PRAGMA {pragma}")
        self.operation = canonical_json(op_to_dict(Stamp()))
        self.insert_entry = (
            f"INSERT INTO journal ({', '.join(JOURNAL_COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in JOURNAL_COLUMNS)})"
        )
        changed = [c for c in CARD_COLUMNS if c != "id"]
        self.upsert_local = (
            f"INSERT INTO cards ({', '.join(CARD_COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in CARD_COLUMNS)}) ON CONFLICT (id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in changed)
        )

    def stamp(self, token: str) -> str:
        """One stamp in one transaction; returns the card id."""
        db = self.db
        now = local_now()
        db.execute("BEGIN IMMEDIATE")
        try:
            card = db.execute("SELECT * FROM card_view WHERE qr_token = ?", (token,)).fetchone()
            today = now.date().isoformat()
            on_day = card["stamps_on_day"] + 1 if card["stamp_day"] == today else 1
            stamped_at = now.isoformat()
            # The card's first change here gives it a row of its own in `cards`; the
            # app does the same (an upsert of the whole card, its replica untouched).
            values = {c: card[c] for c in CARD_COLUMNS}
            values.update(
                stamp_count=card["stamp_count"] + 1,
                total_stamps_earned=card["total_stamps_earned"] + 1,
                stamps_on_day=on_day,
                stamp_day=today,
                last_stamp_at=stamped_at,
                last_activity_at=stamped_at,
            )
            db.execute(self.upsert_local, tuple(values[c] for c in CARD_COLUMNS))
            seq, prev_hash = db.execute(
                "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            fields: dict[str, Any] = {
                "seq": seq + 1,
                "entry_id": str(uuid.uuid4()),
                "terminal_id": TERMINAL_ID,
                "card_id": card["id"],
                "program_id": card["program_id"],
                "kind": "stamp",
                "operation": self.operation,
                "stamps_delta": 1,
                "points_delta": 0,
                "adjusted": False,
                "staff_id": STAFF,
                "store_id": STORE_ID,
                "local_time": stamped_at,
                "rule_version": PROGRAM.rule_version,
                "prev_hash": prev_hash,
            }
            fields["hash"] = compute_hash(fields)
            db.execute(self.insert_entry, tuple(fields[c] for c in JOURNAL_COLUMNS))
            db.execute("INSERT INTO journal_sync (seq, status) VALUES (?, 'pending')", (seq + 1,))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        card_id: str = card["id"]
        return card_id

    def close(self) -> None:
        self.db.close()


@dataclass(frozen=True, slots=True)
class Measured:
    ours_ms: list[float]
    raw_ms: list[float]
    touched: set[str]
    base_seq: int
    base_hash: str


def measure(work: Path, cards: int, ops: int, warmup: int, block: int, seed: int) -> Measured:
    rng = random.Random(seed + 1)
    raw = RawStamper(work)
    store = open_store(work, create=False)
    try:
        tokens = [
            raw.db.execute(
                "SELECT qr_token FROM card_replica WHERE rowid = ?", (rng.randint(1, cards),)
            ).fetchone()[0]
            for _ in range(2 * (ops + warmup))
        ]
        base_seq, base_hash = raw.db.execute(
            "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"
        ).fetchone() or (0, GENESIS_HASH)
        store.identity()
        ours: list[float] = []
        raws: list[float] = []
        touched: set[str] = set()
        stamp = Stamp()
        it = iter(tokens)
        # Alternate blocks so checkpoints and WAL growth fall on both paths alike.
        done = 0
        while done < ops + warmup:
            n = min(block, ops + warmup - done)
            for _ in range(n):
                token = next(it)
                t0 = time.perf_counter_ns()
                outcome = perform(store, CardRef.token(token), stamp, STAFF)
                elapsed = time.perf_counter_ns() - t0
                if isinstance(outcome, Refused):
                    raise RuntimeError(f"benchmark stamp refused: {outcome}")
                touched.add(outcome.card.id)
                if done >= warmup:
                    ours.append(elapsed / 1e6)
            for _ in range(n):
                token = next(it)
                t0 = time.perf_counter_ns()
                touched.add(raw.stamp(token))
                elapsed = time.perf_counter_ns() - t0
                if done >= warmup:
                    raws.append(elapsed / 1e6)
            done += n
        return Measured(ours, raws, touched, base_seq, base_hash)
    finally:
        raw.close()
        store.close()


def verify_run(work: Path, measured: Measured) -> str | None:
    """What is wrong with the entries this run wrote, or None: chain, sequence, card replay."""
    store = open_store(work, create=False)
    try:
        with store.read() as conn:
            rows = conn.exec_driver_sql(
                f"SELECT {', '.join(JOURNAL_COLUMNS)} FROM journal WHERE seq > ? ORDER BY seq",
                (measured.base_seq,),
            ).mappings()
            expected_seq, prev_hash = measured.base_seq + 1, measured.base_hash
            for row in rows:
                fields = dict(row)
                fields["adjusted"] = bool(fields["adjusted"])
                if fields["seq"] != expected_seq:
                    return f"entry {fields['seq']} follows {expected_seq - 1}"
                if fields["prev_hash"] != prev_hash or compute_hash(fields) != fields["hash"]:
                    return f"entry {fields['seq']} breaks the hash chain"
                expected_seq, prev_hash = expected_seq + 1, fields["hash"]
            for card_id in sorted(measured.touched):
                if get_card(conn, card_id) != rebased_card(conn, card_id):
                    return f"card {card_id} differs from the replay of its journal"
    finally:
        store.close()
    return None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks store",
        description="Stamp commit latency on a large store: perform() beside raw sqlite3.",
    )
    parser.add_argument("--cards", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=5_000_000)
    parser.add_argument("--ops", type=int, default=4000, help="timed stamps per path")
    parser.add_argument("--warmup", type=int, default=None, help="untimed stamps per path first")
    parser.add_argument("--block", type=int, default=10, help="stamps per path per turn")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args(argv)
    if args.cards < 1 or args.entries < 0 or args.ops < 1:
        parser.error("--cards and --ops must be at least 1, --entries at least 0")
    warmup = args.warmup if args.warmup is not None else max(20, args.ops // 10)

    built = ensure_store(args.cache_dir, args.cards, args.entries, args.seed)
    work = args.cache_dir / f"work-{os.getpid()}.db"
    _remove_db(work)
    shutil.copyfile(built.path, work)
    try:
        measured = measure(work, args.cards, args.ops, warmup, args.block, args.seed)
        problem = verify_run(work, measured)
    finally:
        _remove_db(work)

    p50, p99 = percentile(measured.ours_ms, 50), percentile(measured.ours_ms, 99)
    raw_p50, raw_p99 = percentile(measured.raw_ms, 50), percentile(measured.raw_ms, 99)
    ratio = p99 / raw_p99
    print(
        f"store: {built.cards:,} cards, {built.entries:,} journal entries "
        f"({'cached' if built.cached else 'built'}; build {built.build_s:.1f} s); "
        f"{args.ops} timed stamps per path after {warmup} warm-up"
    )
    print_table(
        ["path", "p50 ms", "p99 ms", "mean ms", "max ms"],
        [
            ["perform() (ours)", p50, p99, _mean(measured.ours_ms), max(measured.ours_ms)],
            ["raw sqlite3", raw_p50, raw_p99, _mean(measured.raw_ms), max(measured.raw_ms)],
        ],
    )
    passed = problem is None and p99 <= BAR_P99_MS and ratio <= BAR_RATIO
    print(
        f"ratio p99 ours/raw {ratio:.2f} (bar <= {BAR_RATIO}); p99 {p99:.3f} ms "
        f"(bar <= {BAR_P99_MS}); run verified: {problem or 'chain and cards ok'}"
    )
    print_json(
        {
            "p50_ms": round(p50, 4),
            "p99_ms": round(p99, 4),
            "raw_p50_ms": round(raw_p50, 4),
            "raw_p99_ms": round(raw_p99, 4),
            "ratio_vs_raw": round(ratio, 3),
            "cards": built.cards,
            "journal_entries": built.entries,
            "build_s": round(built.build_s, 1),
            "cached": built.cached,
            "ops": args.ops,
            "verified": problem is None,
            "passed": passed,
        }
    )
    return 0 if problem is None else 1


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)
