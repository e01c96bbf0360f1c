"""The primary database SIGKILLed while terminal processes push: what the failover test
checks and the failover benchmark measures (one scenario, run by both).

Terminal processes (`push_worker`) work and push through one server process whose database
URL names both PostgreSQL nodes. The primary's node is killed; a probe terminal in this
process pushes until a push is acknowledged again (the recovery time). Then the workers
send what they have left and stop, and the new primary is asked for every entry a terminal
saw acknowledged.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from subprocess import Popen

import httpx
from sqlalchemy import func, select

from pos_app.domain.operations import EarnPoints
from pos_app.services.counter import Done
from pos_app.services.sync import server_link
from pos_app.services.sync_loop import SyncLoop
from pos_app.store import open_store
from pos_app.store.outbox import PENDING
from pos_app.store.schema import JournalRow, JournalSyncRow
from sync.server.db import read
from sync.server.models import TRANSACTIONS
from tests.pgaf import AutoFailover, Node
from tests.server.conftest import Merchant, ServerProcess
from tests.sync.harness import Terminal, new_terminal

ROOT = Path(__file__).resolve().parents[2]
PROBE_EVERY_S = 0.2
# Entries acknowledged across the terminals before the primary is killed.
WARM_UP_ENTRIES = 60


@dataclass
class FailoverRun:
    recovery_s: float  # from the kill to the first acknowledged push
    acknowledged_before: int  # entries the terminals had seen acknowledged at the kill
    lost: int  # of those, not on the new primary
    doubled: int  # entries applied more than once
    first_status: int  # what the server answered right after the kill
    states_meanwhile: set[str]  # the probe terminal's sync status until it pushed again
    retry_after: str | None
    terminals: list[Terminal]
    killed: Node
    worker_exits: list[int]


def acknowledged(db: Path) -> set[str]:
    """The entries of a terminal database the server has answered."""
    store = open_store(db, create=False)
    try:
        with store.read() as conn:
            return set(
                conn.execute(
                    select(JournalRow.entry_id)
                    .join(JournalSyncRow, JournalSyncRow.seq == JournalRow.seq)
                    .where(JournalSyncRow.status.not_in(PENDING))
                ).scalars()
            )
    finally:
        store.close()


def start_workers(merchant: Merchant, dbs: list[Path], stop: Path) -> list[Popen[str]]:
    """A `push_worker` process for each paired terminal database."""
    stamp_card = merchant.card(merchant.stamps).card_number
    point_card = merchant.card(merchant.points).card_number
    return [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.failover.push_worker",
                str(db),
                str(i + 1),
                stamp_card,
                point_card,
                merchant.staff_id,
                str(stop),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, db in enumerate(dbs)
    ]


def wait_ready(procs: list[Popen[str]]) -> None:
    for proc in procs:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line == "ready", proc.stderr.read() if proc.stderr else line


def finish_workers(procs: list[Popen[str]], stop: Path) -> list[tuple[int, int]]:
    """Tell the workers to stop; each one's exit code and its count of unreachable syncs."""
    stop.touch()
    ended = []
    for proc in procs:
        try:
            out, _ = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        words = out.split()
        missed = int(words[-1]) if len(words) >= 2 and words[-2] == "unreachable" else -1
        ended.append((proc.returncode, missed))
    return ended


def kill_primary_under_load(
    cluster: AutoFailover,
    server: ServerProcess,
    merchant: Merchant,
    tmp: Path,
    workers: int = 3,
) -> FailoverRun:
    dbs = [tmp / f"t{i}.db" for i in range(workers)]
    terminals = [new_terminal(server, merchant, db, store_index=i % 2) for i, db in enumerate(dbs)]
    for t in terminals:
        t.store.close()
    probe = new_terminal(server, merchant, tmp / "probe.db")
    stop = tmp / "stop"
    procs = start_workers(merchant, dbs, stop)
    try:
        wait_ready(procs)
        deadline = time.monotonic() + 60
        while sum(len(acknowledged(db)) for db in dbs) < WARM_UP_ENTRIES:
            assert time.monotonic() < deadline, "the terminals barely pushed before the kill"
            time.sleep(PROBE_EVERY_S)
        killed_at = time.monotonic()
        killed = cluster.kill_primary()
        seen = [acknowledged(db) for db in dbs]
        answer = httpx.get(
            server.base_url + "/v1/changes",
            params={"cursor": 0, "limit": 1},
            headers={"Authorization": f"Bearer {probe.token}"},
            timeout=30,
        )
        # The probe syncs as the counter's own loop does; meanwhile it works offline.
        loop = SyncLoop(probe.store, server_link(probe.store))
        point = merchant.card(merchant.points, 1)
        states: set[str] = set()
        while True:
            assert isinstance(probe.operate(point, EarnPoints(100)), Done)
            if loop.sync_now():
                break
            states.add(loop.status().state.value)
            time.sleep(PROBE_EVERY_S)
        recovery_s = time.monotonic() - killed_at
        exits = [code for code, _ in finish_workers(procs, stop)]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    for t, db in zip(terminals, dbs, strict=True):
        t.store = open_store(db, create=False)
    with read(server.engine) as conn:
        rows = conn.execute(
            select(TRANSACTIONS.c.entry_id, func.count())
            .where(TRANSACTIONS.c.merchant_id == merchant.id)
            .group_by(TRANSACTIONS.c.entry_id)
        ).all()
    on_primary = {str(entry_id) for entry_id, _ in rows}
    before = set().union(*seen)
    return FailoverRun(
        recovery_s=recovery_s,
        acknowledged_before=len(before),
        lost=len(before - on_primary),
        doubled=sum(count - 1 for _, count in rows),
        first_status=answer.status_code,
        states_meanwhile=states,
        retry_after=answer.headers.get("retry-after"),
        terminals=[*terminals, probe],
        killed=killed,
        worker_exits=exits,
    )
