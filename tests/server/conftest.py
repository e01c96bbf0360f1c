"""A real server process on a loopback port, over a real SQLite file and a real PostgreSQL.

Tests that take `server` run once per backend. Each test makes its own merchant (unique
ids), so tests share a server without seeing each other's data, as tenants would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from pos_app.domain.card import Card
from pos_app.domain.demo import demo_cards
from pos_app.domain.program import Program, ProgramKind, Reward
from sync.protocol import PairResponse
from sync.server import admin
from sync.server.db import make_engine, migrate, write
from sync.server.entries import EntryChain
from sync.server.pairing import create_pair_code
from tests.pg import free_port, pg_admin_url, pg_database_url  # noqa: F401
from tests.server.client import Api

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class ServerProcess:
    """A `loyalty-server serve` child process and how to reach it."""

    backend: str
    db_url: str
    base_url: str
    proc: subprocess.Popen[bytes]
    log: Path
    engine: Engine = field(init=False)

    def __post_init__(self) -> None:
        self.engine = make_engine(self.db_url, pool_size=4)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.engine.dispose()


def start_server(
    backend: str, db_url: str, log: Path, *, workers: int = 1, extra: tuple[str, ...] = ()
) -> ServerProcess:
    migrate(db_url)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "sync.server.cli", "serve", "--db", db_url, "--port", str(port)]
    cmd += ["--workers", str(workers), *extra]
    with log.open("ab") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    server = ServerProcess(backend, db_url, f"http://127.0.0.1:{port}", proc, log)
    try:
        wait_healthy(server)
    except BaseException:
        server.stop()  # a server that never became healthy must not outlive the test run
        raise
    return server


def wait_healthy(server: ServerProcess, timeout_s: float = 90) -> None:
    # Generous: on a loaded machine, starting two workers (each importing the server) is slow.
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"server exited: {server.log.read_text()[-2000:]}")
        try:
            if httpx.get(server.base_url + "/v1/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server not healthy in {timeout_s}s: {server.log.read_text()[-2000:]}")


@pytest.fixture(scope="session")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    tmp = tmp_path_factory.mktemp("sqlite-server")
    server = start_server("sqlite", f"sqlite:///{tmp / 'server.db'}", tmp / "server.log")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_server(
    pg_database_url: str,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ServerProcess]:
    tmp = tmp_path_factory.mktemp("pg-server")
    server = start_server("postgres", pg_database_url, tmp / "server.log", workers=2)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def server(request: pytest.FixtureRequest) -> ServerProcess:
    """The running server, once on SQLite and once on PostgreSQL."""
    name = "sqlite_server" if request.param == "sqlite" else "pg_server"
    result: ServerProcess = request.getfixturevalue(name)
    return result


@dataclass
class Merchant:
    """A merchant made for one test: two stores, a stamps and a points program, cards."""

    id: str
    stores: list[str]
    stamps: Program
    points: Program
    cards: list[Card]
    staff_id: str

    def card(self, program: Program, index: int = 0) -> Card:
        return [c for c in self.cards if c.program_id == program.id][index]


def make_merchant(server: ServerProcess, card_count: int = 6) -> Merchant:
    tag = uuid.uuid4().hex[:10]
    mid = f"m-{tag}"
    now = datetime.now(UTC)
    stamps = Program(
        id=f"stamps-{tag}",
        merchant_id=mid,
        name="Coffee card",
        kind=ProgramKind.STAMPS,
        stamps_target=5,
        stamp_reward="Free coffee",
        cooldown_minutes=10,
        welcome_bonus_stamps=1,
    )
    points = Program(
        id=f"points-{tag}",
        merchant_id=mid,
        name="Bakery points",
        kind=ProgramKind.POINTS,
        points_per_unit=Decimal(1),
        rewards=(Reward("croissant", "Croissant", 50), Reward("cake", "Whole cake", 300)),
        welcome_bonus_points=20,
    )
    stores = [f"s1-{tag}", f"s2-{tag}"]
    with write(server.engine) as conn:
        admin.create_merchant(conn, mid, f"Merchant {tag}", now)
        for store in stores:
            admin.add_store(conn, store, mid, f"Store {store}", now)
        admin.add_staff(conn, f"staff-{tag}", mid, "Alex", "cashier", "1234", now)
        admin.add_program(conn, stamps, now)
        admin.add_program(conn, points, now)
        cards = demo_cards(card_count, [stamps, points], stores, seed=int(tag, 16) % 10**6)
        admin.insert_cards(conn, cards, now)
    return Merchant(mid, stores, stamps, points, cards, f"staff-{tag}")


@pytest.fixture
def merchant(server: ServerProcess) -> Merchant:
    return make_merchant(server)


def pair_code(server: ServerProcess, store_id: str, ttl: timedelta = timedelta(minutes=15)) -> str:
    with write(server.engine) as conn:
        return create_pair_code(conn, store_id, datetime.now(UTC), ttl)


def pair_terminal(server: ServerProcess, store_id: str, staff_id: str) -> tuple[Api, EntryChain]:
    """A freshly paired terminal: an API client with its token, and its empty journal."""
    terminal_id = uuid.uuid4()
    api = Api(server.base_url)
    response = api.pair(pair_code(server, store_id), terminal_id)
    assert response.status_code == 200, response.text
    paired = PairResponse.model_validate(response.json())
    api.token = paired.token
    return api, EntryChain(terminal_id, store_id, staff_id)


@pytest.fixture
def terminal(server: ServerProcess, merchant: Merchant) -> Iterator[tuple[Api, EntryChain]]:
    api, chain = pair_terminal(server, merchant.stores[0], merchant.staff_id)
    yield api, chain
    api.close()
