"""The counter paired with a real server process: online, a stamp synced within moments."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from sync.engine.connectivity import Connectivity
from sync.server.db import read
from sync.server.models import TRANSACTIONS
from tests.server.conftest import ServerProcess
from tests.ui.conftest import paired_counter


def test_a_paired_counter_shows_online_and_syncs_a_stamp_at_once(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path
) -> None:
    shop, window = paired_counter(qtbot, server, tmp_path / "t.db")
    strip = window.status_strip
    qtbot.waitUntil(
        lambda: strip.pill.property("state") == Connectivity.ONLINE.value, timeout=15000
    )
    counter = window.counter
    assert counter is not None
    counter.handle_text(shop.card(shop.stamps).card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    QTest.keyClick(counter, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: counter.banner.property("tone") == "success")

    def synced() -> bool:
        with read(server.engine) as conn:
            count = conn.execute(
                select(func.count())
                .select_from(TRANSACTIONS)
                .where(TRANSACTIONS.c.merchant_id == shop.id)
            ).scalar_one()
        return count == 1

    qtbot.waitUntil(synced, timeout=15000)  # pushed within moments, no manager needed
    qtbot.waitUntil(lambda: "nothing waiting" in strip.text.text(), timeout=15000)
    window.shutdown()
