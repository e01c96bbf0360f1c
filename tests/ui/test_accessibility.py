"""A screen reader can use the counter: every control has a name it can say, the buttons are
reached with Tab and show where the keyboard is, and each outcome is announced."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPushButton,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.ui.camera_view import CameraView
from pos_app.ui.counter_screen import ACTIONS
from pos_app.ui.main_window import MainWindow
from pos_app.ui.style import FOCUS_RING, apply_style
from tests.ui.conftest import MANAGER, MANAGER_PIN

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QTabBar,
    QTextEdit,
    CameraView,
)


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says for the widget: its accessible interface's name."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None, widget
    return interface.text(QAccessible.Text.Name).strip()


def unnamed(top: QWidget) -> list[str]:
    return [
        f"{type(w).__name__}#{w.objectName()}"
        for w in [top, *top.findChildren(QWidget)]
        if isinstance(w, INTERACTIVE)
        and w.isVisibleTo(top)
        # A spin box's or combo box's own text field: the reader names the box itself.
        and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)
        and not spoken_name(w)
    ]


def modal(qtbot: QtBot, open_it: Callable[[], object]) -> QDialog:
    open_it()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QDialog)
    return dialog


def test_every_control_of_the_first_run_screen_has_a_name(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(tmp_path / "new" / "terminal.db", camera="")
    qtbot.addWidget(window)
    window.show()
    assert unnamed(window) == []


def test_every_control_of_sign_in_and_the_counter_has_a_name(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_window.counter
    assert counter is not None
    counter.handle_text(cards[0].card_number)
    qtbot.waitUntil(lambda: counter.view is not None and not counter.busy)
    counter.stamp()
    qtbot.waitUntil(counter.undo_button.isVisible)
    assert unnamed(counter_window) == []
    assert spoken_name(counter.number) == "Card number"
    assert spoken_name(counter.camera) == "Camera preview"
    assert spoken_name(counter.undo_button) == "Undo the last action"
    for name, label, _icon, key in ACTIONS:
        button = counter.buttons[name]
        assert spoken_name(button) == label  # not "Stamp\nF1"
        assert key in button.accessibleDescription()
    counter_window.lock()
    assert counter_window.sign_in is not None
    assert unnamed(counter_window.sign_in) == []
    assert spoken_name(counter_window.sign_in.form.pin) == "PIN"


def test_every_control_of_every_dialog_has_a_name(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_window.counter
    assert counter is not None
    counter.handle_text(cards[1].card_number)  # points: the keypad and the catalogue
    qtbot.waitUntil(lambda: counter.view is not None and not counter.busy)
    found: dict[str, list[str]] = {}
    for title, open_it in (("earn", counter.earn), ("catalogue", counter.catalogue)):
        dialog = modal(qtbot, open_it)
        found[title] = unnamed(dialog)
        dialog.reject()
        qtbot.waitUntil(lambda: counter.dialog is None)
    enroll = modal(qtbot, counter.enroll)
    found["new customer"] = unnamed(enroll)
    enroll.create_card()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: enroll.done_ is not None)  # type: ignore[attr-defined]
    found["new card"] = unnamed(enroll)
    enroll.accept()
    pin = modal(qtbot, counter_window.open_settings)
    found["manager PIN"] = unnamed(pin)
    pin.form.choose(MANAGER)  # type: ignore[attr-defined]
    pin.form.pin.setText(MANAGER_PIN)  # type: ignore[attr-defined]
    pin.form.submit()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: type(QApplication.activeModalWidget()).__name__ == "SettingsDialog")
    settings = QApplication.activeModalWidget()
    assert settings is not None
    for index in range(settings.tabs.count()):  # type: ignore[attr-defined]
        settings.tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
        found[f"settings {index}"] = unnamed(settings)
    settings.reject()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    pin = modal(qtbot, counter_window.end_of_day)
    pin.form.choose(MANAGER)  # type: ignore[attr-defined]
    pin.form.pin.setText(MANAGER_PIN)  # type: ignore[attr-defined]
    pin.form.submit()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: type(QApplication.activeModalWidget()).__name__ == "EndOfDayDialog")
    report = QApplication.activeModalWidget()
    assert report is not None
    qtbot.waitUntil(lambda: report.close_ is not None)  # type: ignore[attr-defined]
    found["end of day"] = unnamed(report)
    assert found == {name: [] for name in found}


def grab(widget: QWidget) -> QImage:
    QApplication.processEvents()
    return widget.grab().toImage()


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[None]:
    """The terminal's own look (app.py applies it; the other tests run without it)."""
    font = qapp.font()
    apply_style(qapp)
    yield
    qapp.setStyleSheet("")
    qapp.setFont(font)


