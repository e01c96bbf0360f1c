"""Keys that belong to the window, not to the text field that happens to have the focus.

A line edit claims Ctrl+Z for undoing its own typing, before any shortcut sees it; at the
counter the card-number field always has the focus, so Ctrl+Z would never undo an action.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence


class WindowKeys(QObject):
    """Installed on a text field: these key sequences skip the field's own meaning and
    reach the window's shortcuts."""

    def __init__(self, sequences: Iterable[QKeySequence], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sequences = list(sequences)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        pressed = QKeySequence(event.keyCombination())
        if any(pressed.matches(s) == QKeySequence.SequenceMatch.ExactMatch for s in self.sequences):
            event.ignore()  # not the field's: the shortcut map takes it
            return True
        return False
