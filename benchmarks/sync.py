"""Sync over loopback: push 10,000 offline entries (batched vs one per request), pull 1 M cards.

`python -m benchmarks sync [--entries 10000] [--cards 1000000] [--sqlite] [--pg URL]`

Everything is the real thing end to end: the server is `loyalty-server serve` in a child
process on a free loopback port, over a throwaway PostgreSQL database (created and dropped
here; `--sqlite`, or no PostgreSQL answering, runs it on a SQLite file instead, with a note).
The demo merchant and a benchmark program (no cooldown, no daily cap, so no timed entry is
refused) are set up through the server's own CLI; terminals are paired with `pair_terminal`,
fill their journals with `perform()` and sync with the terminal's `push` and `pull`.

1. push: one terminal's N pending entries, `push(store, client)` with its default batch.
2. naive: a second terminal's own N entries through the same `push` with batch_size=1,
   i.e. one HTTP request (and one server transaction) per entry.
3. pull: a merchant with `--cards` cards, bulk-loaded straight into the server's tables
   (COPY on PostgreSQL; going through the API or the CLI would take hours), then a freshly
   paired terminal's first `pull`, with progress lines.

Each step is verified: every entry has a final status on the terminal and the server holds
exactly N transactions for the terminal; the pulling terminal holds every card. Bars
(DESIGN, quality bars): push ≤ 5 s, naive/push ≥ 20, pull of 1 M cards ≤ 60 s.
"""

from __future__ import annotations

import argparse
import base64
import csv
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy import Connection, Engine, Table, func, select