def test_tab_reaches_the_action_buttons_and_a_ring_shows_which_has_the_focus(
    qtbot: QtBot, styled: None, counter_window: MainWindow
) -> None:
    counter = counter_window.counter
    assert counter is not None
    button = counter.buttons["enroll"]  # enabled as soon as someone is signed in
    for _ in range(40):
        if button.hasFocus():
            break
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    assert button.hasFocus(), "Tab never reached New customer"
    with_focus = grab(button)
    QTest.keyClick(button, Qt.Key.Key_Tab)
    assert not button.hasFocus()
    without = grab(button)
    assert with_focus != without
    # The top edge, in the middle: the ring's colour with focus, the button's border without.
    ratio = with_focus.devicePixelRatio()
    x, y = int(button.width() * ratio / 2), int(ratio)
    assert near(with_focus.pixelColor(x, y), FOCUS_RING)
    assert not near(without.pixelColor(x, y), FOCUS_RING)


def near(colour: QColor, wanted: QColor) -> bool:
    """The same colour but for anti-aliasing."""
    channels = (QColor.red, QColor.green, QColor.blue)
    return all(abs(channel(colour) - channel(wanted)) <= 8 for channel in channels)


def test_focusable_buttons_leave_the_keyboard_with_the_card_number_after_sign_in(
    counter_window: MainWindow,
) -> None:
    counter = counter_window.counter
    assert counter is not None
    assert QApplication.focusWidget() is counter.number


def test_tab_reaches_lock_and_every_action_button(counter_window: MainWindow) -> None:
    counter = counter_window.counter
    assert counter is not None
    lock = next(
        b for b in counter.findChildren(QPushButton) if b.accessibleName() == "Lock the terminal"
    )
    for button in [*counter.buttons.values(), counter.undo_button, lock]:
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus, button.accessibleName()


@dataclass(frozen=True)
class Heard:
    kind: QAccessible.Event
    message: str
    assertive: bool
    source: object


@pytest.fixture
def announcements(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Heard]]:
    """Every accessibility event the window sends (as a screen reader would receive them)."""
    heard: list[Heard] = []
    send = QAccessible.updateAccessibility

    def listen(event: QAccessibleEvent) -> None:
        message = getattr(event, "message", lambda: "")()
        politeness = getattr(event, "politeness", lambda: None)()
        assertive = politeness == QAccessible.AnnouncementPoliteness.Assertive
        heard.append(Heard(event.type(), message, assertive, event.object()))
        send(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(listen))
    yield heard


def test_each_outcome_is_announced_and_a_refusal_interrupts(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card], announcements: list[Heard]
) -> None:
    counter = counter_window.counter
    assert counter is not None
    counter.handle_text(cards[0].card_number)
    qtbot.waitUntil(lambda: counter.view is not None and not counter.busy)
    counter.stamp()
    qtbot.waitUntil(lambda: not counter.busy and counter.banner.text().startswith("✓  Stamp"))
    counter.stamp()  # again, within the cooldown: refused
    qtbot.waitUntil(lambda: not counter.busy and "recently" in counter.banner.text())
    spoken = [h for h in announcements if h.kind == QAccessible.Event.Announcement]
    assert [h.source for h in spoken] == [counter.banner] * len(spoken)
    texts = [h.message for h in spoken]
    assert texts[-3] == f"✓  {cards[0].customer_name or 'Card'} found"
    assert texts[-2].startswith("✓  Stamp added")
    assert texts[-1] == counter.banner.text()
    assert not spoken[-2].assertive and spoken[-1].assertive
    assert "Saving…" not in texts
