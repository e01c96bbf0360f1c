"""Server ingest: 20 terminals pushing chained entries at once over HTTP into PostgreSQL.

`python -m benchmarks server [--terminals 20] [--entries 2000] [--batch 500] [--workers 4]`

Starts `loyalty-server serve` on a throwaway PostgreSQL database (or `--sqlite`, one
worker, for a smoke run), seeds a merchant whose programs have no cooldown or daily cap,
pairs the terminals, then each terminal process pushes its own hash-chained journal in
batches. Afterwards the database is checked against what was sent: `lost` counts entries
sent without a transaction row, `doubled` counts extra rows per entry plus cards whose
balance moved by other than the sum of their applied deltas. Bar (DESIGN): 20 terminals
≥ 5,000 entries/s, lost == 0, doubled == 0.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy import func, select

from benchmarks._report import percentile, print_json, print_table
from pos_app.domain.card import Card
from pos_app.domain.demo import demo_cards
from pos_app.domain.program import Program, ProgramKind
from sync.protocol import PushRequest
from sync.server import admin
from sync.server.db import make_engine, migrate, write
from sync.server.entries import EntryChain
from sync.server.models import CARDS, TRANSACTIONS
from sync.server.pairing import create_pair_code

ROOT = Path(__file__).resolve().parents[1]
MERCHANT, STORE, STAFF = "bench-merchant", "bench-store", "bench-staff"
POINTS = Program(
    id="bench-points", merchant_id=MERCHANT, name="Bench points", kind=ProgramKind.POINTS,
    points_per_unit=Decimal(1),
)  # fmt: skip
STAMPS = Program(
    id="bench-stamps", merchant_id=MERCHANT, name="Bench stamps", kind=ProgramKind.STAMPS,
    stamps_target=10, max_stamps_per_scan=10,
)  # fmt: skip


@dataclass(frozen=True)
class Terminal:
    terminal_id: str
    token: str


@dataclass(frozen=True)
class RunResult:
    entries: int
    seconds: float
    batch_ms: list[float]
    entry_ids: list[str]
    refused: int
    retried: int = 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _seed(db_url: str, card_count: int) -> list[Card]:
    migrate(db_url)
    engine = make_engine(db_url, pool_size=1)
    now = datetime.now(UTC)
    cards = demo_cards(card_count, [POINTS, STAMPS], [STORE], seed=11)
    with write(engine) as conn:
        admin.create_merchant(conn, MERCHANT, "Benchmark merchant", now)
        admin.add_store(conn, STORE, MERCHANT, "Bench store", now)
        admin.add_staff(conn, STAFF, MERCHANT, "Bench", "cashier", "1234", now)
        admin.add_program(conn, POINTS, now)
        admin.add_program(conn, STAMPS, now)
        admin.insert_cards(conn, cards, now)
    engine.dispose()
    return cards


def _pair(db_url: str, base_url: str, count: int, store: str = STORE) -> list[Terminal]:
    engine = make_engine(db_url, pool_size=1)
    terminals = []
    with httpx.Client(base_url=base_url, timeout=30) as http:
        for _ in range(count):
            with write(engine) as conn:
                code = create_pair_code(conn, store, datetime.now(UTC))
            terminal_id = str(uuid.uuid4())
            body = {"code": code, "terminal_id": terminal_id, "terminal_name": "bench"}
            response = http.post("/v1/pair", json=body)
            response.raise_for_status()
            terminals.append(Terminal(terminal_id, response.json()["token"]))
    engine.dispose()
    return terminals


def _bodies(
    terminal: Terminal,
    cards: list[Card],
    entries: int,
    batch: int,
    store: str = STORE,
    staff: str = STAFF,
) -> list[bytes]:
    """The terminal's journal, already serialised: the clock measures the server, not us."""
    rng = random.Random(terminal.terminal_id)
    chain = EntryChain(uuid.UUID(terminal.terminal_id), store, staff)
    start = datetime.now(UTC) - timedelta(hours=1)
    for n in range(entries):
        card = rng.choice(cards)
        when = start + timedelta(milliseconds=n)
        if card.program_id.endswith("points"):
            amount = rng.randint(100, 10_000)
            op = {"kind": "earn_points", "amount_minor": amount}
            chain.add(card.id, card.program_id, op, points_delta=amount // 100, local_time=when)
        else:
            stamp = {"kind": "stamp", "count": 1}
            chain.add(card.id, card.program_id, stamp, stamps_delta=1, local_time=when)
    bodies = []
    for i in range(0, entries, batch):
        request = PushRequest(
            terminal_id=uuid.UUID(terminal.terminal_id),
            entries=chain.entries[i : i + batch],
            terminal_time=datetime.now(UTC),
        )
        bodies.append(request.model_dump_json().encode())
    return bodies


def _push_all(base_url: str, terminal: Terminal, bodies: list[bytes]) -> RunResult:
    headers = {"Authorization": f"Bearer {terminal.token}", "content-type": "application/json"}
    batch_ms, entry_ids, refused, count = [], [], 0, 0
    started = time.perf_counter()
    with httpx.Client(base_url=base_url, timeout=120) as http:
        for body in bodies:
            t0 = time.perf_counter()
            response = http.post("/v1/push", content=body, headers=headers)
            batch_ms.append((time.perf_counter() - t0) * 1000)
            response.raise_for_status()
            outcomes = response.json()["outcomes"]
            count += len(outcomes)
            refused += sum(o["status"] == "refused" for o in outcomes)
            entry_ids += [o["entry_id"] for o in outcomes]
    return RunResult(count, time.perf_counter() - started, batch_ms, entry_ids, refused)


def _worker(
    base_url: str,
    terminal: Terminal,
    cards: list[Card],
    entries: int,
    batch: int,
    barrier: Any,
    results: Any,
) -> None:
    bodies = _bodies(terminal, cards, entries, batch)
    barrier.wait()
    try:
        results.put(_push_all(base_url, terminal, bodies))
    except Exception as exc:
        results.put(exc)
        raise


def _run_parallel(
    base_url: str, terminals: list[Terminal], cards: list[Card], entries: int, batch: int
) -> tuple[list[RunResult], float]:
    """One process per terminal (as in a shop: separate machines), started together."""
    ctx = multiprocessing.get_context("fork")
    barrier, queue = ctx.Barrier(len(terminals) + 1), ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(base_url, t, cards, entries, batch, barrier, queue))
        for t in terminals
    ]
    for p in procs:
        p.start()
    barrier.wait()
    started = time.perf_counter()
    results = [queue.get(timeout=1800) for _ in procs]
    seconds = time.perf_counter() - started
    for p in procs:
        p.join(30)
    failed = [r for r in results if isinstance(r, Exception)]
    if failed:
        raise RuntimeError(f"{len(failed)} terminals failed: {failed[0]!r}")
    return results, seconds


