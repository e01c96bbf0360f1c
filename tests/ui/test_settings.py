"""Settings live in the terminal database; the camera can be tried; pairing reports errors."""

from __future__ import annotations

import socket
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from pos_app.ui.main_window import MainWindow
from pos_app.ui.settings_dialog import CUSTOM, SettingsDialog
from pos_app.ui.sign_in import ManagerPinDialog
from pos_app.ui.terminal_settings import load_settings


def open_settings(qtbot: QtBot, window: MainWindow) -> SettingsDialog:
    assert window.counter is not None
    QTest.keyClick(window.counter, Qt.Key.Key_F10)
    pin = window.dialog
    assert isinstance(pin, ManagerPinDialog)  # a cashier is signed in: a manager must approve
    pin.form.pin.setText("9999")
    QTest.mouseClick(pin.form.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.dialog, SettingsDialog))
    dialog = window.dialog
    assert isinstance(dialog, SettingsDialog)
    return dialog


def test_a_cashiers_pin_does_not_open_the_settings(
    qtbot: QtBot, counter_window: MainWindow
) -> None:
    assert counter_window.counter is not None
    QTest.keyClick(counter_window.counter, Qt.Key.Key_F10)
    pin = counter_window.dialog
    assert isinstance(pin, ManagerPinDialog)
    pin.form.pin.setText("1234")  # Alex, a cashier
    QTest.mouseClick(pin.form.go, Qt.MouseButton.LeftButton)
    qtbot.wait(300)
    assert not isinstance(counter_window.dialog, SettingsDialog)


def test_settings_are_saved_in_the_terminal_database_and_applied(
    qtbot: QtBot, counter_window: MainWindow
) -> None:
    dialog = open_settings(qtbot, counter_window)
    dialog.auto_stamp.setChecked(True)
    dialog.sounds.setChecked(False)
    dialog.idle.setValue(2)
    dialog.save()
    assert counter_window.store is not None
    saved = load_settings(counter_window.store)
    assert (saved.auto_stamp, saved.sounds, saved.idle_lock_minutes) == (True, False, 2)
    assert counter_window.counter is not None
    assert counter_window.counter.settings.auto_stamp
    assert not counter_window.sounds.enabled
    assert counter_window.idle.interval() == 2 * 60_000


def test_the_camera_test_view_shows_the_chosen_video_and_what_it_reads(
    qtbot: QtBot, counter_window: MainWindow, demo_video: Path
) -> None:
    dialog = open_settings(qtbot, counter_window)
    dialog.camera.setCurrentIndex(dialog.camera.findData(CUSTOM))
    dialog.custom.setText(str(demo_video))
    dialog.start_test()
    qtbot.waitUntil(lambda: dialog.test_view.frames_shown > 3, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.test_result.text().startswith("Read"), timeout=10_000)
    dialog.reject()
    assert dialog.test_feed is None  # closing the dialog releases the camera


def test_pairing_with_a_server_that_is_not_there_says_so(
    qtbot: QtBot, counter_window: MainWindow
) -> None:
    with socket.socket() as s:  # a free port that nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dialog = open_settings(qtbot, counter_window)
    dialog.url.setText(f"http://127.0.0.1:{port}")
    dialog.code.setText("ABCD-1234")
    dialog.pair()
    qtbot.waitUntil(lambda: dialog.pair_message.text().startswith("Pairing failed"), timeout=15_000)
    assert dialog.pair_button.isEnabled()
