"""Crash safety: a terminal killed at any instant keeps every commit and never half an operation.

One campaign per module run: a real worker process (`tests.store.crash_worker`) applies
operations back to back on a real SQLite file and is killed with SIGKILL at a random instant,
then restarted on the same file, again and again (`LOYALTY_CRASH_KILLS`, default 30). The
worker announces each operation before it starts and reports each commit after it, so the
test knows what was promised and where each kill landed. The tests below then state what
must hold of the file that survives.

`LOYALTY_CRASH_SEED` replays a failing campaign (the seed is in every failure message).

SIGKILL stops the process, not the machine: committed pages already handed to the kernel
survive it even without fsync, so this proves atomicity and recovery of SQLite's WAL under
our transactions, not the durability of the disk under power loss.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pos_app.domain.demo import DEMO_MERCHANT, DEMO_STORE
from pos_app.services.integrity import check_store
from pos_app.services.setup import init_terminal
from pos_app.store import Store, open_store
from pos_app.store.journal import verify_chain

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("LOYALTY_CRASH_KILLS", "30"))
# Operations of the last, unkilled run: the store must still take work after the crashes.
FINAL_OPS = 25
STARTUP_TIMEOUT_S = 30.0


@dataclass
class WorkerLife:
    """What one worker reported before it died."""

    committed: dict[int, str] = field(default_factory=dict)
    started: int = 0
    killed_mid_operation: bool = False


@dataclass
class Campaign:
    seed: int
    db: Path
    reported: dict[int, str] = field(default_factory=dict)
    kills: int = 0
    kills_mid_operation: int = 0
    operations_started: int = 0
    final_run_committed: dict[int, str] = field(default_factory=dict)

    def describe(self) -> str:
        return f"campaign seed {self.seed} (LOYALTY_CRASH_SEED={self.seed} replays it)"


def worker_command(db: Path, seed: int, ops: int | None = None) -> list[str]:
    args = [sys.executable, "-m", "tests.store.crash_worker", str(db), str(seed)]
    return args if ops is None else [*args, str(ops)]


def parse(output: bytes, life: WorkerLife) -> None:
    """Read the worker's report lines; a line cut short by the kill ends the report."""
    lines = output.split(b"\n")
    # The last element is what followed the last newline: empty, or a line cut by the kill.
    for raw in lines[:-1]:
        word, *rest = raw.decode().split()
        if word == "begin":
            life.started += 1
            life.killed_mid_operation = True
        elif word == "committed":
            life.committed[int(rest[0])] = rest[1]
            life.killed_mid_operation = False
        elif word == "refused":
            life.killed_mid_operation = False
        else:
            raise AssertionError(f"unexpected worker output: {raw!r}")


