"""`python -m benchmarks server --merchants 100`: many merchants pushing at once, against the
same terminals and load in one merchant, in one run on one database.

Each of the `--merchants` merchants gets a store, a cashier, two programs without cooldown
or cap and `--merchant-cards` cards, and `--merchant-terminals` paired terminals. A further
merchant gets as many terminals and cards as all of them together. Then every terminal of
the one merchant pushes its journal at once (`one_merchant_entries_per_s`), then every
terminal of the many merchants (`entries_per_s`). Both runs are checked against the
database as the one-shop run is: nothing lost, nothing doubled. Bar: the many-merchant
figure at least the one-merchant one -- merchants must not wait for each other.

Terminals are threads in `--clients` processes (hundreds of processes would measure the
machine's scheduler): each sends its own batches one after another, as a terminal does.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from benchmarks._report import percentile, print_json, print_table
from benchmarks.server import (
    RunResult,
    Terminal,
    _bodies,
    _cpu_snapshot,
    _cpu_used,
    _create_pg,
    _drop_pg,
    _pair,
    _push_all,
    _serve,
)
from pos_app.domain.card import Card
from pos_app.domain.demo import demo_cards
from pos_app.domain.program import Program, ProgramKind
from sync.server import admin
from sync.server.db import make_engine, migrate, write
from sync.server.models import CARDS, TRANSACTIONS


@dataclass(frozen=True)
class Shop:
    merchant: str
    cards: list[Card]

    @property
    def store(self) -> str:
        return f"{self.merchant}-store"

    @property
    def staff(self) -> str:
        return f"{self.merchant}-staff"


def _programs(merchant: str) -> list[Program]:
    points = Program(
        id=f"{merchant}-points", merchant_id=merchant, name="Bench points",
        kind=ProgramKind.POINTS, points_per_unit=Decimal(1),
    )  # fmt: skip
    stamps = Program(
        id=f"{merchant}-stamps", merchant_id=merchant, name="Bench stamps",
        kind=ProgramKind.STAMPS, stamps_target=10, max_stamps_per_scan=10,
    )  # fmt: skip
    return [points, stamps]


def _seed_shop(engine: Any, merchant: str, card_count: int, seed: int) -> Shop:
    now = datetime.now(UTC)
    programs = _programs(merchant)
    cards = demo_cards(card_count, programs, [f"{merchant}-store"], seed=seed)
    shop = Shop(merchant, cards)
    with write(engine) as conn:
        admin.create_merchant(conn, merchant, f"Benchmark {merchant}", now)
        admin.add_store(conn, shop.store, merchant, "Bench store", now)
        admin.add_staff(conn, shop.staff, merchant, "Bench", "cashier", "1234", now)
        for program in programs:
            admin.add_program(conn, program, now)
        admin.insert_cards(conn, cards, now)
    return shop


@dataclass(frozen=True)
class Job:
    terminal: Terminal
    shop: Shop


RETRY_AFTER_S = 1.0


def _push_retrying(base_url: str, terminal: Terminal, bodies: list[bytes]) -> RunResult:
    """A terminal's pushes, each batch sent again after a 5xx as a terminal does (the
    server applies a batch exactly once, so a retry never doubles): hundreds of terminals
    at once on two cores overrun the server's connection pool, which answers 500."""
    done = RunResult(0, 0.0, [], [], 0)
    retried = 0
    started = time.perf_counter()
    for body in bodies:
        while True:
            try:
                one = _push_all(base_url, terminal, [body])
            except httpx.HTTPStatusError as exc:
                if exc.response.status_code < 500:
                    raise
                retried += 1
                time.sleep(RETRY_AFTER_S)
                continue
            break
        done = RunResult(
            done.entries + one.entries,
            0.0,
            done.batch_ms + one.batch_ms,
            done.entry_ids + one.entry_ids,
            done.refused + one.refused,
            done.retried + retried,
        )
        retried = 0
    return RunResult(
        done.entries, time.perf_counter() - started, done.batch_ms, done.entry_ids,
        done.refused, done.retried,
    )  # fmt: skip


def _client(
    base_url: str, jobs: list[Job], entries: int, batch: int, barrier: Any, results: Any
) -> None:
    """One client process: a thread per terminal, all released together."""
    bodies = [
        _bodies(j.terminal, j.shop.cards, entries, batch, j.shop.store, j.shop.staff) for j in jobs
    ]
    found: list[RunResult | str] = []
    lock = threading.Lock()

    def push(job: Job, body: list[bytes]) -> None:
        try:
            result: RunResult | str = _push_retrying(base_url, job.terminal, body)
        except Exception as exc:  # reported to the parent (as text: not every error
            result = repr(exc)  # pickles), which fails the run
        with lock:
            found.append(result)

    threads = [
        threading.Thread(target=push, args=(j, b)) for j, b in zip(jobs, bodies, strict=True)
    ]
    barrier.wait()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    results.put(found)


def _run(
    base_url: str, jobs: list[Job], clients: int, entries: int, batch: int
) -> tuple[list[RunResult], float]:
    ctx = multiprocessing.get_context("fork")
    clients = max(1, min(clients, len(jobs)))
    barrier, queue = ctx.Barrier(clients + 1), ctx.Queue()
    shares = [jobs[i::clients] for i in range(clients)]
    procs = [
        ctx.Process(target=_client, args=(base_url, share, entries, batch, barrier, queue))
        for share in shares
    ]
    for p in procs:
        p.start()
    barrier.wait()
    started = time.perf_counter()
    gathered = [r for _ in procs for r in queue.get(timeout=1800)]
    seconds = time.perf_counter() - started
    for p in procs:
        p.join(30)
    failed = [r for r in gathered if isinstance(r, str)]
    if failed:
        raise RuntimeError(f"{len(failed)} terminals failed: {failed[0]}")
    return [r for r in gathered if isinstance(r, RunResult)], seconds


