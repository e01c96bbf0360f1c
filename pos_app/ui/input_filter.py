"""Application-wide keyboard handling: the handheld scanner and the idle clock.

A scanner in keyboard mode types into whatever has focus; this filter sees every key
first, lets `KeyboardWedge` tell a scanner's burst from a person's typing, and turns a
burst into a scan wherever the focus is. Keys a person typed are handed back to the
focused widget unchanged (at most `max_key_gap` late). Any key or click also counts as
activity for the idle lock.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.scanner.wedge import KeyboardWedge, ScannerRead, TypedKeys, WedgeEvent

_ACTIVITY = frozenset(
    {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.Wheel}
)


class InputFilter(QObject):
    scanner_read = Signal(str)
    activity = Signal()

    def __init__(
        self,
        wedge_active: Callable[[], bool],
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.wedge = KeyboardWedge()
        self._active = wedge_active
        self._clock = clock
        self._replaying = False
        self._held_target: QObject | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._poll)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in _ACTIVITY:
            self.activity.emit()
        if kind != QEvent.Type.KeyPress or self._replaying or not isinstance(event, QKeyEvent):
            return False
        # Each key is taken at its first widget (the focused one); once taken it does not
        # travel on to the parents, so no key is fed twice.
        if not isinstance(watched, QWidget) or not self._active():
            return False
        char = _char(event)
        if char is None:
            self._flush()  # a shortcut or arrow key: typed keys before it go first
            return False
        self._held_target = watched
        self._handle(self.wedge.feed(char, self._clock()))
        deadline = self.wedge.deadline()
        if deadline is not None:
            self._timer.start(max(0, round((deadline - self._clock()) * 1000) + 1))
        return True

    def _poll(self) -> None:
        self._handle(self.wedge.poll(self._clock()))
        deadline = self.wedge.deadline()
        if deadline is not None:
            self._timer.start(max(1, round((deadline - self._clock()) * 1000) + 1))

    def _flush(self) -> None:
        self._handle(self.wedge.poll(float("inf")))

    def _handle(self, event: WedgeEvent | None) -> None:
        if isinstance(event, ScannerRead):
            self.scanner_read.emit(event.text)
        elif isinstance(event, TypedKeys):
            self._replay(event.keys)

    def _replay(self, keys: str) -> None:
        target = self._held_target or QApplication.focusWidget()
        if target is None:
            return
        self._replaying = True
        try:
            for ch in keys:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(target, _key_event(kind, ch))
        finally:
            self._replaying = False


def _char(event: QKeyEvent) -> str | None:
    """The character a key types, Enter as "\\r"; None for keys the wedge must not hold."""
    mods = event.modifiers() & ~(
        Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
    )
    if mods != Qt.KeyboardModifier.NoModifier:
        return None
    if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return "\r"
    text = event.text()
    if len(text) == 1 and text.isprintable():
        return text
    return None


def _key_event(kind: QEvent.Type, ch: str) -> QKeyEvent:
    if ch in "\r\n":
        return QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
    code = ord(ch.upper()) if ch.isascii() and ch.isalnum() else 0
    key = Qt.Key(code) if code else Qt.Key.Key_unknown
    return QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch)
