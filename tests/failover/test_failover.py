"""The server on a pg_auto_failover formation: its primary's machine is lost while terminals
push; the secondary takes over; nothing a terminal saw acknowledged is lost, nothing doubles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.failover.scenario import kill_primary_under_load
from tests.pgaf import AutoFailover
from tests.server.conftest import ServerProcess, make_merchant, start_server
from tests.sync.harness import assert_converged


@pytest.fixture(scope="module")
def failover_server(
    formation: AutoFailover, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    tmp = tmp_path_factory.mktemp("failover-server")
    server = start_server("postgres", formation.url(), tmp / "server.log")
    yield server
    server.stop()


def test_the_primary_killed_while_terminals_push_loses_and_doubles_nothing(
    formation: AutoFailover, failover_server: ServerProcess, tmp_path: Path
) -> None:
    shop = make_merchant(failover_server, card_count=8)
    run = kill_primary_under_load(formation, failover_server, shop, tmp_path)
    # While no primary was there the server said "later", and when, not "broken".
    assert run.first_status == 503 and run.retry_after is not None
    # The terminal took it as an outage: offline, working on, sending again later.
    assert run.states_meanwhile == {"offline"}
    assert run.worker_exits == [0, 0, 0], "a terminal was left with entries unsent"
    assert run.acknowledged_before > 0
    assert run.lost == 0 and run.doubled == 0
    assert formation.primary() is not run.killed
    # Every terminal's journal verifies and matches the new primary's, entry for entry.
    assert_converged(failover_server, shop, run.terminals)
    # The lost node comes back as the secondary of the new primary.
    formation.rejoin(run.killed)
    formation.wait_healthy()
    assert formation.primary() is not run.killed
