"""The command line against a real server process (SQLite), for pairing, sync and status."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cli.test_cli import Terminal
from tests.server.conftest import Merchant, ServerProcess, make_merchant, pair_code, start_server


@pytest.fixture(scope="session")
def cli_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    tmp = tmp_path_factory.mktemp("cli-server")
    server = start_server("sqlite", f"sqlite:///{tmp / 'server.db'}", tmp / "server.log")
    yield server
    server.stop()


@pytest.fixture
def shop(cli_server: ServerProcess) -> Merchant:
    return make_merchant(cli_server, card_count=4)


@pytest.fixture
def paired(
    tmp_path_factory: pytest.TempPathFactory, cli_server: ServerProcess, shop: Merchant
) -> Terminal:
    """A terminal paired with the server from the command line, and synced once."""
    terminal = Terminal(tmp_path_factory.mktemp("paired") / "terminal.db")
    code = pair_code(cli_server, shop.stores[0])
    made = terminal.run("pair", cli_server.base_url, code)
    assert made.returncode == 0, made.stderr
    synced = terminal.run("sync")
    assert synced.returncode == 0, synced.stderr
    return terminal
