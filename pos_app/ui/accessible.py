"""What a screen reader says: names and descriptions of controls, and announcements of what
just happened (a scan's or an action's outcome), which a reader speaks without the focus
moving to it."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


def describe(widget: QWidget, name: str, description: str = "") -> None:
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)


def announce(widget: QWidget, text: str, urgent: bool = False) -> None:
    """Speak `text` on behalf of `widget`; an urgent one (a refusal, a warning) interrupts
    what the reader is saying, the others wait their turn."""
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if urgent
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
