"""The screen shows the scan it last read: a refused code leaves no card behind to act on, a
code held in view is one presentation (one outcome, one automatic stamp), and a card shown
again later, or another card, is served at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.scanner.frame_scanner import ScanEvent
from pos_app.scanner.payload import parse_scan
from pos_app.services.journal_view import journal_lines
from pos_app.ui.counter_screen import CounterScreen
from pos_app.ui.demo_video import WIFI_CODE, write_demo_video
from pos_app.ui.main_window import MainWindow
from pos_app.ui.sounds import Sound
from pos_app.ui.terminal_settings import CounterSettings
from tests.ui.conftest import MakeWindow, sign_in
from tests.ui.keyboard import press

Key = Qt.Key


def counter_of(window: MainWindow) -> CounterScreen:
    assert window.counter is not None
    return window.counter


def camera_read(counter: CounterScreen, text: str, at: float) -> None:
    """What the camera thread hands the counter: a debounced read of a frame taken at `at`."""
    counter.handle_scan(ScanEvent(text, parse_scan(text, counter.rules), at, at + 0.01))


def stamps(counter: CounterScreen) -> int:
    return sum(1 for line in journal_lines(counter.store) if line.kind == "stamp")


def auto_stamp_counter(qtbot: QtBot, make_window: MakeWindow, camera: str = "") -> CounterScreen:
    window = make_window(camera=camera, settings=CounterSettings(camera="", auto_stamp=True))
    sign_in(qtbot, window)
    return counter_of(window)


def test_a_refused_code_clears_the_card_before_it_and_its_actions(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    counter.handle_text(cards[0].card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    assert counter.buttons["stamp"].isEnabled()
    camera_read(counter, WIFI_CODE, 100.0)
    assert counter.banner.text() == "✗  This is a Wi-Fi code, not a loyalty card"
    assert counter.view is None
    assert counter.card.placeholder.isVisible()
    assert not any(b.isEnabled() for n, b in counter.buttons.items() if n != "enroll")
    press(qtbot, Key.Key_F1)
    qtbot.wait(100)
    assert stamps(counter) == 0  # F1 stamps nobody, least of all the previous customer


def test_a_refused_code_also_takes_the_undo_of_the_previous_card_away(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    counter.handle_text(cards[0].card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    counter.stamp()
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Stamp added"))
    assert counter.undo_button.isVisibleTo(counter)
    counter.handle_text(WIFI_CODE)
    assert not counter.undo_button.isVisibleTo(counter)
    assert counter.last_done is None


def test_a_code_held_in_view_never_replaces_the_outcome_nor_stamps_twice(
    qtbot: QtBot, make_window: MakeWindow, cards: list[Card]
) -> None:
    counter = auto_stamp_counter(qtbot, make_window)
    card = cards[0]
    camera_read(counter, card.qr_token, 100.0)
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Stamp added"))
    outcome = counter.banner.text()
    played = list(counter.sounds.played)
    for at in (103.0, 106.0, 109.0, 112.0):  # re-read every 3 s while it is held
        camera_read(counter, card.qr_token, at)
        qtbot.wait(50)
    assert counter.banner.text() == outcome
    assert stamps(counter) == 1
    assert counter.sounds.played == played  # no refusal sound either


def test_a_refused_code_held_in_view_is_refused_once(
    qtbot: QtBot, counter_window: MainWindow
) -> None:
    counter = counter_of(counter_window)
    camera_read(counter, WIFI_CODE, 100.0)
    camera_read(counter, WIFI_CODE, 103.0)
    assert counter.sounds.played.count(Sound.REFUSAL) == 1


def test_another_card_is_served_at_once_and_the_first_again_when_it_comes_back_later(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    first, second = cards[0], cards[2]
    camera_read(counter, first.qr_token, 100.0)
    qtbot.waitUntil(lambda: counter.view is not None and counter.view.card.id == first.id)
    camera_read(counter, second.qr_token, 101.0)
    qtbot.waitUntil(lambda: counter.view is not None and counter.view.card.id == second.id)
    camera_read(counter, first.qr_token, 102.0)  # the first customer again, right away
    qtbot.waitUntil(lambda: counter.view is not None and counter.view.card.id == first.id)
    counter.stamp()
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Stamp added"))
    camera_read(counter, first.qr_token, 160.0)  # a minute later: the customer is back
    qtbot.waitUntil(lambda: counter.banner.text().endswith("found"))


def test_after_escape_the_same_card_shown_again_comes_back(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    camera_read(counter, cards[0].qr_token, 100.0)
    qtbot.waitUntil(lambda: counter.view is not None)
    press(qtbot, Key.Key_Escape)
    assert counter.view is None
    camera_read(counter, cards[0].qr_token, 101.0)
    qtbot.waitUntil(lambda: counter.view is not None)


def test_a_phone_held_to_the_real_camera_gets_one_automatic_stamp(
    qtbot: QtBot, make_window: MakeWindow, cards: list[Card], tmp_path: Path
) -> None:
    """Through the real capture, decoding and debouncing threads: held for 5 s."""
    video = write_demo_video(
        tmp_path / "held.mp4", [cards[0].qr_token], show_s=5.0, gap_s=20.0, lead_s=0.3
    )
    counter = auto_stamp_counter(qtbot, make_window, camera=str(video))
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Stamp added"), timeout=10_000)
    outcome = counter.banner.text()
    qtbot.wait(5_500)  # the rest of the hold, and then some
    assert counter.banner.text() == outcome
    assert stamps(counter) == 1
