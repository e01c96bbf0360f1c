"""Several `loyalty-server serve` processes on one PostgreSQL, behind one HAProxy address:
a process SIGKILLed mid-batch costs nothing (the terminal's retry reaches another one), and
what must be counted or done once across processes is, through the database."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from pos_app.domain.identifiers import new_card_number, new_qr_token
from pos_app.domain.program import Program, ProgramKind
from pos_app.services.pairing import pair_terminal
from pos_app.store import open_store
from sync.server import admin
from sync.server.db import make_engine, read, write
from sync.server.expiry import claimed
from sync.server.models import CARDS, TRANSACTIONS
from tests.failover.scenario import finish_workers, start_workers, wait_ready
from tests.haproxy import available, haproxy
from tests.pg import pg_admin_url, pg_database_url  # noqa: F401 - fixtures
from tests.server.conftest import ROOT, ServerProcess, make_merchant, pair_code, start_server
from tests.sync.harness import Terminal, assert_converged


@contextlib.contextmanager
def server_pair(db_url: str, where: Path) -> Iterator[list[ServerProcess]]:
    """Two `serve` processes, "a" and "b", on one PostgreSQL database."""
    if why := available():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"HAProxy is required in CI: {why}")
        pytest.skip(why)
    servers: list[ServerProcess] = []
    try:
        for name in ("a", "b"):  # one after the other: each upgrades the schema first
            extra = ("--instance", name, "--auth-failures-per-minute", "3")
            log = where / f"server-{name}.log"
            servers.append(start_server("postgres", db_url, log, extra=extra))
        yield servers
    finally:
        for server in servers:
            server.stop()


@pytest.fixture(scope="module")
def two_servers(
    pg_database_url: str,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[list[ServerProcess]]:
    """Shared by the tests that kill neither."""
    with server_pair(pg_database_url, tmp_path_factory.mktemp("two-servers")) as servers:
        yield servers


@pytest.fixture
def doomed_pair(
    pg_database_url: str,  # noqa: F811
    tmp_path: Path,
) -> Iterator[list[ServerProcess]]:
    """A pair of the test's own: it kills one."""
    with server_pair(pg_database_url, tmp_path) as servers:
        yield servers


def instance(url: str) -> str:
    return str(httpx.get(url + "/v1/health", timeout=5).json()["instance"])


def test_a_server_process_killed_mid_batch_behind_haproxy_loses_and_doubles_nothing(
    doomed_pair: list[ServerProcess], tmp_path: Path
) -> None:
    doomed, survivor = doomed_pair
    shop = make_merchant(survivor, card_count=8)
    with haproxy([s.base_url for s in doomed_pair]) as address:
        assert {instance(address) for _ in range(4)} == {"a", "b"}  # both take requests
        dbs = [tmp_path / f"t{i}.db" for i in range(3)]
        for i, db in enumerate(dbs):  # paired and first synced through the one address
            store = pair_terminal(db, address, pair_code(survivor, shop.stores[i % 2]), f"T{i}")
            Terminal(store, shop, address).sync()
            store.close()
        stop = tmp_path / "stop"
        workers = start_workers(shop, dbs, stop)
        try:
            wait_ready(workers)
            # Once the doomed process has answered a good many pushes: the terminals are
            # mid-run, and with three of them pushing it is hardly ever between requests.
            deadline = time.monotonic() + 60
            while doomed.log.read_text().count('"/v1/push"') < 30:
                assert time.monotonic() < deadline, "the doomed process is not given pushes"
                time.sleep(0.01)
            doomed.proc.send_signal(signal.SIGKILL)  # mid-batch, no goodbye
            doomed.proc.wait()
            time.sleep(2)  # the terminals work on meanwhile, now through "b" only
            assert {instance(address) for _ in range(4)} == {"b"}
            ended = finish_workers(workers, stop)
        finally:
            for proc in workers:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        assert [code for code, _ in ended] == [0, 0, 0], "entries were left unsent"
        assert sum(missed for _, missed in ended) > 0, "no push was cut by the kill"
        terminals = [Terminal(open_store(db, create=False), shop, address) for db in dbs]
        # Every entry reached "b" once; the journals verify and match the server's.
        assert_converged(survivor, shop, terminals)


