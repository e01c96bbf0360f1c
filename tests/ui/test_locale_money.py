"""A German counter of a shop that counts in Kuwaiti dinars: the currency comes from the
server with the program, the amount is typed the German way and shown with its 3 decimals."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from pos_app.services import locale_format
from pos_app.ui.keypad import NumberDialog
from pos_app.ui.main_window import MainWindow
from sync.server import admin
from sync.server.db import write
from tests.server.conftest import ServerProcess, make_merchant
from tests.sync.harness import new_terminal
from tests.ui.conftest import sign_in

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def german() -> Iterator[None]:
    locale_format.use_locale("de_DE")
    yield
    locale_format.use_locale(locale_format.DEFAULT_LOCALE)


def test_a_purchase_in_dinars_typed_the_german_way(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path, german: None
) -> None:
    shop = make_merchant(server, card_count=4)
    dinars = replace(shop.points, currency="KWD")
    with write(server.engine) as conn:
        admin.add_program(conn, dinars, datetime.now(UTC))
    terminal = new_terminal(server, shop, tmp_path / "t.db")
    window = MainWindow(terminal.store.path, terminal.store, camera="")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.loop is not None)
    sign_in(qtbot, window)
    counter = window.counter
    assert counter is not None
    card = shop.card(shop.points)
    counter.handle_text(card.card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    QTest.keyClick(counter, Qt.Key.Key_F3)
    dialog = counter.dialog
    assert isinstance(dialog, NumberDialog)
    assert dialog.keypad.buttons["."].text() == ","
    assert dialog.field.placeholderText() == "12,500"

    dialog.field.setText("12.50")  # the English way: on a German till, 1 250 dinars
    QTest.mouseClick(dialog.ok, LEFT)
    assert dialog.isVisible() and "12,500" in dialog.error.text()
    dialog.field.clear()
    for key in "12.5":
        QTest.mouseClick(dialog.keypad.buttons[key], LEFT)
    assert dialog.field.text() == "12,5"
    QTest.mouseClick(dialog.ok, LEFT)
    qtbot.waitUntil(lambda: "+12 points for 12,500\xa0KWD" in counter.banner.text())
    balance = card.points_balance + 12
    assert counter.card.points.text() == f"{balance:,}".replace(",", ".")
    window.shutdown()