def _cpu_seconds(pid: int) -> float:
    """utime + stime of a process (Linux /proc); 0 when it is gone or unreadable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _cpu_snapshot(server_pid: int, db_url: str) -> dict[str, dict[int, float]]:
    """CPU seconds so far of the server (main process and workers) and of PostgreSQL's
    backends serving the benchmark database (its WAL writer and checkpointer excluded)."""
    backends: list[int] = []
    if db_url.startswith("postgresql"):
        with psycopg.connect(db_url, autocommit=True) as conn:
            backends = [
                r[0]
                for r in conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid()"
                )
            ]
    server = [server_pid, *_children(server_pid)]
    return {
        "server": {p: _cpu_seconds(p) for p in server},
        "pg": {p: _cpu_seconds(p) for p in backends},
    }


def _cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def _check(db_url: str, sent: list[str], initial: list[Card]) -> tuple[int, int]:
    """(lost, doubled) as the database tells them."""
    engine = make_engine(db_url, pool_size=1)
    with engine.connect() as conn:
        stored = [r[0] for r in conn.execute(select(TRANSACTIONS.c.entry_id))]
        sums = {
            r.card_id: (r.stamps, r.points)
            for r in conn.execute(
                select(
                    TRANSACTIONS.c.card_id,
                    func.sum(TRANSACTIONS.c.applied_stamps_delta).label("stamps"),
                    func.sum(TRANSACTIONS.c.applied_points_delta).label("points"),
                ).group_by(TRANSACTIONS.c.card_id)
            )
        }
        now = {
            r.id: (r.total_stamps_earned, r.total_points_earned)
            for r in conn.execute(
                select(CARDS.c.id, CARDS.c.total_stamps_earned, CARDS.c.total_points_earned)
            )
        }
    engine.dispose()
    stored_set = set(stored)
    lost = sum(1 for e in sent if e not in stored_set)
    doubled = len(stored) - len(stored_set)
    for card in initial:
        stamps, points = sums.get(card.id, (0, 0))
        moved = (
            now[card.id][0] - card.total_stamps_earned,
            now[card.id][1] - card.total_points_earned,
        )
        doubled += moved != (int(stamps), int(points))
    return lost, doubled


def _create_pg(admin_url: str) -> str:
    name = f"loyalty_bench_{secrets.token_hex(4)}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + "/" + name


def _drop_pg(admin_url: str, url: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def _serve(db_url: str, workers: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    cmd = [sys.executable, "-m", "sync.server.cli", "serve", "--db", db_url, "--port", str(port)]
    cmd += ["--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited: " + log.read_text()[-2000:])
        try:
            if httpx.get(base_url + "/v1/health", timeout=1).status_code == 200:
                return proc, base_url
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start: " + log.read_text()[-2000:])


def _parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks server", description=__doc__)
    p.add_argument("--terminals", type=int, default=20)
    p.add_argument("--entries", type=int, default=2000, help="entries per terminal")
    p.add_argument("--one-terminal-entries", type=int, default=5000)
    p.add_argument("--batch", type=int, default=500, help="entries per push (max 1000)")
    p.add_argument("--cards", type=int, default=5000)
    p.add_argument("--workers", type=int, default=4, help="uvicorn workers (PostgreSQL)")
    p.add_argument(
        "--pg", default=os.environ.get("LOYALTY_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL URL where a throwaway database may be created",
    )  # fmt: skip
    p.add_argument("--sqlite", action="store_true", help="smoke run on SQLite, one worker")
    p.add_argument(
        "--merchants", type=int, default=0,
        help="many merchants at once (see benchmarks.server_merchants); 0: the one-shop run",
    )  # fmt: skip
    p.add_argument("--merchant-terminals", type=int, default=5, help="terminals per merchant")
    p.add_argument("--merchant-entries", type=int, default=100, help="entries per terminal")
    p.add_argument("--merchant-batch", type=int, default=50, help="entries per push")
    p.add_argument("--merchant-cards", type=int, default=50, help="cards per merchant")
    p.add_argument("--clients", type=int, default=8, help="client processes (many merchants)")
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = _parse(argv)
    if args.merchants:
        from benchmarks._merchants import run_merchants

        return run_merchants(args)
    tmp = Path(tempfile.mkdtemp(prefix="loyalty-bench-"))
    if args.sqlite:
        db_url, workers = f"sqlite:///{tmp / 'bench.db'}", 1
    else:
        db_url, workers = _create_pg(args.pg), args.workers
    proc = None
    try:
        cards = _seed(db_url, args.cards)
        proc, base_url = _serve(db_url, workers, tmp / "server.log")
        terminals = _pair(db_url, base_url, args.terminals + 1)
        solo_bodies = _bodies(terminals[0], cards, args.one_terminal_entries, args.batch)
        solo = _push_all(base_url, terminals[0], solo_bodies)
        load_before = os.getloadavg()[0]
        cpu_before = _cpu_snapshot(proc.pid, db_url)
        results, seconds = _run_parallel(base_url, terminals[1:], cards, args.entries, args.batch)
        cpu_after = _cpu_snapshot(proc.pid, db_url)
        sent = solo.entry_ids + [e for r in results for e in r.entry_ids]
        lost, doubled = _check(db_url, sent, cards)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)
        if not args.sqlite:
            _drop_pg(args.pg, db_url)
    total = sum(r.entries for r in results)
    batch_ms = [ms for r in results for ms in r.batch_ms]
    report = {
        "backend": "sqlite" if args.sqlite else "postgresql",
        "workers": workers,
        "terminals": args.terminals,
        "entries": total,
        "batch": args.batch,
        "entries_per_s": round(total / seconds, 1),
        "p50_batch_ms": round(percentile(batch_ms, 50), 1),
        "p99_batch_ms": round(percentile(batch_ms, 99), 1),
        "one_terminal_entries_per_s": round(solo.entries / solo.seconds, 1),
        "refused": solo.refused + sum(r.refused for r in results),
        # CPU per entry of the 20-terminal run: what the bar costs on any machine, even a
        # shared one whose wall-clock figures are noisy (the load average says how noisy).
        "server_cpu_us_per_entry": round(
            _cpu_used(cpu_before["server"], cpu_after["server"]) / total * 1e6, 1
        ),
        "pg_backend_cpu_us_per_entry": round(
            _cpu_used(cpu_before["pg"], cpu_after["pg"]) / total * 1e6, 1
        ),
        "loadavg_1m_before": round(load_before, 2),
        "lost": lost,
        "doubled": doubled,
    }
    print_table(
        ["run", "entries", "seconds", "entries/s", "p50 batch ms", "p99 batch ms"],
        [
            ["1 terminal", solo.entries, solo.seconds, report["one_terminal_entries_per_s"],
             percentile(solo.batch_ms, 50), percentile(solo.batch_ms, 99)],
            [f"{args.terminals} terminals", total, seconds, report["entries_per_s"],
             report["p50_batch_ms"], report["p99_batch_ms"]],
        ],
    )  # fmt: skip
    print(f"lost {lost}, doubled {doubled}, refused {report['refused']} ({report['backend']})")
    print(
        f"CPU per entry (20 terminals): server {report['server_cpu_us_per_entry']} µs, "
        f"PostgreSQL backends {report['pg_backend_cpu_us_per_entry']} µs; "
        f"load average before {report['loadavg_1m_before']}"
    )
    print_json(report)
    return 0 if lost == 0 and doubled == 0 else 1