def _check(db_url: str, sent: list[str], shops: list[Shop]) -> tuple[int, int]:
    """(lost, doubled) as the database tells them, cards keyed by merchant and id."""
    engine = make_engine(db_url, pool_size=1)
    with engine.connect() as conn:
        stored = [r[0] for r in conn.execute(select(TRANSACTIONS.c.entry_id))]
        sums = {
            (r.merchant_id, r.card_id): (int(r.stamps), int(r.points))
            for r in conn.execute(
                select(
                    TRANSACTIONS.c.merchant_id,
                    TRANSACTIONS.c.card_id,
                    func.sum(TRANSACTIONS.c.applied_stamps_delta).label("stamps"),
                    func.sum(TRANSACTIONS.c.applied_points_delta).label("points"),
                ).group_by(TRANSACTIONS.c.merchant_id, TRANSACTIONS.c.card_id)
            )
        }
        now = {
            (r.merchant_id, r.id): (r.total_stamps_earned, r.total_points_earned)
            for r in conn.execute(
                select(
                    CARDS.c.merchant_id,
                    CARDS.c.id,
                    CARDS.c.total_stamps_earned,
                    CARDS.c.total_points_earned,
                )
            )
        }
    engine.dispose()
    stored_set = set(stored)
    lost = sum(1 for e in sent if e not in stored_set)
    doubled = len(stored) - len(stored_set)
    for shop in shops:
        for card in shop.cards:
            key = (shop.merchant, card.id)
            moved = (
                now[key][0] - card.total_stamps_earned,
                now[key][1] - card.total_points_earned,
            )
            doubled += moved != sums.get(key, (0, 0))
    return lost, doubled


def run_merchants(args: argparse.Namespace) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="loyalty-bench-"))
    if args.sqlite:
        db_url, workers = f"sqlite:///{tmp / 'bench.db'}", 1
    else:
        db_url, workers = _create_pg(args.pg), args.workers
    per, count = args.merchant_terminals, args.merchants
    entries, batch = args.merchant_entries, args.merchant_batch
    proc = None
    try:
        migrate(db_url)
        engine = make_engine(db_url, pool_size=1)
        shops = [
            _seed_shop(engine, f"bench-m{i:03d}", args.merchant_cards, seed=100 + i)
            for i in range(count)
        ]
        one = _seed_shop(engine, "bench-one", args.merchant_cards * count, seed=7)
        engine.dispose()
        proc, base_url = _serve(db_url, workers, tmp / "server.log")
        many_jobs = [Job(t, s) for s in shops for t in _pair(db_url, base_url, per, s.store)]
        one_terminals = _pair(db_url, base_url, per * count + 1, one.store)
        one_jobs = [Job(t, one) for t in one_terminals[1:]]
        solo_bodies = _bodies(one_terminals[0], one.cards, entries, batch, one.store, one.staff)
        solo = _push_all(base_url, one_terminals[0], solo_bodies)
        one_results, one_seconds = _run(base_url, one_jobs, args.clients, entries, batch)
        load_before = os.getloadavg()[0]
        cpu_before = _cpu_snapshot(proc.pid, db_url)
        results, seconds = _run(base_url, many_jobs, args.clients, entries, batch)
        cpu_after = _cpu_snapshot(proc.pid, db_url)
        sent = [e for r in (solo, *one_results, *results) for e in r.entry_ids]
        lost, doubled = _check(db_url, sent, [*shops, one])
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)
        if not args.sqlite:
            _drop_pg(args.pg, db_url)
    total = sum(r.entries for r in results)
    one_total = sum(r.entries for r in one_results)
    batch_ms = [ms for r in results for ms in r.batch_ms]
    one_ms = [ms for r in one_results for ms in r.batch_ms]
    report = {
        "backend": "sqlite" if args.sqlite else "postgresql",
        "workers": workers,
        "merchants": count,
        "terminals": per * count,
        "entries": total,
        "batch": batch,
        "entries_per_s": round(total / seconds, 1),
        "p50_batch_ms": round(percentile(batch_ms, 50), 1),
        "p99_batch_ms": round(percentile(batch_ms, 99), 1),
        "one_merchant_entries": one_total,
        "one_merchant_entries_per_s": round(one_total / one_seconds, 1),
        "one_merchant_p99_batch_ms": round(percentile(one_ms, 99), 1),
        "one_terminal_entries_per_s": round(solo.entries / solo.seconds, 1),
        "refused": solo.refused + sum(r.refused for r in (*one_results, *results)),
        # Batches answered 5xx (the connection pool overrun) and sent again, per run.
        "one_merchant_retried": sum(r.retried for r in one_results),
        "retried": sum(r.retried for r in results),
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
            [f"1 merchant, {per * count} terminals", one_total, one_seconds,
             report["one_merchant_entries_per_s"], percentile(one_ms, 50), percentile(one_ms, 99)],
            [f"{count} merchants, {per} terminals each", total, seconds, report["entries_per_s"],
             report["p50_batch_ms"], report["p99_batch_ms"]],
        ],
    )  # fmt: skip
    print(f"lost {lost}, doubled {doubled}, refused {report['refused']} ({report['backend']})")
    print_json(report)
    return 0 if lost == 0 and doubled == 0 else 1
