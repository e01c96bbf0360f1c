"""A return named by its receipt reference, at the counter, as the cashier types it.

The window tells apart what it could not find: a receipt the server answers it does not
know, and a server it could not reach (offline only this terminal's own purchases are
found). Against real server processes: one that answers, and one killed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import EarnPoints
from pos_app.services.counter import Done, perform
from pos_app.services.lookup import find_card
from pos_app.services.sync import server_link, sync_once
from pos_app.ui.counter_screen import CounterScreen
from pos_app.ui.customer_dialogs import ReturnDialog
from pos_app.ui.main_window import MainWindow
from sync.engine.client import ServerClient
from tests.server.conftest import ServerProcess, start_server
from tests.sync.harness import new_terminal, next_time
from tests.ui.conftest import paired_counter


def _focused(qtbot: QtBot) -> QWidget:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _return_by_receipt(qtbot: QtBot, counter: CounterScreen, receipt: str) -> str:
    """F5, the receipt typed into the field the dialog focuses, Enter: the banner then."""
    QTest.keyClick(_focused(qtbot), Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: isinstance(counter.dialog, ReturnDialog))
    dialog = counter.dialog
    assert isinstance(dialog, ReturnDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (dialog.amount, dialog.receipt_field))
    if dialog.purchases:  # the amount of the purchase listed first has the focus
        QTest.keyClick(_focused(qtbot), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.receipt_field)
    QTest.keyClicks(_focused(qtbot), receipt)
    QTest.keyClick(_focused(qtbot), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.dialog is None and "Saving" not in counter.banner.text())
    return counter.banner.text()


def _sync(window: MainWindow) -> None:
    here = window.counter
    assert here is not None
    link = server_link(here.store)
    assert link is not None
    with ServerClient(link.url, link.token) as client:
        sync_once(here.store, client)


def _show(qtbot: QtBot, window: MainWindow, card: Card) -> CounterScreen:
    counter = window.counter
    assert counter is not None
    counter.handle_text(card.card_number)
    qtbot.waitUntil(lambda: counter.view is not None and counter.view.card.id == card.id)
    return counter


def test_a_receipt_the_server_does_not_know_is_told_apart_from_another_counter_s(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path
) -> None:
    shop, window = paired_counter(qtbot, server, tmp_path / "here.db")
    card = shop.card(shop.points)
    other = new_terminal(server, shop, tmp_path / "there.db", store_index=0)
    assert isinstance(other.operate(card, EarnPoints(6_000, "TILL 9/17")), Done)
    other.sync()
    _sync(window)  # the earn's points reach this counter
    counter = _show(qtbot, window, card)
    before = counter.view.card.points_balance if counter.view else 0

    said = _return_by_receipt(qtbot, counter, "TILL 9/18")
    assert said == "✗  No purchase of this card has receipt TILL 9/18, here or on the server."
    said = _return_by_receipt(qtbot, counter, "till 9/17")  # the other counter's purchase
    assert "points taken back" in said
    view = find_card(counter.store, CardRef.number(card.card_number))
    assert view is not None and view.card.points_balance == before - 60


def test_offline_the_window_says_the_server_was_not_reached_and_finds_its_own_purchases(
    qtbot: QtBot, tmp_path: Path
) -> None:
    down = start_server("sqlite", f"sqlite:///{tmp_path / 'down.db'}", tmp_path / "down.log")
    try:
        shop, window = paired_counter(qtbot, down, tmp_path / "here.db")
        card = shop.card(shop.points)
        # Another counter's purchase, whose points this counter pulls: the feed brings the
        # card, not that counter's entries, so offline its receipt is not found here.
        other = new_terminal(down, shop, tmp_path / "there.db")
        assert isinstance(other.operate(card, EarnPoints(6_000, "TILL 9/17")), Done)
        other.sync()
        _sync(window)
        counter = _show(qtbot, window, card)
        ref = CardRef.number(card.card_number)
        mine = perform(
            counter.store, ref, EarnPoints(3_000, "TILL 1/5"), shop.staff_id, next_time()
        )
        assert isinstance(mine, Done)
        down.proc.kill()  # the server dies: nothing answers on its port any more
        down.proc.wait()

        said = _return_by_receipt(qtbot, counter, "TILL 9/17")
        assert said == (
            "✗  Server not reached: only this terminal's own purchases are found by receipt. "
            "Try again, or pick from the list."
        )
        said = _return_by_receipt(qtbot, counter, "TILL 1/5")  # this terminal's own, offline
        assert "points taken back" in said
    finally:
        down.stop()
