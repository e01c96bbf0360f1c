"""Enrolling a customer: program and name in, the new card's number and QR code out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from pos_app.domain.identifiers import CardRef, format_card_number
from pos_app.services.lookup import find_card
from pos_app.ui.enroll_dialog import EnrollDialog
from pos_app.ui.main_window import MainWindow


def test_a_new_customer_gets_a_card_with_a_qr_code_and_it_is_on_the_counter(
    qtbot: QtBot, counter_window: MainWindow
) -> None:
    counter = counter_window.counter
    assert counter is not None
    QTest.keyClick(counter, Qt.Key.Key_F6)
    dialog = counter.dialog
    assert isinstance(dialog, EnrollDialog)
    dialog.program.setCurrentIndex(dialog.program.findData("bakery"))
    QTest.keyClicks(dialog.name, "Robin Baker")
    QTest.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.done_ is not None)
    assert dialog.done_ is not None
    card = dialog.done_.card
    assert dialog.card_number.text() == format_card_number(card.card_number)
    pixmap = dialog.qr.pixmap()
    assert pixmap is not None and not pixmap.isNull()
    view = find_card(counter.store, CardRef.token(card.qr_token))
    assert view is not None and view.card.customer_name == "Robin Baker"
    assert view.card.points_balance == 20  # the bakery's welcome bonus
    assert counter.view is not None and counter.view.card.id == card.id


def _new_customer_dialog(counter_window: MainWindow) -> EnrollDialog:
    counter = counter_window.counter
    assert counter is not None
    QTest.mouseClick(counter.buttons["enroll"], Qt.MouseButton.LeftButton)
    dialog = counter.dialog
    assert isinstance(dialog, EnrollDialog)
    dialog.program.setCurrentIndex(dialog.program.findData("bakery"))
    return dialog


def test_a_customer_with_a_card_is_refused_a_second_one_and_shown_theirs(
    qtbot: QtBot, counter_window: MainWindow
) -> None:
    dialog = _new_customer_dialog(counter_window)
    QTest.keyClicks(dialog.name, "Ada Lovelace")
    QTest.keyClicks(dialog.phone, "call me")
    QTest.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "is not a phone number" in dialog.error.text()
    assert dialog.done_ is None and dialog.create_button.isEnabled()  # nothing was made

    dialog.phone.clear()
    QTest.keyClicks(dialog.phone, "+44 7700 900123")
    QTest.keyClicks(dialog.email, "ada@example.com")
    dialog.consent.setChecked(True)
    QTest.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.done_ is not None)
    assert dialog.done_ is not None
    first = dialog.done_.card
    QTest.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    counter = counter_window.counter
    assert counter is not None
    qtbot.waitUntil(lambda: counter.dialog is None and counter.buttons["enroll"].isEnabled())

    again = _new_customer_dialog(counter_window)
    QTest.keyClicks(again.phone, "0044 7700 900123")
    QTest.mouseClick(again.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already has card" in again.error.text())
    assert format_card_number(first.card_number) in again.error.text()
    assert again.done_ is None and again.create_button.isEnabled()
