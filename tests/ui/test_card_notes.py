"""The card's note follows the server's answers: what waits for the server is counted, in
words, and the count goes when the server has confirmed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.ui.main_window import MainWindow
from tests.server.conftest import ServerProcess
from tests.ui.conftest import paired_counter
from tests.ui.keyboard import press


def test_the_unconfirmed_note_goes_when_the_server_confirms(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path
) -> None:
    shop, window = paired_counter(qtbot, server, tmp_path / "t.db")
    counter = window.counter
    assert counter is not None
    loop = window.loop
    assert loop is not None
    loop.stop()  # held back, so the note can be seen before the server answers
    counter.handle_text(shop.card(shop.stamps).card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    press(qtbot, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Stamp added"))
    assert counter.card.pending.text() == "1 change not yet confirmed by the server"
    banner = counter.banner.text()
    window.background.submit(loop.sync_now, lambda _synced: None)
    qtbot.waitUntil(lambda: counter.card.pending.text() == "", timeout=15_000)
    assert counter.banner.text() == banner  # the outcome stays; only the note changed
    window.shutdown()


def test_a_standalone_terminal_promises_no_server(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_window.counter
    assert counter is not None
    counter.handle_text(cards[0].card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    press(qtbot, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Stamp added"))
    assert counter.card.pending.text() == ""
