"""Keys as a keyboard sends them: to whatever widget has the focus, never to the one that
should react. A test that fails here fails for a cashier too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

NO_MODIFIER = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus: the keys would go nowhere"
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    QTest.keyClick(focused(), key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    """Typed one key at a time, each to the widget that has the focus at that moment."""
    for ch in text:
        QTest.keyClicks(focused(), ch)
