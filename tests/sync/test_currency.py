"""The merchant's currency travels with the program's rules: a terminal counts a purchase in
the same minor units as the server (Kuwaiti dinars have thousandths, yen none)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from pos_app.domain.operations import EarnPoints
from pos_app.services.counter import Done
from pos_app.store.programs import all_programs
from sync.server import admin
from sync.server.db import write
from tests.server.conftest import Merchant, ServerProcess
from tests.sync.harness import assert_converged, new_terminal


def test_a_dinar_program_earns_per_whole_dinar_on_the_terminal_and_the_server(
    sync_server: ServerProcess, shop: Merchant, tmp_path: Path
) -> None:
    dinars = replace(shop.points, currency="KWD")
    with write(sync_server.engine) as conn:
        admin.add_program(conn, dinars, datetime.now(UTC))
    terminal = new_terminal(sync_server, shop, tmp_path / "t.db")
    with terminal.store.read() as conn:
        pulled = {p.id: p for p in all_programs(conn)}
    assert pulled[dinars.id].currency == "KWD"
    assert pulled[shop.stamps.id].currency == "EUR"

    done = terminal.operate(shop.card(shop.points), EarnPoints(12_999))  # 12.999 KWD
    assert isinstance(done, Done)
    assert done.effect.points_delta == 12  # not 129, as hundredths would have made it
    # The server counted the same: its cards are the replay of the entries under its rules.
    assert_converged(sync_server, replace(shop, points=dinars), [terminal])
