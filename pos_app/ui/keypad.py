"""An on-screen number pad, and a dialog that asks for one number with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.locale_format import decimal_sign
from pos_app.ui.style import icon

T = TypeVar("T")
BACKSPACE = "⌫"


class Keypad(QWidget):
    """Digits, an optional decimal point, backspace; types into `target`."""

    submitted = Signal()

    def __init__(self, target: QLineEdit, decimal: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.target = target
        grid = QGridLayout(self)
        grid.setSpacing(8)
        grid.setContentsMargins(0, 0, 0, 0)
        keys = ["7", "8", "9", "4", "5", "6", "1", "2", "3", "." if decimal else "", "0", BACKSPACE]
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(keys):
            if not key:
                continue
            button = QPushButton(key)
            button.setObjectName("Key")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the keyboard
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(button, i // 3, i % 3)
            self.buttons[key] = button
        self.retranslate()

    def retranslate(self) -> None:
        """Its keys' names, and the decimal sign of the window's locale."""
        names = {BACKSPACE: self.tr("Backspace"), ".": self.tr("Decimal point")}
        for key, button in self.buttons.items():
            button.setAccessibleName(names.get(key, key))
        if "." in self.buttons:
            # The "." key types the locale's decimal sign ("," in German, French, Spanish).
            self.buttons["."].setText(decimal_sign())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def press(self, key: str) -> None:
        text = self.target.text()
        if key == BACKSPACE:
            self.target.setText(text[:-1])
        elif key == "." and decimal_sign() in text:
            return
        elif len(text) < self.target.maxLength():
            self.target.setText(text + (decimal_sign() if key == "." else key))


class NumberDialog(QDialog, Generic[T]):
    """Asks for one number; `parse` turns the text into a value or raises ValueError whose
    message is shown in place (the dialog stays open until the number makes sense)."""

    def __init__(
        self,
        title: str,
        prompt: str,
        parse: Callable[[str], T],
        *,
        decimal: bool = False,
        confirm: str = "",
        parent: QWidget | None = None,
        example: str = "",
        note: tuple[str, Callable[[str], str]] | None = None,
    ) -> None:
        """`note`: an optional second line of text (its prompt and parser), typed on the
        keyboard and skipped by Enter, like a purchase's receipt reference."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._parse = parse
        self.value: T | None = None
        self._note_parse = None if note is None else note[1]
        self.note_value = ""
        self.note_field = QLineEdit()
        self.note_field.setVisible(note is not None)
        if note is not None:
            self.note_field.setPlaceholderText(note[0])
            self.note_field.setAccessibleName(note[0])
            self.note_field.setMaxLength(40)

        heading = QLabel(title)
        heading.setObjectName("Title")
        caption = QLabel(prompt)
        caption.setObjectName("Subtitle")
        caption.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setObjectName("AmountDisplay")
        self.field.setMaxLength(12)
        self.field.setPlaceholderText(example or ("0.00" if decimal else "0"))
        self.field.setAccessibleName(prompt)
        self.error = QLabel()
        self.error.setObjectName("StatusWarning")
        self.error.setWordWrap(True)
        self.keypad = Keypad(self.field, decimal=decimal)

        self.ok = QPushButton(icon("ok"), confirm or self.tr("OK"))
        self.ok.setObjectName("Primary")
        self.ok.clicked.connect(self.confirm)
        cancel = QPushButton(self.tr("Cancel  (Esc)"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(caption)
        layout.addWidget(self.field)
        if note is not None:
            layout.addWidget(self.note_field)
        layout.addWidget(self.error)
        layout.addWidget(self.keypad)
        layout.addLayout(buttons)
        self.setMinimumWidth(440)
        self.field.setFocus()
        self.ok.setDefault(True)  # Enter confirms, wherever the focus is (set once inside)

    def confirm(self) -> None:
        try:
            self.value = self._parse(self.field.text())
            if self._note_parse is not None:
                self.note_value = self._note_parse(self.note_field.text())
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


def parse_points(text: str) -> int:
    stripped = text.strip()
    if not stripped.isdigit() or int(stripped) <= 0:
        raise ValueError(
            QCoreApplication.translate("keypad", "type a whole number of points, more than zero")
        )
    return int(stripped)
