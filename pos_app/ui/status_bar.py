"""The strip at the bottom of every screen: is the terminal online, what waits to sync,
and anything the cashier or manager must know (offline limits, a wrong clock)."""

from __future__ import annotations

import contextlib
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from pos_app.services.clock import local_now
from pos_app.services.locale_format import clock_text, moment_text
from pos_app.ui.error_words import sync_trouble
from pos_app.ui.style import set_tone
from pos_app.ui.words import connectivity_words, counts, notice_words, phase_words
from sync.engine.connectivity import Connectivity, SyncStatus


class SyncBridge(QObject):
    """Carries SyncStatus from the sync loop's thread to the GUI thread."""

    status_changed = Signal(object)

    def publish(self, status: SyncStatus) -> None:
        with contextlib.suppress(RuntimeError):  # the window closed; the loop still reports
            self.status_changed.emit(status)


def describe(status: SyncStatus, now: datetime | None = None) -> str:
    """One line: what waits, when the last sync was, what is happening now."""
    parts = []
    if status.state is Connectivity.STANDALONE:
        # Nothing is waiting: a standalone terminal's journal is its only record.
        journal = counts().entries(status.pending)
        return QCoreApplication.translate(
            "status_bar", "not paired with a server · {journal} in this terminal's journal"
        ).format(journal=journal)
    if status.progress is not None:
        phase, done, total = status.progress
        said = phase_words(phase)
        parts.append(f"{said} {done}/{total}" if total else f"{said} {done}")
    parts.append(
        counts().waiting_to_sync(status.pending)
        if status.pending
        else QCoreApplication.translate("status_bar", "nothing waiting")
    )
    if status.last_sync_at is not None:
        parts.append(
            QCoreApplication.translate("status_bar", "last sync ")
            + _when(status.last_sync_at, now or local_now())
        )
    else:
        parts.append(QCoreApplication.translate("status_bar", "never synced"))
    if status.state in (Connectivity.OFFLINE, Connectivity.ERROR):
        offline = status.state is Connectivity.OFFLINE
        parts.insert(0, sync_trouble(status.detail, offline))
    elif status.state is Connectivity.REVOKED and status.detail:
        parts.insert(
            0,
            QCoreApplication.translate(
                "status_bar", "the server revoked this terminal: a manager must pair it again"
            ),
        )
    return " · ".join(parts)


def _when(at: datetime, now: datetime) -> str:
    local = at.astimezone(now.tzinfo)
    if local.date() == now.date():
        return clock_text(local)
    return moment_text(local)


class StatusStrip(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatusStrip")
        self.status: SyncStatus | None = None
        self.staff_name: str | None = None
        self.shown_staff = False  # before sign-in exists (first run) the staff part is empty
        self.pill = QLabel("…")
        self.pill.setObjectName("StatusPill")
        self.text = QLabel()
        self.text.setObjectName("StatusText")
        self.warnings = QLabel()
        self.warnings.setObjectName("StatusWarning")
        self.warnings.setWordWrap(True)
        self.staff = QLabel()
        self.staff.setObjectName("StatusText")
        self.clock = QLabel()
        self.clock.setObjectName("Clock")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 6)
        layout.setSpacing(16)
        layout.addWidget(self.pill)
        layout.addWidget(self.text)
        layout.addWidget(self.warnings, 1)
        layout.addWidget(self.staff, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.clock, 0, Qt.AlignmentFlag.AlignRight)
        # Every second: the clock never shows a minute behind the "last sync" beside it.
        self._tick = QTimer(self, interval=1_000)
        self._tick.timeout.connect(self._refresh_clock)
        self._tick.start()
        self.retranslate()

    def retranslate(self) -> None:
        """Its words, and the last status, the signed-in name and the clock said again in the
        window's language and locale: at the start and after a language change."""
        self.setAccessibleName(self.tr("Status"))
        self.pill.setAccessibleDescription(self.tr("Connection to the loyalty server"))
        self.text.setAccessibleDescription(self.tr("What waits to sync"))
        self.warnings.setAccessibleDescription(self.tr("Warnings"))
        self.staff.setAccessibleDescription(self.tr("Who is signed in"))
        self.clock.setAccessibleDescription(self.tr("Time"))
        if self.status is not None:
            self.show_status(self.status)
        if self.shown_staff:
            self.show_staff(self.staff_name)
        self._refresh_clock()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot(object)
    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        self.pill.setText(connectivity_words(status.state))
        set_tone(self.pill, "state", status.state.value)
        self.text.setText(describe(status))
        # The engineer's detail stays at hand, out of the cashier's way.
        self.text.setToolTip(status.detail or "")
        said = [notice_words(n) for n in status.notices] or list(status.warnings)
        self.warnings.setText("⚠ " + "  ⚠ ".join(said) if said else "")

    def show_staff(self, name: str | None) -> None:
        self.staff_name, self.shown_staff = name, True
        self.staff.setText(
            self.tr("Signed in: {name}").format(name=name) if name else self.tr("Locked")
        )

    def _refresh_clock(self) -> None:
        self.clock.setText(clock_text(local_now()))
        if self.status is not None:
            self.text.setText(describe(self.status))  # "last sync" stays current
