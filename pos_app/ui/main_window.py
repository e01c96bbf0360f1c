"""The terminal's window: first run, sign-in and counter screens over an always-visible
status strip; the camera, the sync loop and the workers they report through."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.store import Store
from pos_app.store.staff import StaffMember
from pos_app.ui.camera_feed import CameraFeed
from pos_app.ui.counter_screen import CounterScreen
from pos_app.ui.first_run import FirstRunScreen
from pos_app.ui.input_filter import InputFilter
from pos_app.ui.sign_in import ManagerPinDialog, SignInScreen
from pos_app.ui.sounds import Sounds
from pos_app.ui.status_bar import StatusStrip, SyncBridge
from pos_app.ui.style import fit_window, set_tone
from pos_app.ui.terminal_settings import CounterSettings, load_settings
from pos_app.ui.workers import Jobs
from sync.engine.clock import TrustedClock

if TYPE_CHECKING:
    from pos_app.services.sync import ServerLink
    from pos_app.services.sync_loop import SyncLoop

    LoopFactory = Callable[[Store, ServerLink | None], SyncLoop]

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    ready = Signal()  # the first interactive screen is on screen
    locked = Signal()
    sync_started = Signal()

    def __init__(
        self,
        db: Path,
        store: Store | None = None,
        *,
        camera: str | None = None,
        sync_loop_factory: LoopFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.camera_override = camera
        self._loop_factory = sync_loop_factory
        # One trusted clock for the counter's rules and the sync engine's server estimates.
        self.clock = TrustedClock()
        # The counter's writes go one at a time, in order; slow things (sign-in's PIN hash,
        # sync, pairing, reports) get their own pool so they never hold a scan up.
        self.counter_jobs = Jobs(1, self)
        self.background = Jobs(2, self)
        self.sounds = Sounds(parent=self)
        self.bridge = SyncBridge(self)
        self.camera = CameraFeed(self)
        self.store: Store | None = None
        self.loop: SyncLoop | None = None
        self.settings = CounterSettings()
        self.staff: StaffMember | None = None
        self.sign_in: SignInScreen | None = None
        self.counter: CounterScreen | None = None
        self.first_run: FirstRunScreen | None = None
        self.dialog: QDialog | None = None

        self.screens = QStackedWidget()
        self.status_strip = StatusStrip()
        self.bridge.status_changed.connect(self.status_strip.show_status)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.screens, 1)
        layout.addWidget(self.status_strip)
        self.setCentralWidget(central)
        fit_window(self)

        self.idle = QTimer(self, singleShot=True)
        self.idle.timeout.connect(
            lambda: self.lock(self.tr("Locked after a while without activity."))
        )
        self.input = InputFilter(self._wedge_active, parent=self)
        self.input.activity.connect(self._activity)
        self.input.scanner_read.connect(self._scanner_read)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.input)

        if store is None and not db.exists():
            self.first_run = FirstRunScreen(db, self.background)
            self.first_run.ready.connect(self.open_terminal)
            self.screens.addWidget(self.first_run)
            set_tone(self.status_strip.pill, "state", "standalone")
            self.status_strip.staff.clear()
        else:
            if store is None:
                from pos_app.store import open_store

                store = open_store(db, create=False)
            self.open_terminal(store)
        self.retranslate()

    def retranslate(self) -> None:
        """The window's own words in its language; each screen, the status strip and the
        counter say theirs in their own `retranslate` when Qt tells them the language changed."""
        self.setWindowTitle(self.tr("Loyalty terminal"))
        if self.first_run is not None and self.status_strip.status is None:
            self.status_strip.pill.setText(self.tr("NOT SET UP"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- the terminal ----------------------------------------------------------------------

    def open_terminal(self, store: Store) -> None:
        self.store = store
        self.settings = load_settings(store)
        self.sounds.enabled = self.settings.sounds
        self.sign_in = SignInScreen(store, self.background)
        self.sign_in.signed_in.connect(self.signed_in)
        self.counter = CounterScreen(
            store, self.counter_jobs, self.sounds, self.settings, clock=self.clock.now
        )
        self.counter.lock_requested.connect(self.lock)
        self.counter.end_of_day_requested.connect(self.end_of_day)
        self.counter.settings_requested.connect(self.open_settings)
        self.counter.card_life_requested.connect(self.card_life)
        self.counter.changed.connect(self._local_change)
        self.bridge.status_changed.connect(self.counter.show_sync_status)
        self.camera.frame_ready.connect(self.counter.camera.show_frame)
        self.camera.status_changed.connect(self.counter.camera.show_status)
        self.camera.unreadable_changed.connect(self.counter.camera.show_unreadable)
        self.camera.scanned.connect(self._camera_scanned)
        self.screens.addWidget(self.sign_in)
        self.screens.addWidget(self.counter)
        if self.first_run is not None:
            self.screens.removeWidget(self.first_run)
            self.first_run.deleteLater()
            self.first_run = None
        self.start_sync()
        self.start_camera()
        self.lock(initial=True)

    def start_sync(self) -> None:
        """A new sync loop for the current pairing, built on a worker: the HTTP client and
        the protocol models load there, after the first screen is up."""
        store, factory, clock = self.store, self._loop_factory, self.clock
        assert store is not None
        if self.loop is not None:
            self.loop.stop(timeout=1.0)
            self.loop = None

        def build() -> SyncLoop:
            from pos_app.services.sync import server_link
            from pos_app.services.sync_loop import SyncLoop

            link = server_link(store)
            return factory(store, link) if factory else SyncLoop(store, link, clock)

        self.background.submit(build, self._sync_ready)

    def _sync_ready(self, loop: SyncLoop) -> None:
        self.loop = loop
        loop.subscribe(self.bridge.publish)
        loop.start()
        self.sync_started.emit()

    def start_camera(self) -> None:
        self.camera.stop()
        setting = self.camera_override if self.camera_override is not None else self.settings.camera
        assert self.counter is not None
        from pos_app.ui.settings_dialog import resolve_camera

        try:
            source = resolve_camera(setting)
        except OSError as exc:
            from pos_app.ui.camera_words import demo_video_failure_words, failure_cause

            # The technical detail is the log's; the cashier reads what to do.
            log.warning("the demo video cannot be made", exc_info=True)
            cause = failure_cause(exc)
            self.counter.camera.show_status("unavailable", lambda: demo_video_failure_words(cause))
            return
        if source is None:
            self.counter.camera.show_status(
                "stopped",
                lambda: self.tr("No camera: scan with the handheld scanner or type the number"),
            )
            return
        self.camera.start(source, self.settings.decoder)

    # --- staff -----------------------------------------------------------------------------

    def signed_in(self, member: StaffMember) -> None:
        assert self.counter is not None
        self.staff = member
        self.counter.set_staff(member)
        self.status_strip.show_staff(member.name)
        self.screens.setCurrentWidget(self.counter)
        self.counter.take_keyboard()
        self._activity()

    def lock(self, message: str = "", initial: bool = False) -> None:
        assert self.sign_in is not None and self.counter is not None
        if self.dialog is not None:
            self.dialog.reject()  # a manager's screen is not left open for the next person
        self.staff = None
        self.counter.set_staff(None)
        self.status_strip.show_staff(None)
        self.sign_in.reset(message)
        self.screens.setCurrentWidget(self.sign_in)
        self.take_keyboard()
        self.idle.stop()
        if not initial:
            self.locked.emit()

    def _activity(self) -> None:
        if self.staff is not None and self.settings.idle_lock_minutes > 0:
            self.idle.start(self.settings.idle_lock_minutes * 60_000)

    # --- input -----------------------------------------------------------------------------

    def _wedge_active(self) -> bool:
        """Scanner bursts are taken on the counter only, when no dialog has the keyboard."""
        return (
            self.counter is not None
            and self.staff is not None
            and self.screens.currentWidget() is self.counter
            and QApplication.activeModalWidget() is None
        )

    def _scanner_read(self, text: str) -> None:
        if self.counter is not None and self.staff is not None:
            self._activity()
            self.counter.handle_text(text)

    def _camera_scanned(self, event: object) -> None:
        if self.counter is not None and self.staff is not None:
            self._activity()
            self.counter.handle_scan(event)

    def _local_change(self) -> None:
        loop = self.loop
        if loop is None:
            return
        loop.nudge()
        # A standalone loop never runs, so ask it for the new pending count ourselves.
        self.background.submit(loop.status, self.bridge.publish)

    # --- manager and settings --------------------------------------------------------------

    def end_of_day(self) -> None:
        if self._manager() is not None:
            self._open_end_of_day(self._manager())
            return
        self._ask_manager(self.tr("The end of day needs a manager's PIN."), self._open_end_of_day)

    def _open_end_of_day(self, manager: StaffMember | None) -> None:
        from pos_app.ui.end_of_day import EndOfDayDialog

        assert self.loop is not None and manager is not None
        dialog = EndOfDayDialog(self.loop, self.background, manager, self)
        self.bridge.status_changed.connect(dialog.show_sync_status)
        self._show_dialog(dialog)
        dialog.start()

    def open_settings(self) -> None:
        """Settings change how the whole terminal works (pairing among them): a manager's."""
        if self._manager() is not None:
            self._open_settings()
            return
        self._ask_manager(
            self.tr("Settings need a manager's PIN."), lambda _manager: self._open_settings()
        )

    def _open_settings(self) -> None:
        from pos_app.ui.settings_dialog import SettingsDialog

        assert self.store is not None
        dialog = SettingsDialog(self.store, self.background, self.settings, self)
        dialog.saved.connect(self.apply_settings)
        dialog.paired.connect(self.start_sync)
        self._show_dialog(dialog)

    def card_life(self) -> None:
        """The manager's actions on the card on screen: deactivate, replace, adjust."""
        if self._manager() is not None:
            self._open_card_life(self._manager())
            return
        self._ask_manager(self.tr("Changing a card needs a manager's PIN."), self._open_card_life)

    def _open_card_life(self, manager: StaffMember | None) -> None:
        from pos_app.ui.customer_dialogs import CardLifeDialog

        counter = self.counter
        if manager is None or counter is None or counter.view is None or self.store is None:
            return
        dialog = CardLifeDialog(self.store, self.background, manager, counter.view, self)

        def accepted() -> None:
            if dialog.done_ is not None and self.counter is not None:
                self.counter.show_card_life_outcome(dialog.done_)

        dialog.accepted.connect(accepted)
        self._show_dialog(dialog)

    def _manager(self) -> StaffMember | None:
        """The signed-in staff member when a manager: not asked for the PIN again."""
        return self.staff if self.staff is not None and self.staff.is_manager else None

    def _ask_manager(self, reason: str, then: Callable[[StaffMember | None], None]) -> None:
        assert self.store is not None
        pin = ManagerPinDialog(self.store, self.background, reason, self)
        pin.accepted.connect(lambda: then(pin.manager))
        self._show_dialog(pin)

    def _show_dialog(self, dialog: QDialog) -> None:
        """One manager's dialog at a time; forgotten (and deleted) once it is closed, and the
        keyboard goes back to the screen underneath."""
        self.dialog = dialog

        def finished() -> None:
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()
            # After the dialog's own hiding and whatever its accepted() opened next.
            QTimer.singleShot(0, self.take_keyboard)

        dialog.finished.connect(finished)
        dialog.open()

    def take_keyboard(self) -> None:
        """The current screen gets the keys again: with no window manager (a kiosk session)
        nobody else gives the window its focus back after a dialog."""
        if self.dialog is not None or QApplication.activeModalWidget() is not None:
            return
        current = self.screens.currentWidget()
        if current is self.counter and self.counter is not None:
            self.counter.take_keyboard()
        elif current is self.sign_in and self.sign_in is not None:
            self.activateWindow()
            self.sign_in.form.take_keyboard()

    def apply_settings(self, settings: CounterSettings) -> None:
        camera_changed = (settings.camera, settings.decoder) != (
            self.settings.camera,
            self.settings.decoder,
        )
        self.settings = settings
        assert self.counter is not None
        self.counter.apply_settings(settings)
        if camera_changed:
            self.camera_override = None
            self.start_camera()
        self._activity()

    # --- shutting down ---------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.input)
        self.idle.stop()
        self.camera.stop()
        if self.loop is not None:
            self.loop.stop(timeout=1.0)
        self.counter_jobs.wait(5_000)
        self.background.wait(5_000)

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)  # type: ignore[arg-type]
        # Ready once the event loop has painted the first screen, not merely when shown.
        QTimer.singleShot(0, self.ready.emit)
        # A kiosk session has no window manager to give the new window the keyboard.
        QTimer.singleShot(0, self.take_keyboard)
