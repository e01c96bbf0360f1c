"""Staff: sign-in by PIN with a lockout, the name always visible, locking by hand and when idle."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from pos_app.ui.main_window import MainWindow
from pos_app.ui.sign_in import ManagerPinDialog
from tests.ui.conftest import sign_in

LEFT = Qt.MouseButton.LeftButton


def type_pin(qtbot: QtBot, window: MainWindow, name: str, pin: str) -> None:
    assert window.sign_in is not None
    form = window.sign_in.form
    form.choose(name)
    form.pin.setText(pin)
    QTest.mouseClick(form.go, LEFT)
    qtbot.waitUntil(lambda: not form.busy)


def test_the_terminal_starts_locked_and_a_wrong_pin_is_refused(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.screens.currentWidget() is window.sign_in
    type_pin(qtbot, window, "Alex", "0000")
    assert window.sign_in is not None
    assert window.sign_in.form.message.text() == "unknown staff member or wrong PIN"
    assert window.staff is None


def test_five_wrong_pins_lock_the_staff_member_out(qtbot: QtBot, window: MainWindow) -> None:
    for _ in range(5):
        type_pin(qtbot, window, "Alex", "0000")
    assert window.sign_in is not None
    assert "locked out for 5 minutes" in window.sign_in.form.message.text()
    type_pin(qtbot, window, "Alex", "1234")  # even the right PIN, until the lockout ends
    assert "locked out" in window.sign_in.form.message.text()
    assert window.staff is None


def test_the_signed_in_name_is_always_visible(qtbot: QtBot, window: MainWindow) -> None:
    sign_in(qtbot, window)
    assert window.counter is not None
    assert window.counter.staff_label.text() == "Alex · cashier"
    assert window.status_strip.staff.text() == "Signed in: Alex"


def test_ctrl_l_locks_and_the_next_person_signs_in(qtbot: QtBot, window: MainWindow) -> None:
    sign_in(qtbot, window)
    assert window.counter is not None
    QTest.keyClick(window.counter, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.staff is None
    assert window.screens.currentWidget() is window.sign_in
    assert window.status_strip.staff.text() == "Locked"
    sign_in(qtbot, window, "Sam", "9999")
    assert window.counter.staff is not None and window.counter.staff.id == "staff-sam"


def test_idle_lock_defaults_to_five_minutes_and_locks_when_it_fires(
    qtbot: QtBot, window: MainWindow
) -> None:
    sign_in(qtbot, window)
    assert window.idle.isActive() and window.idle.interval() == 5 * 60_000
    window.idle.start(30)  # the same timer, made short
    with qtbot.waitSignal(window.locked):
        pass
    assert window.screens.currentWidget() is window.sign_in
    assert window.sign_in is not None
    assert "without activity" in window.sign_in.form.message.text()


def test_end_of_day_asks_a_manager_even_when_a_cashier_is_signed_in(
    qtbot: QtBot, window: MainWindow
) -> None:
    sign_in(qtbot, window)
    assert window.counter is not None
    QTest.keyClick(window.counter, Qt.Key.Key_F8)
    dialog = window.dialog
    assert isinstance(dialog, ManagerPinDialog)
    assert [s.name for s in dialog.form.staff] == ["Sam"]  # cashiers are not offered
    dialog.form.pin.setText("1234")  # Alex's PIN is not a manager's
    QTest.mouseClick(dialog.form.go, LEFT)
    qtbot.waitUntil(lambda: not dialog.form.busy)
    assert dialog.manager is None and dialog.isVisible()
