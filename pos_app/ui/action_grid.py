"""The counter's action buttons: one row when the window is wide enough for every label,
otherwise rows of three (or two), so no label is ever cut and no button leaves the screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from pos_app.ui.style import set_tone

SPACING = 12


class ActionGrid(QWidget):
    def __init__(self, columns: tuple[int, ...] = (6, 3, 2), parent: QWidget | None = None):
        super().__init__(parent)
        self.choices = columns
        self.columns = 0
        self.buttons: list[QPushButton] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(SPACING)

    def add(self, button: QPushButton) -> None:
        # The grid gives the width: a long label never pushes the window wider.
        button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.buttons.append(button)
        self._arrange(self.choices[0], force=True)

    def widest(self) -> int:
        return max((b.sizeHint().width() for b in self.buttons), default=0)

    def width_for(self, columns: int) -> int:
        return columns * self.widest() + (columns - 1) * SPACING

    def columns_for(self, width: int) -> int:
        for columns in self.choices:
            if self.width_for(columns) <= width:
                return columns
        return self.choices[-1]

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.width_for(self.choices[-1]), self.grid.minimumSize().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.width_for(self.choices[0]), self.grid.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._arrange(self.columns_for(event.size().width()))

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            # A button's label or font changed (a new style sheet): its width with it.
            self._arrange(self.columns_for(self.width()))
        return handled

    def _arrange(self, columns: int, force: bool = False) -> None:
        if columns == self.columns and not force:
            return
        self.columns = columns
        for button in self.buttons:
            self.grid.removeWidget(button)
        for i, button in enumerate(self.buttons):
            self.grid.addWidget(button, i // columns, i % columns)
        for column in range(max(self.choices)):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for button in self.buttons:
            set_tone(button, "stacked", "true" if columns < self.choices[0] else "false")
        self.updateGeometry()
