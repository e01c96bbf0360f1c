"""Fault tests run against a real server process; these fixtures start and seed it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.pg import pg_admin_url, pg_database_url  # noqa: F401 - fixtures used below
from tests.server.conftest import Merchant, ServerProcess, make_merchant, start_server


@pytest.fixture(scope="session")
def sync_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    tmp = tmp_path_factory.mktemp("sync-server")
    server = start_server("sqlite", f"sqlite:///{tmp / 'server.db'}", tmp / "server.log")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def sync_pg_server(
    pg_database_url: str,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ServerProcess]:
    tmp = tmp_path_factory.mktemp("sync-pg-server")
    server = start_server("postgres", pg_database_url, tmp / "server.log", workers=2)
    yield server
    server.stop()


@pytest.fixture
def shop(sync_server: ServerProcess) -> Merchant:
    return make_merchant(sync_server, card_count=8)


@pytest.fixture(params=["sqlite", "postgres"])
def any_server(request: pytest.FixtureRequest) -> ServerProcess:
    """The SQLite server, then the PostgreSQL one: the test runs against each."""
    name = "sync_server" if request.param == "sqlite" else "sync_pg_server"
    server: ServerProcess = request.getfixturevalue(name)
    return server