from benchmarks._report import print_json, print_table
from pos_app.domain.card import Card
from pos_app.domain.demo import DEMO_MERCHANT, DEMO_STAFF, DEMO_STORE
from pos_app.domain.identifiers import CardRef, luhn_check_digit
from pos_app.domain.operations import CardOperation, EarnPoints, Stamp
from pos_app.domain.program import Program, ProgramKind, Reward
from pos_app.domain.refusal import Refused
from pos_app.services.counter import perform
from pos_app.services.pairing import pair_terminal
from pos_app.services.sync import PUSH_BATCH, pull, push, server_link
from pos_app.store import Store
from pos_app.store.cards import LOCAL, REPLICA, VIEW
from pos_app.store.outbox import FINAL, status_counts
from sync.engine.client import ServerClient
from sync.server import admin
from sync.server.cards import CARD_FIELDS
from sync.server.db import make_engine, next_versions, write
from sync.server.models import CARDS, CUSTOMERS, TERMINALS, TRANSACTIONS

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG = os.environ.get("LOYALTY_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
BAR_PUSH_S = 5.0
BAR_RATIO = 20.0
BAR_PULL_S = 60.0

# The push terminals work on the demo merchant: its points program (no limits that could
# refuse an earn) and a stamps-and-points program added for the benchmark.
DEMO_CARDS = 1000
BENCH_CARDS = 1000
BENCH_PROGRAM = "bench-both"
BAKERY_PROGRAM = "bakery"
STAFF_ID = DEMO_STAFF[0].id

# The pull terminal works on a merchant of its own, bulk-loaded with `--cards` cards.
BIG_MERCHANT = "bench-big-merchant"
BIG_STORES = ("bench-big-1", "bench-big-2")
BIG_STAFF = "bench-big-staff"
BIG_PROGRAMS = (
    Program(
        id="bench-big-stamps",
        merchant_id=BIG_MERCHANT,
        name="Big stamps",
        kind=ProgramKind.STAMPS,
        stamps_target=10,
        cooldown_minutes=5,
    ),
    Program(
        id="bench-big-points",
        merchant_id=BIG_MERCHANT,
        name="Big points",
        kind=ProgramKind.POINTS,
        points_per_unit=Decimal(1),
        rewards=(Reward("coffee", "Coffee", 100),),
        points_expiry_days=365,
    ),
)
LOAD_CHUNK = 50_000
CLI_TIMEOUT_S = 300


# -- the server and its database ---------------------------------------------------------------


@dataclass
class Server:
    db_url: str
    base_url: str
    proc: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(30)


def _pg_answers(admin_url: str) -> str | None:
    """None when PostgreSQL at `admin_url` can create a database, else why not."""
    try:
        with psycopg.connect(admin_url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return None


@contextmanager
def database(args: argparse.Namespace, tmp: Path) -> Iterator[tuple[str, str]]:
    """(URL, backend name) of a throwaway server database, removed afterwards."""
    if not args.sqlite:
        problem = _pg_answers(args.pg)
        if problem is None:
            name = f"loyalty_bench_sync_{secrets.token_hex(4)}"
            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            try:
                yield args.pg.rsplit("/", 1)[0] + "/" + name, "postgresql"
            finally:
                with psycopg.connect(args.pg, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        print(f"note: PostgreSQL unavailable ({problem}); the server runs on SQLite instead")
    yield f"sqlite:///{tmp / 'server.db'}", "sqlite"


def server_cli(db_url: str, *args: str) -> str:
    """Run one `loyalty-server` command, as an operator would; its output."""
    cmd = [sys.executable, "-m", "sync.server.cli", *args, "--db", db_url]
    done = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=CLI_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"loyalty-server {args[0]} failed: {done.stdout}{done.stderr}")
    return done.stdout.strip()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def serve(db_url: str, log: Path, timeout_s: float = 60) -> Server:
    port = _free_port()
    cmd = [sys.executable, "-m", "sync.server.cli", "serve", "--db", db_url]
    cmd += ["--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    server = Server(db_url, f"http://127.0.0.1:{port}", proc, log)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the server exited: " + log.read_text()[-2000:])
        try:
            if httpx.get(server.base_url + "/v1/health", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(
        f"the server was not healthy in {timeout_s:.0f} s: {log.read_text()[-2000:]}"
    )


# -- setting up the merchants ------------------------------------------------------------------


def _number(prefix: str, k: int) -> str:
    # Demo card numbers never start with 0, so these can never collide with them.
    body = f"{prefix}{k:0{11 - len(prefix)}d}"
    return body + luhn_check_digit(body)


def _token(rng: random.Random) -> str:
    return base64.urlsafe_b64encode(rng.randbytes(24)).decode()


def setup_demo_merchant(db_url: str, tmp: Path) -> None:
    """The demo merchant, a benchmark program and its cards, through the server's CLI."""
    server_cli(db_url, "init-db")
    server_cli(db_url, "seed-demo", "--cards", str(DEMO_CARDS))
    server_cli(
        db_url,
        "add-program",
        BENCH_PROGRAM,
        "--merchant",
        DEMO_MERCHANT,
        "--name",
        "Benchmark stamps and points",
        "--kind",
        "both",
        "--stamps-target",
        "10",
        "--cooldown-minutes",
        "0",
        "--reward",
        "coffee:Coffee:100",
    )
    rng = random.Random(5)
    path = tmp / "bench-cards.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["card_number", "qr_token", "program_id", "store_id", "customer_name"])
        for k in range(BENCH_CARDS):
            writer.writerow([_number("00", k), _token(rng), BENCH_PROGRAM, DEMO_STORE, f"B {k}"])
    server_cli(db_url, "import-cards", str(path), "--merchant", DEMO_MERCHANT)


def _when(rng: random.Random, now: datetime) -> datetime:
    return now - timedelta(days=rng.randint(0, 300), seconds=rng.randint(0, 86_399))


def _big_rows(
    start: int, versions: Sequence[int], rng: random.Random, now: datetime
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(customers, cards) rows for cards start..start+len(versions), in *_COLUMNS order."""
    customers: list[tuple[Any, ...]] = []
    cards: list[tuple[Any, ...]] = []
    for k, version in enumerate(versions, start=start):
        program = BIG_PROGRAMS[k % len(BIG_PROGRAMS)]
        customer_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        name = f"Customer {k + 1}"
        stamps = rng.randint(0, program.stamps_target - 1) if program.has_stamps else 0
        points = rng.randint(0, 400) if program.has_points else 0
        last = _when(rng, now) if stamps or points else None
        card = Card(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            card_number=_number("01", k),
            qr_token=_token(rng),
            merchant_id=BIG_MERCHANT,
            program_id=program.id,
            enrolled_at_store=BIG_STORES[k % len(BIG_STORES)],
            customer_name=name,
            stamp_count=stamps,
            total_stamps_earned=stamps,
            stamps_on_day=1 if stamps else 0,
            stamp_day=last.date() if stamps and last else None,
            points_balance=points,
            total_points_earned=points,
            last_stamp_at=last if stamps else None,
            last_points_at=last if points else None,
            last_activity_at=last,
        )
        customers.append((customer_id, BIG_MERCHANT, name, now))
        values = [getattr(card, f) for f in CARD_FIELDS]
        cards.append((*values, customer_id, now, now, version))
    return customers, cards


CUSTOMER_COLUMNS = ("id", "merchant_id", "name", "created_at")
CARD_COLUMNS = (*CARD_FIELDS, "customer_id", "created_at", "updated_at", "version")


def _load(
    conn: Connection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    if conn.dialect.name == "postgresql":
        # COPY on the transaction's own connection: same transaction, same version lock.
        raw = conn.connection.driver_connection
        assert isinstance(raw, psycopg.Connection)
        with (
            raw.cursor() as cur,
            cur.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
    else:
        conn.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])


def load_big_merchant(db_url: str, count: int, seed: int = 3) -> None:
    """A merchant with `count` cards (each with its customer), straight into the tables.

    Versions come from the server's own `next_versions`, so the feed sees these cards
    exactly as it sees cards the server wrote itself.
    """
    engine = make_engine(db_url, pool_size=1)
    now = datetime.now(UTC)
    rng = random.Random(seed)
    try:
        with write(engine) as conn:
            admin.create_merchant(conn, BIG_MERCHANT, "Big merchant", now)
            for store in BIG_STORES:
                admin.add_store(conn, store, BIG_MERCHANT, f"Store {store}", now)
            admin.add_staff(conn, BIG_STAFF, BIG_MERCHANT, "Pat", "cashier", "4321", now)
            for program in BIG_PROGRAMS:
                admin.add_program(conn, program, now)
            for start in range(0, count, LOAD_CHUNK):
                versions = next_versions(conn, BIG_MERCHANT, min(LOAD_CHUNK, count - start))
                customers, cards = _big_rows(start, versions, rng, now)
                _load(conn, CUSTOMERS, CUSTOMER_COLUMNS, customers)
                _load(conn, CARDS, CARD_COLUMNS, cards)
        if engine.dialect.name == "postgresql":
            # What autovacuum does a moment after a bulk import; done now so the planner's
            # statistics do not change in the middle of the measurement.
            with engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE customers")
                conn.exec_driver_sql("ANALYZE cards")
                conn.commit()
    finally:
        engine.dispose()


# -- terminals ---------------------------------------------------------------------------------


def paired_terminal(server: Server, db: Path, store_id: str, name: str) -> Store:
    code = server_cli(server.db_url, "pair-code", "--store", store_id)
    return pair_terminal(db, server.base_url, code, name)


def client_for(store: Store) -> ServerClient:
    link = server_link(store)
    assert link is not None, "the terminal is not paired"
    return ServerClient(link.url, link.token)


def fill_journal(store: Store, entries: int, seed: int) -> None:
    """`entries` pending entries made at the counter: stamps and purchases on pulled cards."""
    with store.read() as conn:
        rows = conn.execute(
            select(VIEW.c.qr_token, VIEW.c.program_id)
            .where(VIEW.c.program_id.in_((BENCH_PROGRAM, BAKERY_PROGRAM)))
            .order_by(VIEW.c.card_number)
        ).all()
    if not rows:
        raise RuntimeError("the terminal pulled no benchmark cards")
    rng = random.Random(seed)
    for n in range(entries):
        token, program_id = rows[rng.randrange(len(rows))]
        op: CardOperation = (
            Stamp()
            if program_id == BENCH_PROGRAM and n % 2 == 0
            else EarnPoints(rng.randint(100, 5000))
        )
        done = perform(store, CardRef.token(token), op, STAFF_ID)
        if isinstance(done, Refused):
            raise RuntimeError(f"a benchmark entry was refused at the counter: {done}")


@dataclass
class PushRun:
    seconds: float
    requests: int
    statuses: dict[str, int]
    problems: list[str] = field(default_factory=list)


def timed_push(store: Store, server_engine: Engine, entries: int, batch_size: int) -> PushRun:
    with client_for(store) as client:
        started = time.perf_counter()
        summary = push(store, client, batch_size=batch_size)
        seconds = time.perf_counter() - started
    terminal_id = store.identity().terminal_id
    with store.read() as conn:
        statuses = status_counts(conn)
    problems = []
    final = sum(n for s, n in statuses.items() if s in FINAL)
    if final != entries or sum(statuses.values()) != entries:
        problems.append(f"terminal {terminal_id}: {final} of {entries} entries answered")
    if summary.sent != entries:
        problems.append(f"terminal {terminal_id}: push sent {summary.sent} of {entries}")
    with server_engine.connect() as conn:
        stored = conn.execute(
            select(func.count()).where(TRANSACTIONS.c.terminal_id == terminal_id)
        ).scalar_one()
        last_seq = conn.execute(
            select(TERMINALS.c.last_seq).where(TERMINALS.c.id == terminal_id)
        ).scalar_one()
    if (stored, last_seq) != (entries, entries):
        problems.append(f"server: {stored} transactions, last seq {last_seq} for {entries} entries")
    requests = -(-entries // batch_size)
    return PushRun(seconds, requests, dict(sorted(statuses.items())), problems)


@dataclass
class PullRun:
    seconds: float
    pages: int
    cards: int
    problems: list[str] = field(default_factory=list)


def timed_pull(store: Store, cards: int) -> PullRun:
    step = 10  # print a progress line every 10 %
    next_mark = step
    started = time.perf_counter()

    def progress(_phase: str, done: int, total: int) -> None:
        nonlocal next_mark
        percent = 100 * done / max(total, 1)
        if percent >= next_mark or done >= total:
            elapsed = time.perf_counter() - started
            print(
                f"  pull: {done:>10,} / {total:,} changes ({percent:5.1f} %) "
                f"after {elapsed:6.1f} s",
                flush=True,
            )
            while next_mark <= percent:
                next_mark += step

    with client_for(store) as client:
        started = time.perf_counter()
        summary = pull(store, client, progress=progress)
        seconds = time.perf_counter() - started
    with store.read() as conn:
        seen = conn.execute(select(func.count()).select_from(VIEW)).scalar_one()
        replica = conn.execute(select(func.count()).select_from(REPLICA)).scalar_one()
        copies = conn.execute(select(func.count()).select_from(LOCAL)).scalar_one()
    problems = []
    # Nothing local was pending, so the terminal keeps each card once: in the replica.
    if (summary.cards, seen, replica, copies) != (cards, cards, cards, 0):
        problems.append(
            f"pull: {summary.cards} cards received, {seen} seen at the counter, {replica} in "
            f"the replica, {copies} local copies, of {cards}"
        )
    return PullRun(seconds, summary.pages, seen, problems)


# -- the run -----------------------------------------------------------------------------------


def _timed(what: str, action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    print(f"{what}: {seconds:.1f} s", flush=True)
    return seconds


def _parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks sync",
        description="Push N offline entries (batched vs one per request) and pull N cards.",
    )
    p.add_argument("--entries", type=int, default=10_000, help="entries per pushing terminal")
    p.add_argument("--cards", type=int, default=1_000_000, help="cards of the first pull")
    p.add_argument("--sqlite", action="store_true", help="run the server on SQLite")
    p.add_argument(
        "--pg", default=DEFAULT_PG, help="PostgreSQL URL where a throwaway database may be made"
    )
    args = p.parse_args(argv)
    if args.entries < 1 or args.cards < 1:
        p.error("--entries and --cards must be at least 1")
    return args


@dataclass
class Results:
    backend: str
    builds: dict[str, float] = field(default_factory=dict)
    push: PushRun | None = None
    naive: PushRun | None = None
    pull: PullRun | None = None


def run(args: argparse.Namespace, tmp: Path) -> Results:
    with database(args, tmp) as (db_url, backend):
        results = Results(backend)
        builds = results.builds
        builds["server_setup_s"] = _timed(
            f"server: {backend}, demo merchant and benchmark program through the CLI",
            lambda: setup_demo_merchant(db_url, tmp),
        )
        server = serve(db_url, tmp / "server.log")
        server_engine = make_engine(db_url, pool_size=1)
        stores: list[Store] = []
        try:
            batched = paired_terminal(server, tmp / "batched.db", DEMO_STORE, "Batched")
            naive = paired_terminal(server, tmp / "naive.db", DEMO_STORE, "Naive")
            stores += [batched, naive]
            for store in (batched, naive):
                with client_for(store) as client:
                    pull(store, client)

            def fill() -> None:
                fill_journal(batched, args.entries, seed=1)
                fill_journal(naive, args.entries, seed=2)

            builds["journals_s"] = _timed(
                f"journals: 2 x {args.entries:,} entries through perform()", fill
            )
            results.push = timed_push(batched, server_engine, args.entries, PUSH_BATCH)
            print(f"push: {results.push.seconds:.2f} s", flush=True)
            results.naive = timed_push(naive, server_engine, args.entries, 1)
            print(f"naive: {results.naive.seconds:.2f} s", flush=True)

            builds["cards_load_s"] = _timed(
                f"cards: {args.cards:,} bulk-loaded into the server's tables",
                lambda: load_big_merchant(db_url, args.cards),
            )
            big = paired_terminal(server, tmp / "pull.db", BIG_STORES[0], "First pull")
            stores.append(big)
            results.pull = timed_pull(big, args.cards)
        finally:
            for store in stores:
                store.close()
            server_engine.dispose()
            server.stop()
    return results


def main(argv: list[str]) -> int:
    args = _parse(argv)
    tmp = Path(tempfile.mkdtemp(prefix="loyalty-bench-sync-"))
    try:
        results = run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    assert results.push and results.naive and results.pull
    pushed, naive, pulled = results.push, results.naive, results.pull
    ratio = naive.seconds / pushed.seconds
    problems = pushed.problems + naive.problems + pulled.problems
    print_table(
        ["run", "items", "requests", "seconds", "items/s", "bar", "met"],
        [
            [
                f"push (batch {PUSH_BATCH})",
                f"{args.entries:,} entries",
                pushed.requests,
                pushed.seconds,
                f"{args.entries / pushed.seconds:,.0f}",
                f"<= {BAR_PUSH_S:g} s",
                _yes(pushed.seconds <= BAR_PUSH_S),
            ],
            [
                "naive (1 per request)",
                f"{args.entries:,} entries",
                naive.requests,
                naive.seconds,
                f"{args.entries / naive.seconds:,.0f}",
                f"ratio {ratio:.1f} >= {BAR_RATIO:g}",
                _yes(ratio >= BAR_RATIO),
            ],
            [
                "first pull",
                f"{pulled.cards:,} cards",
                pulled.pages,
                pulled.seconds,
                f"{pulled.cards / pulled.seconds:,.0f}",
                f"<= {BAR_PULL_S:g} s",
                _yes(pulled.seconds <= BAR_PULL_S),
            ],
        ],
    )
    builds = ", ".join(f"{k.removesuffix('_s')} {v:.1f} s" for k, v in results.builds.items())
    print(f"backend {results.backend}; set-up times: {builds}")
    print(f"push outcomes {pushed.statuses}; naive outcomes {naive.statuses}")
    print("verified: " + ("; ".join(problems) if problems else "nothing lost or doubled"))
    passed = (
        not problems
        and pushed.seconds <= BAR_PUSH_S
        and ratio >= BAR_RATIO
        and pulled.seconds <= BAR_PULL_S
    )
    print_json(
        {
            "push_10k_s": round(pushed.seconds, 3),
            "naive_10k_s": round(naive.seconds, 3),
            "ratio_vs_naive": round(ratio, 1),
            "pull_1m_s": round(pulled.seconds, 3),
            "entries": args.entries,
            "cards": args.cards,
            "backend": results.backend,
            "push_statuses": pushed.statuses,
            "naive_statuses": naive.statuses,
            "pulled_cards": pulled.cards,
            "pull_pages": pulled.pages,
            **{k: round(v, 1) for k, v in results.builds.items()},
            "verified": not problems,
            "passed": passed,
        }
    )
    return 0 if not problems else 1


def _yes(ok: bool) -> str:
    return "yes" if ok else "NO"
