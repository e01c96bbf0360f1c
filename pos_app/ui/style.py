"""The look: one style sheet, SVG icons and the few colours code needs to paint by hand."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon
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
FOCUS_RING = QColor("#ffffff")

# Below this (the window, or the screen it is on) the compact sheet applies: smaller type and
# touch targets. The regular layout's minimum fits inside it, so a window shrunk by hand
# turns compact before anything is cut off (tests/ui/test_fits_screens.py checks both).
COMPACT_BELOW = QSize(1400, 800)


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


def available(widget: QWidget) -> QSize:
    """The room on the widget's screen, less panels and docks."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size()


def fit_to_screen(dialog: QWidget, width: int, height: int) -> None:
    """The dialog at its preferred size, or as big as its screen allows (leaving room for a
    window frame); its layout's minimum still applies."""
    room = available(dialog)
    dialog.resize(min(width, room.width() - 16), min(height, room.height() - 40))


@cache
def compact_sheet() -> str:
    sheet = resource("compact.qss")
    return sheet.read_text(encoding="utf-8") if sheet.exists() else ""


def is_compact(widget: QWidget) -> bool:
    """Whether the widget has the compact look: its own window's, or the window that
    opened its dialog."""
    found: QWidget | None = widget
    while found is not None:
        value = found.property("compact")
        if value is not None:
            return bool(value)
        found = found.parentWidget()
    return False


def set_compact(window: QWidget, compact: bool) -> None:
    """The compact sheet over the application's, for the window and its dialogs."""
    if window.property("compact") == compact:
        return
    window.setProperty("compact", compact)
    window.setStyleSheet(compact_sheet() if compact else "")


def needs_compact(window: QWidget) -> bool:
    """Compact when the window or the room on its screen is smaller than COMPACT_BELOW: a
    maximised window can only be as big as its screen, whatever its layout asks for."""
    sizes = [window.size()] if window.isVisible() else []
    screen = window.screen()
    if screen is not None:
        sizes.append(screen.availableGeometry().size())
    return any(
        s.width() < COMPACT_BELOW.width() or s.height() < COMPACT_BELOW.height() for s in sizes
    )


class _DensityFollower(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if isinstance(watched, QWidget) and event.type() in _DENSITY_EVENTS:
            set_compact(watched, needs_compact(watched))
        return False


_DENSITY_EVENTS = frozenset(
    {QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.ScreenChangeInternal}
)


def follow_density(window: QWidget) -> None:
    """Keep the window regular or compact as its size and its screen change."""
    follower = _DensityFollower(window)
    window.installEventFilter(follower)
    set_compact(window, needs_compact(window))


def fit_window(window: QWidget) -> None:
    """A laptop's worth of window, or all the room its screen has when it has less (no
    window manager may be there to maximise it); compact whenever it is small."""
    follow_density(window)
    fit_to_screen(window, 1366, 820)