def test_bad_codes_spread_over_two_server_processes_are_counted_together(
    two_servers: list[ServerProcess],
) -> None:
    tries = 0
    refused = set()
    for n in range(20):
        server = two_servers[n % 2]
        body = {"code": "000000", "terminal_id": str(uuid.uuid4()), "terminal_name": "guess"}
        answer = httpx.post(server.base_url + "/v1/pair", json=body, timeout=10)
        if answer.status_code == 429:
            refused.add(server.base_url)
            continue
        assert answer.status_code in (400, 401), answer.text
        tries += 1
    # The limit (3 a minute) plus one try at the other process, not 3 at each.
    assert tries <= 3 + 1
    assert refused == {s.base_url for s in two_servers}


def _due_cards(server: ServerProcess, count: int) -> tuple[str, list[str]]:
    """A merchant whose `count` points cards are due to expire; its id and the card ids."""
    shop = make_merchant(server, card_count=2)
    now = datetime.now(UTC)
    program = Program(
        id=f"lapse-{shop.id}",
        merchant_id=shop.id,
        name="Points that lapse",
        kind=ProgramKind.POINTS,
        points_expiry_days=30,
    )
    base = shop.card(shop.points)
    cards = [
        replace(
            base,
            id=str(uuid.uuid4()),
            card_number=new_card_number(),
            qr_token=new_qr_token(),
            program_id=program.id,
            points_balance=100,
            total_points_earned=100,
            last_points_at=now - timedelta(days=40),
        )
        for _ in range(count)
    ]
    with write(server.engine) as conn:
        admin.add_program(conn, program, now)
        admin.insert_cards(conn, cards, now)
    return shop.id, [c.id for c in cards]


def _expire_points(db_url: str, merchant_id: str) -> subprocess.Popen[str]:
    """`loyalty-server expire-points` in a process of its own, as on another machine."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync.server.cli",
            "expire-points",
            "--db",
            db_url,
            "--merchant",
            merchant_id,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _expired(out: str) -> int:
    return int(out.split("points expired on ")[1].split(maxsplit=1)[0])


def _expiries(server: ServerProcess, merchant_id: str) -> dict[str, int]:
    with read(server.engine) as conn:
        rows = conn.execute(
            select(TRANSACTIONS.c.card_id, func.count())
            .where(TRANSACTIONS.c.merchant_id == merchant_id)
            .where(TRANSACTIONS.c.kind == "expire_points")
            .group_by(TRANSACTIONS.c.card_id)
        ).all()
    return {str(card): int(n) for card, n in rows}


def test_a_merchant_s_expiry_claimed_by_one_process_is_skipped_by_another(
    two_servers: list[ServerProcess],
) -> None:
    server = two_servers[0]
    merchant_id, cards = _due_cards(server, 5)
    engine = make_engine(server.db_url, pool_size=1)
    try:
        with claimed(engine, merchant_id) as mine:  # as another server mid-run holds it
            assert mine
            other = _expire_points(server.db_url, merchant_id)
            out, err = other.communicate(timeout=60)
            assert other.returncode == 0, err
            assert _expired(out) == 0  # skipped, not waited for, not done twice
        again = _expire_points(server.db_url, merchant_id)
        out, err = again.communicate(timeout=60)
        assert again.returncode == 0, err
    finally:
        engine.dispose()
    assert _expired(out) == 5
    assert _expiries(server, merchant_id) == dict.fromkeys(cards, 1)


def test_points_expiry_run_by_two_processes_at_once_expires_each_card_once(
    two_servers: list[ServerProcess],
) -> None:
    server = two_servers[0]
    merchant_id, cards = _due_cards(server, 1200)  # more than one batch of entries
    runs = [_expire_points(server.db_url, merchant_id) for _ in range(2)]
    outs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outs]
    assert sum(_expired(out) for out, _ in outs) == 1200
    with read(server.engine) as conn:
        balances = set(
            conn.execute(select(CARDS.c.points_balance).where(CARDS.c.id.in_(cards))).scalars()
        )
    assert balances == {0}
    assert _expiries(server, merchant_id) == dict.fromkeys(cards, 1)
