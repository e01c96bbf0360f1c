"""Sync under faults: lost responses, duplicates, stale retries, a cut network, a dead server.

Every test ends with `assert_converged`: each entry has exactly one final outcome, nothing is
lost or applied twice, the server's cards are the replay of what it applied, and every
terminal's journal verifies.
"""

from __future__ import annotations

import itertools
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pos_app.services.sync import push
from pos_app.store import open_store
from pos_app.store.journal import iter_entries
from sync.engine.client import ServerUnreachable, SyncError
from tests.server.conftest import Merchant, ServerProcess, make_merchant, start_server
from tests.sync.fault_proxy import Fault, FaultProxy, Request
from tests.sync.harness import Terminal, assert_converged, new_terminal, status_counts_of

SEED = int(os.environ.get("LOYALTY_FAULT_SEED", "0")) or random.randrange(1, 10**6)


def random_faults(seed: int, rate: float = 0.4) -> Callable[[Request, int], Fault]:
    """Fault a random share of requests, cycling through every kind of fault in turn."""
    rng = random.Random(seed)
    kinds = [Fault.DROP_RESPONSE, Fault.DUPLICATE, Fault.REPLAY_STALE, Fault.DELAY, Fault.CUT]
    rng.shuffle(kinds)
    next_fault = itertools.cycle(kinds)

    def plan(request: Request, index: int) -> Fault:
        return next(next_fault) if rng.random() < rate else Fault.PASS

    return plan


def sync_through(terminal_sync: Callable[[], None], attempts: int = 60) -> int:
    """Keep trying like the background loop does; return how many attempts failed."""
    failures = 0
    for _ in range(attempts):
        try:
            terminal_sync()
            return failures
        except ServerUnreachable:
            failures += 1
    raise AssertionError(f"no sync got through in {attempts} attempts")


def test_lost_duplicated_delayed_and_stale_requests_change_nothing_twice(
    sync_server: ServerProcess, shop: Merchant, tmp_path: Path
) -> None:
    """Responses dropped after the server committed, batches sent twice, old batches replayed."""
    t = new_terminal(sync_server, shop, tmp_path / "t.db")
    upstream = int(sync_server.base_url.rsplit(":", 1)[1])
    with FaultProxy(upstream, random_faults(SEED), delay_s=0.05) as proxy:
        failures = 0
        for _round in range(12):
            t.busy_day(15)
            failures += sync_through(lambda: t.sync(proxy.url, batch_size=4))
        actions = {a for _, a in proxy.log.actions}
    assert failures > 0, f"seed {SEED}: the faults never bit"
    assert {Fault.DROP_RESPONSE, Fault.DUPLICATE, Fault.REPLAY_STALE} <= actions, SEED
    assert_converged(sync_server, shop, [t])


def test_a_cut_network_keeps_the_counter_working_and_loses_nothing(
    sync_server: ServerProcess, shop: Merchant, tmp_path: Path
) -> None:
    t = new_terminal(sync_server, shop, tmp_path / "t.db")
    upstream = int(sync_server.base_url.rsplit(":", 1)[1])
    cut = True
    with FaultProxy(upstream, lambda _r, _i: Fault.CUT if cut else Fault.PASS) as proxy:
        t.busy_day(40)  # the counter works offline
        with pytest.raises(ServerUnreachable):
            t.sync(proxy.url)
        t.busy_day(40)
        waiting = status_counts_of(t.store)
        assert waiting.get("pending", 0) + waiting.get("sent", 0) == len(t.done) > 40
        cut = False  # the network comes back
        t.sync(proxy.url)
    assert_converged(sync_server, shop, [t])


def test_a_server_killed_mid_batch_and_restarted_converges(tmp_path: Path) -> None:
    server = start_server("sqlite", f"sqlite:///{tmp_path / 'server.db'}", tmp_path / "server.log")
    try:
        shop = make_merchant(server, card_count=8)
        t = new_terminal(server, shop, tmp_path / "t.db")
        upstream = int(server.base_url.rsplit(":", 1)[1])
        with FaultProxy(upstream, lambda _r, _i: Fault.PASS) as proxy:
            rng = random.Random(SEED)
            errors: list[BaseException] = []
            for _kill in range(3):
                t.busy_day(400)

                def pushing() -> None:
                    try:
                        with t.client(proxy.url) as client:
                            push(t.store, client, batch_size=50)
                    except SyncError as exc:
                        errors.append(exc)

                worker = threading.Thread(target=pushing)
                worker.start()
                time.sleep(rng.uniform(0.05, 0.4))
                server.proc.send_signal(signal.SIGKILL)  # mid-batch, no goodbye
                server.proc.wait()
                worker.join(30)
                assert not worker.is_alive()
                server.engine.dispose()
                server = start_server("sqlite", server.db_url, tmp_path / "server.log")
                proxy.upstream_port = int(server.base_url.rsplit(":", 1)[1])
                t.url = server.base_url
            t.sync(proxy.url)
        assert errors, f"seed {SEED}: the server was never killed in the middle of a push"
        assert_converged(server, shop, [t])
    finally:
        server.stop()


