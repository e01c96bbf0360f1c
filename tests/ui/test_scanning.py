"""Scans reach the counter from the camera (a video file through the real capture and
decoding threads) and from a handheld scanner typing anywhere on the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.ui.main_window import MainWindow
from pos_app.ui.terminal_settings import CounterSettings
from tests.ui.conftest import MakeWindow, sign_in


def test_a_card_shown_to_the_camera_appears_and_a_wifi_code_is_refused(
    qtbot: QtBot, make_window: MakeWindow, demo_video: Path, cards: list[Card]
) -> None:
    window = make_window(camera=str(demo_video))
    sign_in(qtbot, window)
    counter = window.counter
    assert counter is not None
    qtbot.waitUntil(lambda: counter.camera.frames_shown > 3, timeout=10_000)
    # The video loops: on a busy machine sign-in can outlast the first card's showing,
    # and the first card comes round again.
    qtbot.waitUntil(
        lambda: counter.view is not None and counter.view.card.id == cards[0].id,
        timeout=15_000,
    )
    qtbot.waitUntil(
        lambda: counter.banner.text() == "✗  This is a Wi-Fi code, not a loyalty card",
        timeout=15_000,
    )


def test_auto_stamp_from_the_camera_needs_no_tap(
    qtbot: QtBot, make_window: MakeWindow, demo_video: Path, cards: list[Card]
) -> None:
    window = make_window(
        camera=str(demo_video), settings=CounterSettings(camera="", auto_stamp=True)
    )
    sign_in(qtbot, window)
    counter = window.counter
    assert counter is not None
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Stamp added"), timeout=10_000)
    assert counter.view is not None and counter.view.card.id == cards[0].id
    assert counter.card.stamps.filled == cards[0].stamp_count + 1


def test_a_locked_terminal_ignores_scans(
    qtbot: QtBot, make_window: MakeWindow, demo_video: Path
) -> None:
    window = make_window(camera=str(demo_video))
    counter = window.counter
    assert counter is not None
    qtbot.waitUntil(lambda: counter.camera.frames_shown > 25, timeout=10_000)
    assert counter.view is None


def test_a_handheld_scanner_burst_is_a_scan_wherever_the_focus_is(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_window.counter
    assert counter is not None
    # A scanner types the whole code in a few milliseconds and ends with Enter, into
    # whatever has the keyboard: here the card panel, which takes no typing at all.
    QTest.keyClicks(counter.card, cards[1].qr_token)
    QTest.keyClick(counter.card, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.view is not None and counter.view.card.id == cards[1].id)
    assert counter.number.text() == ""  # the burst never landed in the field


def test_a_person_typing_a_number_reaches_the_field_unchanged(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_window.counter
    assert counter is not None
    for ch in cards[0].card_number[:4]:
        QTest.keyClicks(counter.number, ch)
        qtbot.wait(60)  # a person's pace
    qtbot.waitUntil(lambda: counter.number.text() == cards[0].card_number[:4])
