"""The status strip is always there and says how the terminal stands; a first start leads
the user to pair or to try the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.ui.main_window import MainWindow
from pos_app.ui.sounds import Sound, Sounds
from sync.engine.connectivity import Connectivity
from tests.ui.conftest import sign_in


def test_an_unpaired_terminal_says_standalone_and_counts_what_waits(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    strip = counter_window.status_strip
    qtbot.waitUntil(lambda: strip.status is not None)
    assert strip.status is not None and strip.status.state is Connectivity.STANDALONE
    assert strip.pill.text() == "STANDALONE"
    assert strip.pill.property("state") == "standalone"
    assert "0 entries in this terminal's journal" in strip.text.text()
    counter = counter_window.counter
    assert counter is not None
    counter.handle_text(cards[0].card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    counter.stamp()
    qtbot.waitUntil(lambda: "1 entry in this terminal's journal" in strip.text.text())
    assert strip.isVisible()


def test_a_first_start_offers_the_demo_and_it_leads_to_sign_in(
    qtbot: QtBot, tmp_path: Path
) -> None:
    db = tmp_path / "new" / "terminal.db"
    window = MainWindow(db, camera="")
    qtbot.addWidget(window)
    window.show()
    assert window.first_run is not None
    QTest.mouseClick(window.first_run.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sign_in is not None, timeout=10_000)
    assert db.exists()
    assert window.screens.currentWidget() is window.sign_in
    sign_in(qtbot, window)
    window.shutdown()
    assert window.store is not None
    window.store.close()


def test_pairing_on_first_start_needs_an_address_and_a_code(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(tmp_path / "terminal.db", camera="")
    qtbot.addWidget(window)
    assert window.first_run is not None
    QTest.mouseClick(window.first_run.pair_button, Qt.MouseButton.LeftButton)
    assert window.first_run.message.text() == "Type the server address and the one-time code."
    window.shutdown()


def test_sounds_without_an_audio_device_fail_silently() -> None:
    sounds = Sounds(enabled=True)
    for sound in Sound:
        sounds.play(sound)
    assert sounds.played == list(Sound)