KILLS = int(os.environ.get("LOYALTY_SYNC_KILLS", "20"))


def test_a_terminal_killed_at_random_points_of_a_sync_loses_and_doubles_nothing(
    sync_server: ServerProcess, shop: Merchant, tmp_path: Path
) -> None:
    t = new_terminal(sync_server, shop, tmp_path / "t.db")
    t.store.close()
    rng = random.Random(SEED)
    stamp_card = shop.card(shop.stamps).card_number
    point_card = shop.card(shop.points).card_number
    root = Path(__file__).resolve().parents[2]
    for kill in range(KILLS):
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.sync.sync_worker",
                str(tmp_path / "t.db"),
                str(kill + 1),
                stamp_card,
                point_card,
                shop.staff_id,
            ],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready", (
            worker.stderr.read() if worker.stderr else ""
        )
        time.sleep(rng.uniform(0.02, 0.5))
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        assert worker.returncode == -signal.SIGKILL, f"worker ended early: {worker.stderr}"
    t.store = open_store(tmp_path / "t.db", create=False)
    with t.store.read() as conn:
        entries = sum(1 for _ in iter_entries(conn))
    assert entries > KILLS, "the worker barely worked between kills"
    assert_converged(sync_server, shop, [t])


def test_a_first_pull_cut_midway_resumes_from_its_last_group_and_misses_nothing(
    sync_server: ServerProcess, tmp_path: Path
) -> None:
    from sqlalchemy import func, select

    from pos_app.services.pairing import pair_terminal
    from pos_app.services.sync import pull
    from pos_app.store.cards import REPLICA, VIEW
    from pos_app.store.terminal import CURSOR_KEY, TOKEN_KEY, get_setting
    from sync.engine.client import ServerClient
    from tests.server.conftest import pair_code

    shop = make_merchant(sync_server, card_count=1200)
    store = pair_terminal(
        tmp_path / "t.db", sync_server.base_url, pair_code(sync_server, shop.stores[0]), "T"
    )
    with store.read() as conn:
        token = get_setting(conn, TOKEN_KEY)
    assert token is not None
    upstream = int(sync_server.base_url.rsplit(":", 1)[1])
    # The feed is read ahead on a thread: the 5th request is cut while groups are written.
    with FaultProxy(upstream, lambda _r, i: Fault.CUT if i == 4 else Fault.PASS) as proxy:
        with ServerClient(proxy.url, token) as client, pytest.raises(ServerUnreachable):
            pull(store, client, page_size=100, commit_every=250)
        with store.read() as conn:
            cursor = int(get_setting(conn, CURSOR_KEY) or 0)
            kept = conn.execute(select(func.count()).select_from(REPLICA)).scalar_one()
        assert 0 < kept < 1200 and cursor > 0  # whole groups kept, with their cursor
        with ServerClient(proxy.url, token) as client:
            summary = pull(store, client, page_size=100, commit_every=250)
    assert summary.cards == 1200 - kept  # resumed after the last group, nothing twice
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(VIEW)).scalar_one() == 1200
    store.close()


def test_a_first_pull_killed_again_and_again_ends_with_every_card_once(
    sync_server: ServerProcess, tmp_path: Path
) -> None:
    from sqlalchemy import func, select

    from pos_app.services.integrity import check_store
    from pos_app.services.pairing import pair_terminal
    from pos_app.store.cards import LOCAL, REPLICA, VIEW
    from tests.server.conftest import pair_code

    shop = make_merchant(sync_server, card_count=3000)
    db = tmp_path / "t.db"
    pair_terminal(db, sync_server.base_url, pair_code(sync_server, shop.stores[0]), "T").close()
    rng = random.Random(SEED)
    root = Path(__file__).resolve().parents[2]
    killed_midway = 0
    for _kill in range(8):
        worker = subprocess.Popen(
            [sys.executable, "-m", "tests.sync.pull_worker", str(db)],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.12))  # each run resumes, so each has less to do
        worker.send_signal(signal.SIGKILL)
        killed_midway += worker.wait(10) == -signal.SIGKILL
    assert killed_midway >= 3, f"seed {SEED}: the pulls ended before the kills"
    store = open_store(db, create=False)
    try:
        t = Terminal(store, shop, sync_server.base_url)
        t.sync()  # the pull finishes from wherever the kills left it
        with store.read() as conn:
            count = {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (("view", VIEW), ("replica", REPLICA), ("local", LOCAL))
            }
        assert count == {"view": 3000, "replica": 3000, "local": 0}
        assert check_store(store).ok
    finally:
        store.close()
