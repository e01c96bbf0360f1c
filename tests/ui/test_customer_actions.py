"""Through the window: return a purchase from the card's history, find a customer by name,
and a manager's card actions behind the manager's PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import EarnPoints
from pos_app.services.counter import Done, perform
from pos_app.services.lookup import find_card
from pos_app.ui.counter_screen import CounterScreen
from pos_app.ui.customer_dialogs import CardLifeDialog, FindCustomerDialog, ReturnDialog
from pos_app.ui.keypad import NumberDialog
from pos_app.ui.main_window import MainWindow
from pos_app.ui.sign_in import ManagerPinDialog
from tests.conftest import CASHIER
from tests.ui.conftest import MANAGER_PIN


def _show(qtbot: QtBot, counter: CounterScreen, card: Card) -> None:
    counter.handle_text(card.card_number)
    qtbot.waitUntil(lambda: counter.view is not None and counter.view.card.id == card.id)


def test_a_return_takes_back_the_points_of_the_purchase_picked(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_window.counter
    assert counter is not None
    bakery = cards[1]
    ref = CardRef.number(bakery.card_number)
    assert isinstance(perform(counter.store, ref, EarnPoints(4_000), CASHIER), Done)
    _show(qtbot, counter, bakery)
    before = counter.view.card.points_balance if counter.view else 0

    QTest.keyClick(counter, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: isinstance(counter.dialog, ReturnDialog))
    dialog = counter.dialog
    assert isinstance(dialog, ReturnDialog)
    assert "40.00" in dialog.list.item(0).text()
    QTest.keyClicks(dialog.amount, "10.00")
    QTest.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "points taken back" in counter.banner.text())
    view = find_card(counter.store, ref)
    assert view is not None and view.card.points_balance == before - 10


def test_a_customer_is_found_by_name_and_a_manager_deactivates_their_card(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_window.counter
    assert counter is not None
    wanted = cards[2]
    QTest.keyClick(counter, Qt.Key.Key_F7)
    finder = counter.dialog
    assert isinstance(finder, FindCustomerDialog)
    QTest.keyClicks(finder.query, wanted.customer_name)
    QTest.keyClick(finder.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: finder.results.count() > 0)
    assert "offline" in finder.note.text()  # a standalone terminal: its own customers
    hits = [finder.results.item(i) for i in range(finder.results.count())]
    (item,) = [i for i in hits if wanted.card_number[-4:] in i.text()]
    finder.results.itemClicked.emit(item)
    qtbot.waitUntil(lambda: counter.view is not None and counter.view.card.id == wanted.id)

    QTest.keyClick(counter, Qt.Key.Key_F9)  # a cashier is signed in: the manager's PIN
    pin = counter_window.dialog
    assert isinstance(pin, ManagerPinDialog)
    pin.form.pin.setText(MANAGER_PIN)
    QTest.mouseClick(pin.form.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(counter_window.dialog, CardLifeDialog))
    actions = counter_window.dialog
    assert isinstance(actions, CardLifeDialog)
    assert not actions.reactivate_button.isEnabled()
    QTest.keyClicks(actions.reason, "lost")
    QTest.mouseClick(actions.deactivate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Card deactivated"))
    assert counter.view is not None and not counter.view.card.is_active
    assert "no longer active" in counter.card.rewards.text()


def test_a_manager_merges_the_customer_s_other_card_into_the_one_on_screen(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_window.counter
    assert counter is not None
    keep, other = cards[1], cards[3]  # two bakery cards
    _show(qtbot, counter, keep)
    QTest.keyClick(counter, Qt.Key.Key_F9)
    pin = counter_window.dialog
    assert isinstance(pin, ManagerPinDialog)
    pin.form.pin.setText(MANAGER_PIN)
    QTest.mouseClick(pin.form.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(counter_window.dialog, CardLifeDialog))
    actions = counter_window.dialog
    assert isinstance(actions, CardLifeDialog)
    QTest.keyClicks(actions.other, other.card_number)
    QTest.mouseClick(actions.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Cards merged"))
    total = keep.points_balance + other.points_balance
    assert counter.view is not None and counter.view.card.points_balance == total
    gone = find_card(counter.store, CardRef.number(other.card_number))
    assert gone is not None and not gone.card.is_active


def test_an_earn_typed_with_its_receipt_reference_is_returned_by_it(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_window.counter
    assert counter is not None
    bakery = cards[1]
    _show(qtbot, counter, bakery)
    QTest.keyClick(counter, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: isinstance(counter.dialog, NumberDialog))
    earn = counter.dialog
    assert isinstance(earn, NumberDialog)
    QTest.keyClicks(earn.field, "30.00")
    QTest.keyClicks(earn.note_field, "no§such")
    earn.confirm()
    assert "receipt reference is up to 40" in earn.error.text()  # the dialog stays open
    earn.note_field.clear()
    QTest.keyClicks(earn.note_field, "till 2/4411")
    QTest.keyClick(earn.note_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "+30 points" in counter.banner.text())
    before = counter.view.card.points_balance if counter.view else 0

    QTest.keyClick(counter, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: isinstance(counter.dialog, ReturnDialog))
    dialog = counter.dialog
    assert isinstance(dialog, ReturnDialog)
    QTest.keyClicks(dialog.amount, "15.00")
    QTest.keyClicks(dialog.receipt_field, "TILL 2/4411")
    QTest.keyClick(dialog.receipt_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "points taken back" in counter.banner.text())
    view = find_card(counter.store, CardRef.number(bakery.card_number))
    assert view is not None and view.card.points_balance == before - 15
