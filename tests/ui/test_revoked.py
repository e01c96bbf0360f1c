"""A counter whose terminal the server revoked shows REVOKED, not a bare sync error."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from pos_app.domain.operations import Stamp
from pos_app.ui.main_window import MainWindow
from sync.server import admin
from sync.server.db import write
from tests.server.conftest import ServerProcess, make_merchant
from tests.sync.harness import new_terminal


def test_the_status_bar_shows_a_revoked_terminal(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path
) -> None:
    shop = make_merchant(server, card_count=4)
    terminal = new_terminal(server, shop, tmp_path / "t.db")
    # A stamp waits to be pushed: the push is refused like any bad token, saying no more.
    terminal.operate(shop.card(shop.stamps), Stamp())
    with write(server.engine) as conn:
        admin.revoke_terminal(conn, terminal.store.identity().terminal_id, datetime.now(UTC))

    window = MainWindow(terminal.store.path, terminal.store, camera="")
    qtbot.addWidget(window)
    window.show()
    strip = window.status_strip
    qtbot.waitUntil(lambda: strip.pill.text() == "REVOKED", timeout=15000)
    assert "a manager must pair it again" in strip.text.text()
    assert strip.pill.property("state") == "revoked"  # red, as style.qss says
    window.shutdown()
