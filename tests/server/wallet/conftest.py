"""Wallet tests: a throwaway PKI, and a SQLite server database with one merchant's cards."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pos_app.domain.card import Card
from pos_app.domain.demo import demo_cards
from pos_app.domain.program import Program, ProgramKind
from sync.server import admin
from sync.server.cli import main
from sync.server.db import make_engine, migrate, write
from tests.pg import create_database, drop_database, pg_admin_url  # noqa: F401
from tests.server.conftest import ServerProcess, start_server
from tests.server.wallet.pki import Pki, configure_args, make_pki
from tests.standins.process import StandIn, start_standin

PUBLIC = "https://loyalty.example.test"
# Push tokens the APNs stand-in answers badly first (then 200).
THROTTLED, FAILING, GONE = "a1" * 32, "b2" * 32, "c3" * 32
APNS_SCRIPT = {THROTTLED: [429, 429], FAILING: [500], GONE: [410]}


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@dataclass
class Shop:
    merchant_id: str
    store_id: str
    staff_id: str
    program: Program
    cards: list[Card]


def add_shop(db_url: str, name: str = "Harbour Coffee", card_count: int = 3) -> Shop:
    tag = uuid.uuid4().hex[:8]
    mid, store, staff = f"m-{tag}", f"s-{tag}", f"st-{tag}"
    program = Program(
        id=f"coffee-{tag}",
        merchant_id=mid,
        name="Coffee card",
        kind=ProgramKind.STAMPS,
        stamps_target=8,
        stamp_reward="Free coffee",
    )
    now = datetime.now(UTC)
    engine = make_engine(db_url, pool_size=1)
    with write(engine) as conn:
        admin.create_merchant(conn, mid, name, now)
        admin.add_store(conn, store, mid, "Harbour", now)
        admin.add_staff(conn, staff, mid, "Alex", "cashier", "1234", now)
        admin.add_program(conn, program, now)
        cards = demo_cards(card_count, [program], [store], seed=int(tag, 16) % 10**6)
        admin.insert_cards(conn, cards, now)
    engine.dispose()
    return Shop(mid, store, staff, program, cards)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    migrate(url)
    return url


@pytest.fixture(scope="session")
def apns(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StandIn]:
    where = tmp_path_factory.mktemp("apns")
    standin = start_standin("apns", where, "--script", json.dumps(APNS_SCRIPT))
    yield standin
    standin.stop()


@pytest.fixture(scope="session")
def google_api(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StandIn]:
    where = tmp_path_factory.mktemp("google")
    public = where / "service-account.pub.pem"
    public.write_bytes(pki.google_public_pem)
    standin = start_standin("google", where, "--public-key", str(public))
    yield standin
    standin.stop()


def configured_server(
    pki: Pki,
    where: Path,
    apns_url: str,
    google_url: str = "http://127.0.0.1:9",
    db_url: str | None = None,
) -> ServerProcess:
    """A served server (SQLite unless `db_url` says) with the wallet set up against these
    stand-ins."""
    url = db_url or f"sqlite:///{where / 'server.db'}"
    migrate(url)
    args = [*configure_args(pki, PUBLIC), "--apns-url", apns_url, "--db", url]
    args += ["--google-token-url", f"{google_url}/token"]
    args += ["--google-api-url", f"{google_url}/walletobjects/v1"]
    assert main(["wallet", "configure", *args]) == 0
    backend = "sqlite" if url.startswith("sqlite") else "postgres"
    return start_server(backend, url, where / "server.log")


@pytest.fixture(scope="session")
def wallet_server(
    pki: Pki, apns: StandIn, google_api: StandIn, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    """One server for the wallet tests; each test makes its own merchant (a tenant)."""
    where = tmp_path_factory.mktemp("wallet-server")
    server = configured_server(pki, where, apns.url, google_api.url)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_wallet_server(
    pki: Pki,
    apns: StandIn,
    google_api: StandIn,
    pg_admin_url: str,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ServerProcess]:
    """The same on PostgreSQL: the outbox's upserts and claims in its SQL. A database of
    its own: its wallet set-up and sender stay out of the shared test server's."""
    where = tmp_path_factory.mktemp("pg-wallet-server")
    url = create_database(pg_admin_url)
    try:
        server = configured_server(pki, where, apns.url, google_api.url, url)
        yield server
        server.stop()
    finally:
        drop_database(pg_admin_url, url)


@pytest.fixture(params=["sqlite", "postgres"])
def any_wallet_server(request: pytest.FixtureRequest) -> ServerProcess:
    """The SQLite wallet server, then the PostgreSQL one."""
    name = "wallet_server" if request.param == "sqlite" else "pg_wallet_server"
    server: ServerProcess = request.getfixturevalue(name)
    return server
