"""The look: one style sheet, SVG icons and the few colours code needs to paint by hand."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.resources import resource_path, resources_dir

RESOURCES = resources_dir()

SUCCESS = QColor("#1f8f4e")
REFUSAL = QColor("#c0392b")
WARNING = QColor("#d68910")
ACCENT = QColor("#5fa8ff")
STAMP_FILLED = QColor("#ffd166")
STAMP_EMPTY = QColor("#3a4660")
TEXT = QColor("#eef2f7")
MUTED = QColor("#8d99ad")


def resource(*parts: str) -> Path:
    return resource_path(*parts)


@cache
def icon(name: str) -> QIcon:
    """An icon from resources/icons; an empty icon (not a crash) if the file is missing."""
    path = resource("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")  # the same base on every platform; the sheet does the rest
    app.setFont(QFont("DejaVu Sans", 14))
    sheet = resource("style.qss")
    if sheet.exists():
        app.setStyleSheet(sheet.read_text(encoding="utf-8"))
    app.setWindowIcon(icon("app"))


def set_tone(widget: QWidget, prop: str, value: str) -> None:
    """Change a dynamic property the style sheet selects on, and make Qt re-apply it."""
    widget.setProperty(prop, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