def run_until_killed(db: Path, seed: int, delay_s: float) -> WorkerLife:
    """Start a worker, let it work `delay_s` past its first operation, then SIGKILL it."""
    proc = subprocess.Popen(
        worker_command(db, seed),
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    try:
        ready, _, _ = select.select([proc.stdout], [], [], STARTUP_TIMEOUT_S)
        first = proc.stdout.readline() if ready else b""
        if first != b"begin\n":
            proc.kill()
            _, err = proc.communicate()
            raise AssertionError(
                f"worker did not start working (got {first!r}): {err.decode()[-2000:]}"
            )
        # Busy-wait short delays: sleep() cannot resolve tens of microseconds.
        deadline = time.perf_counter() + delay_s
        if delay_s > 0.002:
            time.sleep(delay_s - 0.001)
        while time.perf_counter() < deadline:
            pass
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if proc.returncode != -signal.SIGKILL:
        raise AssertionError(
            f"worker died by itself (exit {proc.returncode}) before the kill: "
            f"{err.decode()[-2000:]}"
        )
    life = WorkerLife()
    parse(first + out, life)
    return life


def kill_delay(rng: random.Random) -> float:
    """Log-uniform from 20 µs to 150 ms: many kills early in an operation, some after many."""
    return float(10 ** rng.uniform(-4.7, -0.82))


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> Campaign:
    seed = int(os.environ.get("LOYALTY_CRASH_SEED", random.randrange(1_000_000)))
    rng = random.Random(seed)
    db = tmp_path_factory.mktemp("crash") / "terminal.db"
    init_terminal(db, merchant_id=DEMO_MERCHANT, store_id=DEMO_STORE, demo_card_count=20).close()
    result = Campaign(seed, db)
    for kill in range(KILLS):
        life = run_until_killed(db, seed * 1000 + kill, kill_delay(rng))
        reused = set(life.committed) & set(result.reported)
        assert not reused, f"{result.describe()}: seq {sorted(reused)} reported committed twice"
        result.reported.update(life.committed)
        result.kills += 1
        result.kills_mid_operation += life.killed_mid_operation
        result.operations_started += life.started
    final = subprocess.run(
        worker_command(db, seed * 1000 + KILLS, FINAL_OPS),
        cwd=REPO_ROOT,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert final.returncode == 0, f"{result.describe()}: {final.stderr.decode()[-2000:]}"
    life = WorkerLife()
    parse(final.stdout, life)
    result.final_run_committed = life.committed
    return result


@pytest.fixture
def survivor(campaign: Campaign) -> Iterator[Store]:
    store = open_store(campaign.db, create=False)
    yield store
    store.close()


def journal_ids(store: Store) -> dict[int, str]:
    with store.read() as conn:
        rows = conn.exec_driver_sql("SELECT seq, entry_id FROM journal ORDER BY seq")
        return {seq: entry_id for seq, entry_id in rows}


def test_the_campaign_killed_busy_workers_mostly_in_the_middle_of_an_operation(
    campaign: Campaign,
) -> None:
    """The kills must hit transactions, not idle time: most land between begin and outcome."""
    assert campaign.kills == KILLS
    assert campaign.operations_started >= KILLS
    assert campaign.kills_mid_operation > KILLS // 2, campaign.describe()


def test_the_journal_chain_verifies_and_its_sequence_is_gapless(
    campaign: Campaign, survivor: Store
) -> None:
    with survivor.read() as conn:
        chain = verify_chain(conn)
    assert chain.ok, f"{campaign.describe()}: {chain.problem}"
    seqs = list(journal_ids(survivor))
    assert seqs == list(range(1, len(seqs) + 1)), campaign.describe()
    assert chain.entries == len(seqs)


def test_every_card_equals_the_replay_of_its_journal(campaign: Campaign, survivor: Store) -> None:
    """No card was updated without its entry, nor an entry appended without its card update."""
    report = check_store(survivor)
    assert report.mismatched_cards == (), campaign.describe()
    assert report.ok, campaign.describe()
    assert report.cards_checked >= 20


def test_no_operation_reported_as_committed_is_missing(campaign: Campaign, survivor: Store) -> None:
    journal = journal_ids(survivor)
    promised = {**campaign.reported, **campaign.final_run_committed}
    missing = {seq: eid for seq, eid in promised.items() if journal.get(seq) != eid}
    assert not missing, f"{campaign.describe()}: committed but lost or replaced: {missing}"


def test_at_most_one_commit_per_kill_went_unreported(campaign: Campaign, survivor: Store) -> None:
    """An entry nobody was told about can only be the one whose report the kill cut off."""
    journal = journal_ids(survivor)
    unreported = set(journal) - set(campaign.reported) - set(campaign.final_run_committed)
    assert len(unreported) <= campaign.kills, campaign.describe()


def test_every_entry_kept_its_pending_sync_status(campaign: Campaign, survivor: Store) -> None:
    with survivor.read() as conn:
        rows = conn.exec_driver_sql("SELECT seq, status FROM journal_sync")
        statuses: dict[int, str] = {seq: status for seq, status in rows}
    assert set(statuses) == set(journal_ids(survivor)), campaign.describe()
    assert set(statuses.values()) == {"pending"}


def test_the_store_takes_new_work_after_the_last_crash(campaign: Campaign) -> None:
    """A restarted terminal is a working terminal: the final, unkilled run committed entries."""
    assert campaign.final_run_committed, campaign.describe()
