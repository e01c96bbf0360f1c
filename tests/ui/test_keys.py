"""The keys the cashier guide lists work wherever the focus is, every dialog takes Enter and
Esc, and the counter has the keyboard again after each dialog, with or without a window
manager. Every key here goes to QApplication.focusWidget(), as a keyboard's does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.domain.identifiers import format_card_number
from pos_app.services.journal_view import journal_lines
from pos_app.ui.counter_screen import CounterScreen
from pos_app.ui.customer_dialogs import ReturnDialog
from pos_app.ui.end_of_day import EndOfDayDialog
from pos_app.ui.enroll_dialog import EnrollDialog
from pos_app.ui.keypad import NumberDialog
from pos_app.ui.main_window import MainWindow
from pos_app.ui.reward_dialog import RewardDialog
from pos_app.ui.settings_dialog import SettingsDialog
from pos_app.ui.sign_in import ManagerPinDialog
from tests.ui.conftest import MANAGER, MANAGER_PIN, sign_in
from tests.ui.keyboard import CTRL, focused, press, type_text

Key = Qt.Key


def counter_of(window: MainWindow) -> CounterScreen:
    assert window.counter is not None
    return window.counter


def wait_for_counter_focus(qtbot: QtBot, window: MainWindow) -> None:
    """The counter has the keyboard again: the window is active and the field has focus."""
    counter = counter_of(window)
    qtbot.waitUntil(
        lambda: (
            QApplication.activeWindow() is window and QApplication.focusWidget() is counter.number
        ),
        timeout=3_000,
    )


def show_card(qtbot: QtBot, window: MainWindow, card: Card) -> None:
    counter = counter_of(window)
    counter.handle_text(card.card_number)
    qtbot.waitUntil(lambda: counter.view is not None and counter.view.card.id == card.id)


def entries(window: MainWindow) -> list[str]:
    return [line.kind for line in journal_lines(counter_of(window).store)]


def test_the_card_number_field_has_the_keyboard_at_the_counter(
    qtbot: QtBot, counter_window: MainWindow
) -> None:
    wait_for_counter_focus(qtbot, counter_window)


def test_ctrl_z_undoes_the_last_action_while_the_card_number_field_has_the_focus(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    show_card(qtbot, counter_window, cards[0])
    wait_for_counter_focus(qtbot, counter_window)
    press(qtbot, Key.Key_F1)
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Stamp added"))
    assert focused() is counter.number
    press(qtbot, Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: counter.banner.text().startswith("↶  Undone"))
    assert entries(counter_window) == ["stamp", "reverse"]
    assert counter.card.stamps.filled == cards[0].stamp_count


def test_the_action_keys_work_with_the_focus_on_the_find_button(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    show_card(qtbot, counter_window, cards[0])
    counter.find_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is counter.find_button)
    press(qtbot, Key.Key_F1)
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Stamp added"))
    press(qtbot, Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: counter.banner.text().startswith("↶  Undone"))
    press(qtbot, Key.Key_L, CTRL)
    assert counter_window.staff is None


def test_f6_then_enter_creates_the_card_and_stays_on_it_until_done(
    qtbot: QtBot, counter_window: MainWindow
) -> None:
    counter = counter_of(counter_window)
    press(qtbot, Key.Key_F6)
    dialog = counter.dialog
    assert isinstance(dialog, EnrollDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.done_ is not None)
    assert dialog.isVisible(), "Enter must create the card, not close the dialog"
    assert dialog.pages.currentIndex() == 1
    assert dialog.done_ is not None
    card = dialog.done_.card
    assert dialog.card_number.text() == format_card_number(card.card_number)
    pixmap = dialog.qr.pixmap()
    assert pixmap is not None and not pixmap.isNull()
    assert entries(counter_window) == ["enroll"]  # one card, however Enter travelled
    press(qtbot, Key.Key_Return)  # Done
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert counter.view is not None and counter.view.card.id == card.id
    wait_for_counter_focus(qtbot, counter_window)


def test_a_new_customer_by_keyboard_with_a_name(qtbot: QtBot, counter_window: MainWindow) -> None:
    counter = counter_of(counter_window)
    press(qtbot, Key.Key_F6)
    dialog = counter.dialog
    assert isinstance(dialog, EnrollDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name)
    type_text(qtbot, "Robin Baker")
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.done_ is not None)
    assert dialog.isVisible()
    assert dialog.card_customer.text().startswith("Robin Baker")
    press(qtbot, Key.Key_Escape)  # closing the card page keeps the card
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert counter.view is not None and counter.view.card.customer_name == "Robin Baker"
    wait_for_counter_focus(qtbot, counter_window)


def test_escape_cancels_the_new_customer_dialog_and_creates_nothing(
    qtbot: QtBot, counter_window: MainWindow
) -> None:
    counter = counter_of(counter_window)
    press(qtbot, Key.Key_F6)
    dialog = counter.dialog
    assert isinstance(dialog, EnrollDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: counter.dialog is None)
    assert entries(counter_window) == []
    wait_for_counter_focus(qtbot, counter_window)
    press(qtbot, Key.Key_F6)  # and the key works again at once
    assert isinstance(counter.dialog, EnrollDialog)


def test_earn_points_by_keyboard_and_escape_on_the_void_dialog(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    card = cards[1]
    show_card(qtbot, counter_window, card)
    press(qtbot, Key.Key_F3)
    earn = counter.dialog
    assert isinstance(earn, NumberDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is earn.field)
    type_text(qtbot, "12.50")
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: "+12 points for €12.50" in counter.banner.text())
    wait_for_counter_focus(qtbot, counter_window)
    press(qtbot, Key.Key_F5)  # that purchase can come back: the return dialog
    qtbot.waitUntil(lambda: isinstance(counter.dialog, ReturnDialog))
    void = counter.dialog
    assert isinstance(void, ReturnDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is void)
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: counter.dialog is None)
    assert entries(counter_window) == ["earn_points"]
    wait_for_counter_focus(qtbot, counter_window)


def test_the_reward_catalogue_takes_enter_on_the_first_affordable_reward_and_escape(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    card = next(c for c in cards[1::2] if 50 <= c.points_balance < 300)
    show_card(qtbot, counter_window, card)
    press(qtbot, Key.Key_F4)
    dialog = counter.dialog
    assert isinstance(dialog, RewardDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: counter.dialog is None)
    assert entries(counter_window) == []
    wait_for_counter_focus(qtbot, counter_window)
    press(qtbot, Key.Key_F4)
    dialog = counter.dialog
    assert isinstance(dialog, RewardDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.buttons["croissant"])
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Reward given: Croissant"))
    wait_for_counter_focus(qtbot, counter_window)


def test_escape_cancels_the_manager_pin(qtbot: QtBot, counter_window: MainWindow) -> None:
    press(qtbot, Key.Key_F10)
    pin = counter_window.dialog
    assert isinstance(pin, ManagerPinDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is pin)
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: not pin.isVisible())
    wait_for_counter_focus(qtbot, counter_window)


def test_settings_save_with_enter_and_cancel_with_escape(qtbot: QtBot, window: MainWindow) -> None:
    sign_in(qtbot, window, MANAGER, MANAGER_PIN)
    press(qtbot, Key.Key_F10)
    first = window.dialog
    assert isinstance(first, SettingsDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: not first.isVisible())
    assert first.result() == QDialog.DialogCode.Rejected
    wait_for_counter_focus(qtbot, window)
    press(qtbot, Key.Key_F10)
    second = window.dialog
    assert isinstance(second, SettingsDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is second)
    with qtbot.waitSignal(second.saved):
        press(qtbot, Key.Key_Return)
    assert not second.isVisible()
    wait_for_counter_focus(qtbot, window)


def open_end_of_day_with_the_manager_pin(qtbot: QtBot, window: MainWindow) -> EndOfDayDialog:
    press(qtbot, Key.Key_F8)
    pin = window.dialog
    assert isinstance(pin, ManagerPinDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pin.form.pin)
    type_text(qtbot, MANAGER_PIN)
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.dialog, EndOfDayDialog), timeout=5_000)
    dialog = window.dialog
    assert isinstance(dialog, EndOfDayDialog)
    qtbot.waitUntil(lambda: dialog.close_ is not None, timeout=10_000)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_the_manager_pin_by_keyboard_then_escape_closes_the_end_of_day(
    qtbot: QtBot, counter_window: MainWindow
) -> None:
    dialog = open_end_of_day_with_the_manager_pin(qtbot, counter_window)
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_for_counter_focus(qtbot, counter_window)


@pytest.mark.parametrize("lock", ["ctrl+l", "lock button", "idle lock"])
def test_after_the_end_of_day_the_terminal_still_locks(
    qtbot: QtBot, counter_window: MainWindow, lock: str
) -> None:
    window = counter_window
    dialog = open_end_of_day_with_the_manager_pin(qtbot, window)
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.wait(20)  # the closed dialogs are deleted with the next events
    if lock == "ctrl+l":
        wait_for_counter_focus(qtbot, window)
        press(qtbot, Key.Key_L, CTRL)
    elif lock == "lock button":
        QTest.mouseClick(counter_of(window).lock_button, Qt.MouseButton.LeftButton)
    else:
        window.idle.timeout.emit()
    assert window.staff is None
    assert window.screens.currentWidget() is window.sign_in


def test_a_signed_in_manager_is_not_asked_for_the_pin_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    sign_in(qtbot, window, MANAGER, MANAGER_PIN)
    press(qtbot, Key.Key_F10)
    settings = window.dialog
    assert isinstance(settings, SettingsDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is settings)
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: window.dialog is None)
    wait_for_counter_focus(qtbot, window)
    press(qtbot, Key.Key_F8)
    assert isinstance(window.dialog, EndOfDayDialog)


def test_sign_in_by_keyboard_alone(qtbot: QtBot, window: MainWindow) -> None:
    assert window.sign_in is not None
    form = window.sign_in.form
    names = form.group.buttons()
    assert [b.text().split()[0] for b in names] == ["Alex", "Sam"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is names[0])
    press(qtbot, Key.Key_Down)
    assert focused() is names[1]
    press(qtbot, Key.Key_Return)
    assert focused() is form.pin
    type_text(qtbot, MANAGER_PIN)
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: window.staff is not None and window.staff.name == MANAGER)
    wait_for_counter_focus(qtbot, window)
    press(qtbot, Key.Key_L, CTRL)
    assert window.staff is None
    names = form.group.buttons()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is names[0])
    press(qtbot, Key.Key_Tab)  # the names are one group: Tab leaves it for the PIN
    assert focused() is form.pin
    press(qtbot, Key.Key_Backtab)
    assert focused() is names[0]
    press(qtbot, Key.Key_Down)
    assert focused() is names[1]
    press(qtbot, Key.Key_Space)  # Sam, by Space this time
    assert focused() is form.pin
    type_text(qtbot, "0000")
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: "wrong PIN" in form.message.text())
    assert focused() is form.pin  # the next try goes straight to the PIN


def test_enter_closes_the_end_of_day_report(qtbot: QtBot, counter_window: MainWindow) -> None:
    dialog = open_end_of_day_with_the_manager_pin(qtbot, counter_window)
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_for_counter_focus(qtbot, counter_window)


def test_the_arrows_move_between_the_rewards_a_card_can_take(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    card = next(c for c in cards[1::2] if c.points_balance >= 300)
    show_card(qtbot, counter_window, card)
    press(qtbot, Key.Key_F4)
    dialog = counter.dialog
    assert isinstance(dialog, RewardDialog)
    first, second = list(dialog.buttons.values())[:2]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    press(qtbot, Key.Key_Down)
    assert focused() is second
    press(qtbot, Key.Key_Up)
    assert focused() is first


def test_enter_on_the_server_tab_pairs_and_keeps_the_settings_open(
    qtbot: QtBot, window: MainWindow
) -> None:
    sign_in(qtbot, window, MANAGER, MANAGER_PIN)
    press(qtbot, Key.Key_F10)
    dialog = window.dialog
    assert isinstance(dialog, SettingsDialog)
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    dialog.code.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.code)
    press(qtbot, Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.pair_message.text() == "Type the server address and the pairing code."
