"""The counter: scan (camera, handheld scanner or typed number) → the card → one tap.

Every database access runs on the counter's worker (one thread, so operations apply in the
order the cashier tapped them) and reports back by signal; the screen never waits.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.currency import DEFAULT_CURRENCY, minor_digits
from pos_app.domain.identifiers import CardRef, format_card_number
from pos_app.domain.money import AmountError
from pos_app.domain.operations import (
    CardOperation,
    EarnPoints,
    Enroll,
    RedeemPoints,
    RedeemStamps,
    Reverse,
    Stamp,
    VoidPoints,
    normal_receipt,
)
from pos_app.domain.refusal import Refused
from pos_app.scanner.debounce import REPEAT_AFTER_S
from pos_app.scanner.payload import Rejection, parse_scan
from pos_app.services.clock import local_now
from pos_app.services.counter import Done, perform, undo
from pos_app.services.locale_format import amount_example, parse_typed_amount
from pos_app.services.lookup import CardView, NotFound, find_card, find_or_fetch
from pos_app.services.returns import (
    Purchase,
    recent_purchases,
    return_by_receipt,
    return_purchase,
)
from pos_app.services.scan_rules import payload_rules
from pos_app.store import Store
from pos_app.store.staff import StaffMember
from pos_app.ui import outcome_text as tones
from pos_app.ui.accessible import announce, describe
from pos_app.ui.action_grid import ActionGrid
from pos_app.ui.camera_view import CameraView
from pos_app.ui.card_view import CardPanel
from pos_app.ui.elided_label import ElidedLabel
from pos_app.ui.error_words import amount_words, for_people
from pos_app.ui.keypad import NumberDialog, parse_points
from pos_app.ui.keys import WindowKeys
from pos_app.ui.outcome_text import Message, done_message, refusal_message
from pos_app.ui.reward_dialog import RewardDialog
from pos_app.ui.said import Said
from pos_app.ui.sounds import Sound, Sounds
from pos_app.ui.style import REFUSAL, SUCCESS, WARNING, icon, set_tone
from pos_app.ui.terminal_settings import CounterSettings
from pos_app.ui.words import not_found_words, rejection_words, role_words
from pos_app.ui.workers import Jobs
from sync.engine.connectivity import Connectivity, SyncStatus

if TYPE_CHECKING:
    from pos_app.ui.customer_dialogs import ReturnDialog

T = TypeVar("T")
UNDO_SECONDS = 8
# A camera read of the code that is on screen, within this long of its previous read, is
# the same presentation: three of the camera's re-reads of a held code (see Debouncer).
STILL_HELD_S = 3 * REPEAT_AFTER_S

# (name, label, icon, shortcut)
ACTIONS = (
    ("stamp", QT_TRANSLATE_NOOP("CounterScreen", "Stamp"), "stamp", "F1"),
    ("redeem", QT_TRANSLATE_NOOP("CounterScreen", "Redeem reward"), "gift", "F2"),
    ("earn", QT_TRANSLATE_NOOP("CounterScreen", "Earn points"), "earn", "F3"),
    ("catalogue", QT_TRANSLATE_NOOP("CounterScreen", "Points reward"), "catalogue", "F4"),
    ("void", QT_TRANSLATE_NOOP("CounterScreen", "Void / return"), "void", "F5"),
    ("enroll", QT_TRANSLATE_NOOP("CounterScreen", "New customer"), "enroll", "F6"),
)


class CounterScreen(QWidget):
    lock_requested = Signal()
    end_of_day_requested = Signal()
    settings_requested = Signal()
    card_life_requested = Signal()  # the manager's card actions, for the card on screen
    changed = Signal()  # a local entry was written: sync soon
    result_shown = Signal(str, str)  # tone, text: for tests and the activity log

    def __init__(  # noqa: PLR0915 - one screen's layout
        self,
        store: Store,
        jobs: Jobs,
        sounds: Sounds,
        settings: CounterSettings,
        clock: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.store, self.jobs, self.sounds, self.settings = store, jobs, sounds, settings
        # The trusted clock of the sync engine: cooldowns never follow a wall clock that jumped.
        self.clock = clock or local_now
        self.rules = payload_rules(store)
        self.staff: StaffMember | None = None
        self.view: CardView | None = None
        self.ref: CardRef | None = None  # what was scanned for the card on show
        self.dialog: QDialog | None = None
        self.busy = False
        # The camera read (text, frame time) that brought what is on screen, if it was one.
        self._camera_read: tuple[str, float] | None = None
        self._reads = 0  # scans acted on, so a slow lookup never overrides a newer scan
        self.standalone = False  # no server to confirm: the sync loop says which
        self._sync_seen: tuple[int, datetime | None] | None = None

        self.camera = CameraView()
        self.number = QLineEdit()
        self.number.setMaxLength(64)
        self.number.returnPressed.connect(self._typed)
        self.find_button = QPushButton(icon("search"), "")
        self.find_button.clicked.connect(self._typed)
        self.customer_button = QPushButton(icon("search"), "")
        self.customer_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.customer_button.clicked.connect(self.find_customer)
        self.card_life_button = QPushButton()
        self.card_life_button.setObjectName("CardAction")
        self.card_life_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.card_life_button.clicked.connect(self._card_life)
        self.banner = QLabel()
        self.banner.setObjectName("Banner")
        self.banner.setWordWrap(True)
        self._said: Said[Message] = Said(
            lambda: Message(tones.NEUTRAL, self.tr("Ready: scan a card"))
        )
        # Undo stays offered for a few seconds after each action: a compensating entry.
        self.undo_button = QPushButton(icon("void"), "")
        self.undo_button.setObjectName("Undo")
        # Tab reaches the buttons; a tap leaves the keyboard where it was.
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.undo_button.clicked.connect(self.undo_last)
        self.undo_button.hide()
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.timeout.connect(self._forget_undo)
        self.last_done: Done | None = None
        self.card = CardPanel()

        self.buttons: dict[str, QPushButton] = {}
        self.action_grid = ActionGrid()
        for name, _source, icon_name, _key in ACTIONS:
            button = QPushButton(icon(icon_name), "")
            button.setObjectName("Action")
            button.setIconSize(button.iconSize() * 2)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(getattr(self, name))
            self.action_grid.add(button)
            self.buttons[name] = button
        keys: list[tuple[str, Callable[[], None]]] = [
            *((key, getattr(self, name)) for name, _label, _icon, key in ACTIONS),
            ("Ctrl+Z", self.undo_last),
            ("Esc", self.clear),
            ("Ctrl+L", self.lock_requested.emit),
            ("F8", self.end_of_day_requested.emit),
            ("F10", self.settings_requested.emit),
            ("F7", self.find_customer),
            ("F9", self._card_life),
        ]
        for key, slot in keys:
            QShortcut(QKeySequence(key), self, slot)
        # The field always has the focus: its own Ctrl+Z (undo typing) must not win.
        self.number.installEventFilter(WindowKeys((QKeySequence(key) for key, _slot in keys), self))

        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self.camera, 1)
        # The number on a row of its own: its placeholder ("Card number, e.g. 1234-5678-9012")
        # is cut off beside the buttons at 1366 px in every language, German and French most.
        left.addWidget(self.number)
        typed = QHBoxLayout()
        typed.addWidget(self.find_button, 1)
        typed.addWidget(self.customer_button, 1)
        left.addLayout(typed)
        right = QVBoxLayout()
        right.setSpacing(12)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.undo_button)
        right.addLayout(banner_row)
        right.addWidget(self.card, 1)
        self.card.customer_row.addWidget(self.card_life_button, 0, Qt.AlignmentFlag.AlignTop)
        middle = QHBoxLayout()
        middle.setSpacing(16)
        middle.addLayout(left, 4)
        middle.addLayout(right, 5)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header())
        body = QVBoxLayout()
        body.setContentsMargins(14, 12, 14, 12)
        body.setSpacing(12)
        body.addLayout(middle, 1)
        body.addWidget(self.action_grid)
        layout.addLayout(body, 1)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        """Every text of the counter, in the window's language: at the start and after a
        language change (numbers, money and dates follow the new locale with the card)."""
        self.number.setPlaceholderText(self.tr("Card number, e.g. 1234-5678-9012"))
        describe(
            self.number, self.tr("Card number"), self.tr("Type the card's number and press Enter")
        )
        self.find_button.setText(self.tr("Find"))
        describe(
            self.find_button,
            self.tr("Find the card"),
            self.tr("Looks up the number typed beside it"),
        )
        self.customer_button.setText(self.tr("Customer  F7"))
        describe(
            self.customer_button,
            self.tr("Find a customer"),
            self.tr("By phone, e-mail or name; F7"),
        )
        self.card_life_button.setText(self.tr("Card…  F9"))
        describe(
            self.card_life_button,
            self.tr("The card's life"),
            self.tr("Deactivate, replace or adjust the card on screen; F9; needs a manager's PIN"),
        )
        self.banner.setText(self._said().text)
        self.banner.setAccessibleDescription(self.tr("The outcome of the last scan or action"))
        self.undo_button.setText(self.tr("Undo  Ctrl+Z"))
        describe(self.undo_button, self.tr("Undo the last action"), self.tr("Shortcut Ctrl+Z"))
        for name, source, _icon, key in ACTIONS:
            label = self.tr(str(source))
            self.buttons[name].setText(f"{label}\n{key}")
            describe(self.buttons[name], label, self.tr("Shortcut {key}").format(key=key))
        self.eod_button.setText(self.tr("End of day  F8"))
        describe(
            self.eod_button, self.tr("End of day"), self.tr("Shortcut F8; needs a manager's PIN")
        )
        self.settings_button.setText(self.tr("Settings  F10"))
        describe(
            self.settings_button,
            self.tr("Settings"),
            self.tr("Shortcut F10; needs a manager's PIN"),
        )
        self.lock_button.setText(self.tr("Lock  Ctrl+L"))
        describe(self.lock_button, self.tr("Lock the terminal"), self.tr("Shortcut Ctrl+L"))
        self._show_staff_name()  # the card panel, a child, says its own texts again

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("Header")
        identity = self.store.identity()
        # The shop's name gives way first when the header is short of room.
        title = ElidedLabel(identity.name)
        title.setObjectName("Title")
        place = ElidedLabel(identity.store_id)
        place.setObjectName("Subtitle")
        self.staff_label = ElidedLabel()
        self.staff_label.setObjectName("StaffName")
        self.eod_button = eod = QPushButton(icon("report"), "")
        eod.setObjectName("Flat")
        eod.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        eod.clicked.connect(self.end_of_day_requested.emit)
        self.settings_button = settings = QPushButton(icon("settings"), "")
        settings.setObjectName("Flat")
        settings.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        settings.clicked.connect(self.settings_requested.emit)
        self.lock_button = QPushButton(icon("lock"), "")
        self.lock_button.setObjectName("Flat")
        self.lock_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.lock_button.clicked.connect(self.lock_requested.emit)
        row = QHBoxLayout(header)
        row.setContentsMargins(16, 6, 16, 6)
        row.setSpacing(14)
        row.addWidget(title)
        row.addWidget(place)
        row.addStretch()
        row.addWidget(self.staff_label)
        row.addWidget(eod)
        row.addWidget(settings)
        row.addWidget(self.lock_button)
        return header

    # --- who and how -----------------------------------------------------------------------

    def set_staff(self, staff: StaffMember | None) -> None:
        self.staff = staff
        self._show_staff_name()
        if staff is None:
            self.clear()
        self._update_buttons()  # New customer needs no card: offered from sign-in on

    def _show_staff_name(self) -> None:
        staff = self.staff
        self.staff_label.setText(f"{staff.name} · {role_words(staff.role)}" if staff else "")

    def apply_settings(self, settings: CounterSettings) -> None:
        self.settings = settings
        self.sounds.enabled = settings.sounds

    # --- input: camera, scanner, typed -----------------------------------------------------

    def handle_scan(self, event: object) -> None:
        """A ScanEvent from the camera: its text, read under this terminal's link rules.

        The camera reads a code held in view again every few seconds, and loses it for a
        moment while the phone moves: that is still the same presentation, and what it
        brought on screen (the card, its outcome, an automatic stamp) stands.
        """
        text = getattr(event, "text", None)
        at = getattr(event, "frame_captured_at", None)
        if not isinstance(text, str) or not isinstance(at, float):
            return
        shown = self._camera_read
        if shown is not None and shown[0] == text and at - shown[1] < STILL_HELD_S:
            self._camera_read = (text, at)  # still in view: the window moves on with it
            return
        self._scanned(parse_scan(text, self.rules), (text, at))

    def handle_text(self, text: str) -> None:
        """A handheld scanner's read or a typed entry: the same rules as a camera scan."""
        self._scanned(parse_scan(text, self.rules), None)

    def _typed(self) -> None:
        text = self.number.text()
        self.number.clear()
        if text.strip():
            self.handle_text(text)

    def _scanned(self, outcome: CardRef | Rejection, camera_read: tuple[str, float] | None) -> None:
        if self.staff is None:
            return
        if self.dialog is not None:
            return  # the cashier is mid-step for this customer: finish or cancel it first
        self._camera_read = camera_read
        self._reads += 1
        if isinstance(outcome, Rejection):
            # Nothing of the previous customer stays to be stamped by mistake.
            self._show_no_card()
            self._show(lambda: Message(tones.REFUSAL, "✗  " + rejection_words(outcome)))
            return
        self._lookup(outcome)

    def _show_no_card(self) -> None:
        self.view = None
        self.ref = None
        self.card.show_card(None)
        self._forget_undo()
        self._update_buttons()

    def _lookup(self, ref: CardRef) -> None:
        staff_id = self.staff.id if self.staff else ""
        auto = self.settings.auto_stamp

        def job() -> tuple[CardView | NotFound, Done | Refused | None]:
            view = find_or_fetch(self.store, ref)
            # Never an automatic provisional stamp: the cashier sees the warning first.
            if isinstance(view, NotFound) or view.provisional or not auto:
                return view, None
            if not view.program.has_stamps:
                return view, None
            outcome = perform(self.store, ref, Stamp(), staff_id, self.clock())
            return find_card(self.store, ref) or view, outcome

        read = self._reads
        self._run(job, lambda result: self._looked_up(ref, read, *result))

    def _looked_up(
        self, ref: CardRef, read: int, view: CardView | NotFound, outcome: Done | Refused | None
    ) -> None:
        if read != self._reads and outcome is None:
            return  # a later scan has the screen; an automatic stamp is still shown
        if isinstance(view, NotFound):
            self._show_no_card()
            self._show(lambda: Message(tones.REFUSAL, not_found_words(view)))
            return
        if self.view is None or self.view.card.id != view.card.id:
            self._forget_undo()  # the undo belongs to the card it was offered with
        self.ref = ref
        self._show_view(view)
        if view.provisional:
            self._show(
                lambda: Message(
                    tones.WARNING,
                    self.tr(
                        "⚠  Not on this terminal yet, and the server cannot be reached: Stamp "
                        "gives a provisional stamp the server will confirm"
                    ),
                )
            )
        elif outcome is None:
            customer = view.card.customer_name
            self._show(
                lambda: Message(
                    tones.SUCCESS,
                    self.tr("✓  {customer} found").format(customer=customer)
                    if customer
                    else self.tr("✓  Card found"),
                ),
                sound=Sound.SCAN,
            )
        else:
            self._show_outcome(Stamp(), outcome)

    # --- the server's answers -------------------------------------------------------------

    def show_sync_status(self, status: SyncStatus) -> None:
        """The sync loop's news: when the server has answered, the card on show is read
        again so its note and balance say what the server said."""
        self.standalone = status.state is Connectivity.STANDALONE
        seen = (status.pending, status.last_sync_at)
        if seen == self._sync_seen:
            return
        self._sync_seen = seen
        view = self.view
        if view is None:
            return
        ref = self.ref if view.provisional and self.ref else CardRef.number(view.card.card_number)

        def shown(fresh: CardView | None) -> None:
            still = self.view
            if fresh is None or self.busy or still is None or still.card.id != fresh.card.id:
                return  # the screen moved on, or an action will show the card itself
            self._show_view(fresh)

        self.jobs.submit(lambda: find_card(self.store, ref), shown)

    # --- actions ---------------------------------------------------------------------------

    def stamp(self) -> None:
        if self._can("stamp"):
            self.perform(Stamp())

    def redeem(self) -> None:
        if self._can("redeem"):
            self.perform(RedeemStamps())

    def earn(self) -> None:
        if not self._can("earn"):
            return
        currency = self.view.program.currency if self.view else DEFAULT_CURRENCY
        dialog = NumberDialog(
            self.tr("Earn points"),
            self.tr("Purchase amount ({currency})").format(currency=currency),
            lambda text: _typed_amount(text, currency),
            decimal=minor_digits(currency) > 0,
            confirm=self.tr("Add points"),
            parent=self,
            example=amount_example(currency),
            note=(self.tr("Receipt reference (optional)"), _typed_receipt),
        )
        self._open(dialog, lambda: self.perform(EarnPoints(_value(dialog), dialog.note_value)))

    def catalogue(self) -> None:
        if not self._can("catalogue") or self.view is None:
            return
        dialog = RewardDialog(self.view.card, self.view.program, parent=self)
        self._open(dialog, lambda: self.perform(RedeemPoints(dialog.chosen or "")))

    def void(self) -> None:
        if not self._can("void"):
            return
        view = self.view
        if view is None or view.provisional:
            self._void_points()
            return
        card_id = view.card.id
        self._run(lambda: recent_purchases(self.store, card_id), self._offer_return)

    def _offer_return(self, purchases: list[Purchase]) -> None:
        """A purchase of this card's history here, or named by its receipt reference (one
        made at another counter); or points by hand."""
        if self.view is None:
            self._void_points()
            return
        from pos_app.ui.customer_dialogs import ReturnDialog

        dialog = ReturnDialog(purchases, self.view.program.currency, parent=self)
        self._open(dialog, lambda: self._return(dialog))

    def _return(self, dialog: ReturnDialog) -> None:
        if self.view is None or self.staff is None:
            return
        if dialog.by_hand:
            self._void_points()
            return
        if dialog.chosen is None and not dialog.receipt:
            return
        ref = CardRef.number(self.view.card.card_number)
        card_id, staff_id = self.view.card.id, self.staff.id
        chosen, minor = dialog.chosen, dialog.amount_minor
        receipt, receipt_minor = dialog.receipt, dialog.receipt_minor

        def job() -> tuple[Done | Refused, CardView | None]:
            outcome: Done | Refused
            if chosen is not None:
                outcome = return_purchase(
                    self.store, ref, chosen.entry_id, minor, staff_id, self.clock()
                )
            else:
                outcome = return_by_receipt(
                    self.store, ref, card_id, receipt, receipt_minor, staff_id, self.clock()
                )
            return outcome, find_card(self.store, ref)

        def shown(result: tuple[Done | Refused, CardView | None]) -> None:
            outcome = result[0]
            op = outcome.entry.op if isinstance(outcome, Done) else None
            self._performed(op if isinstance(op, VoidPoints) else VoidPoints(minor), *result)

        self._show(lambda: Message(tones.BUSY, self.tr("Saving…")), sound=None)
        self._run(job, shown)

    def _void_points(self) -> None:
        dialog = NumberDialog(
            self.tr("Void / return"),
            self.tr("Points to take back for the returned purchase"),
            parse_points,
            confirm=self.tr("Take points back"),
            parent=self,
        )
        self._open(dialog, lambda: self.perform(VoidPoints(_value(dialog))))

    def find_customer(self) -> None:
        if self.staff is None or self.dialog is not None:
            return
        from pos_app.ui.customer_dialogs import FindCustomerDialog

        dialog = FindCustomerDialog(self.store, self.jobs, parent=self)
        self._open(dialog, lambda: self.handle_text(dialog.chosen or ""))

    def _card_life(self) -> None:
        if self.view is None or self.view.provisional or self.dialog is not None:
            self._show(
                lambda: Message(
                    tones.NEUTRAL, self.tr("Scan the card first, then press Card… (F9)")
                )
            )
            return
        self.card_life_requested.emit()

    def show_card_life_outcome(self, op_done: Done) -> None:
        """Back from the manager's card actions: the card as it is now, and what was done."""
        self.changed.emit()
        ref = CardRef.number(op_done.card.card_number)
        op = op_done.entry.op

        def shown(view: CardView | None) -> None:
            if view is not None:
                self.ref = ref
                self._show_view(view)
            if not isinstance(op, Enroll):
                self._show(lambda: done_message(op, op_done))

        self._run(lambda: find_card(self.store, ref), shown)

    def enroll(self) -> None:
        if self.staff is None or self.busy:
            return
        from pos_app.ui.enroll_dialog import EnrollDialog

        dialog = EnrollDialog(self.store, self.jobs, self.staff.id, parent=self)
        dialog.enrolled.connect(self._enrolled)
        self._open(dialog, lambda: None)

    def clear(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()
        self.view = None
        self.ref = None  # nothing of the previous customer stays behind
        self._camera_read = None  # the same card shown again after Esc comes back
        self.card.show_card(None)
        self.number.clear()
        self._forget_undo()
        self._show(lambda: Message(tones.NEUTRAL, self.tr("Ready: scan a card")), sound=None)
        self._update_buttons()

    def perform(self, op: CardOperation) -> None:
        if self.view is None or self.staff is None:
            return
        provisional = self.view.provisional
        # A provisional card may have no number yet: it is known by what was scanned.
        ref = self.ref if provisional and self.ref else CardRef.number(self.view.card.card_number)
        staff_id = self.staff.id

        def job() -> tuple[Done | Refused, CardView | None]:
            outcome = perform(self.store, ref, op, staff_id, self.clock(), provisional=provisional)
            return outcome, find_card(self.store, ref)

        self._show(lambda: Message(tones.BUSY, self.tr("Saving…")), sound=None)
        self._run(job, lambda result: self._performed(op, *result))

    def _performed(self, op: CardOperation, outcome: Done | Refused, view: CardView | None) -> None:
        if view is not None:
            self._show_view(view)
        self._show_outcome(op, outcome)

    def _enrolled(self, done: Done) -> None:
        self.changed.emit()
        self._show_view(CardView(done.card, done.program, 1))
        self._show(
            lambda: Message(
                tones.SUCCESS,
                self.tr("✓  Card {format_card_number} created").format(
                    format_card_number=format_card_number(done.card.card_number)
                ),
            )
        )

    # --- plumbing --------------------------------------------------------------------------

    def _can(self, action: str) -> bool:
        return self.buttons[action].isEnabled() and self.dialog is None

    def _open(self, dialog: QDialog, on_accept: Callable[[], None]) -> None:
        self.dialog = dialog

        def finished(result: int) -> None:
            self.dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                on_accept()
            # Once the dialog's own hiding is done: a later focus change would undo ours.
            QTimer.singleShot(0, self.take_keyboard)

        dialog.finished.connect(finished)
        dialog.open()  # window-modal but not a nested event loop: scans keep coming

    def take_keyboard(self) -> None:
        """The keys come to the counter again. Without a window manager nobody gives the
        window its focus back when a dialog closes, and every key would go nowhere."""
        if self.dialog is not None or not self.isVisible():
            return
        if QApplication.activeModalWidget() is not None:
            return  # another dialog (the manager's) has the keyboard now
        self.window().activateWindow()
        self.number.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _run(self, job: Callable[[], T], on_done: Callable[[T], None]) -> None:
        self.busy = True
        self._update_buttons()

        def done(result: T) -> None:
            self.busy = False
            on_done(result)
            self._update_buttons()

        def failed(error: Exception) -> None:
            self.busy = False
            error = error.with_traceback(None)  # the words need the error, not its frames
            self._show(lambda: Message(tones.REFUSAL, "✗  " + for_people(error)))
            self._update_buttons()

        self.jobs.submit(job, done, failed)

    def _show_view(self, view: CardView) -> None:
        self.view = view
        self.card.show_card(view, self.standalone)
        self._update_buttons()

    def _show_outcome(self, op: CardOperation, outcome: Done | Refused) -> None:
        if isinstance(outcome, Refused):
            self._show(lambda: refusal_message(outcome))
        else:
            self.changed.emit()
            self._show(lambda: done_message(op, outcome))
            self._offer_undo(outcome)

    def _offer_undo(self, done: Done) -> None:
        if isinstance(done.entry.op, Reverse):
            self._forget_undo()
            return
        self.last_done = done
        self.undo_button.show()
        self.undo_timer.start(UNDO_SECONDS * 1000)

    def _forget_undo(self) -> None:
        self.last_done = None
        self.undo_button.hide()
        self.undo_timer.stop()

    def undo_last(self) -> None:
        """Take the last action back (within a few seconds of it, by the same staff member)."""
        done, staff = self.last_done, self.staff
        if done is None or staff is None or self.busy or self.dialog is not None:
            return
        self._forget_undo()
        ref = CardRef.number(done.card.card_number)

        def job() -> tuple[Done | Refused, CardView | None]:
            outcome = undo(self.store, done.entry.seq, staff.id, self.clock())
            return outcome, find_card(self.store, ref)

        self._show(lambda: Message(tones.BUSY, self.tr("Undoing…")), sound=None)
        self._run(job, lambda result: self._undone(*result))

    def _undone(self, outcome: Done | Refused, view: CardView | None) -> None:
        if view is not None:
            self._show_view(view)
        if isinstance(outcome, Refused):
            self._show(lambda: refusal_message(outcome))
            return
        self.changed.emit()
        self._show(
            lambda: Message(tones.WARNING, self.tr("↶  Undone: the last action was taken back"))
        )

    def _show(self, say: Callable[[], Message], sound: Sound | bool | None = True) -> None:
        """Show what `say` says; kept, to be said again in a new language (the banner is
        the counter's state, what the cashier acts on next, so it follows the language)."""
        self._said.say = say
        message = say()
        self.banner.setText(message.text)
        set_tone(self.banner, "tone", message.tone)
        if message.tone != tones.BUSY:  # "Saving…" is no outcome: the reader waits for it
            urgent = message.tone in (tones.REFUSAL, tones.WARNING)
            announce(self.banner, message.text, urgent=urgent)
        colour = {tones.SUCCESS: SUCCESS, tones.WARNING: WARNING, tones.REFUSAL: REFUSAL}
        if message.tone in colour:
            self.camera.flash(colour[message.tone])
        if sound is True:
            sound = {
                tones.SUCCESS: Sound.SUCCESS,
                tones.WARNING: Sound.REFUSAL,
                tones.REFUSAL: Sound.REFUSAL,
            }.get(message.tone)
        if isinstance(sound, Sound):
            self.sounds.play(sound)
        self.result_shown.emit(message.tone, message.text)

    def _update_buttons(self) -> None:
        view = self.view
        ready = view is not None and self.staff is not None and not self.busy
        stamps = ready and view is not None and view.program.has_stamps
        # A provisional card takes stamps only: its balance is the server's to know.
        points = ready and view is not None and view.program.has_points and not view.provisional
        self.buttons["stamp"].setEnabled(stamps)
        self.buttons["redeem"].setEnabled(
            stamps
            and view is not None
            and not view.provisional
            and view.card.stamp_count >= view.program.stamps_target
        )
        self.buttons["earn"].setEnabled(points)
        self.buttons["catalogue"].setEnabled(
            points and view is not None and bool(view.program.rewards)
        )
        self.buttons["void"].setEnabled(points)
        self.buttons["enroll"].setEnabled(self.staff is not None and not self.busy)


def _value(dialog: NumberDialog[int]) -> int:
    assert dialog.value is not None  # accepted means parsed
    return dialog.value


def _typed_receipt(text: str) -> str:
    """The receipt reference typed with an earn (empty when skipped); refused in the
    window's language."""
    from pos_app.ui.customer_dialogs import receipt_words

    try:
        return normal_receipt(text)
    except ValueError:
        raise ValueError(receipt_words()) from None


def _typed_amount(text: str, currency: str) -> int:
    """The purchase amount typed; refused in the window's language (the keypad shows it)."""
    try:
        return parse_typed_amount(text, currency)
    except AmountError as exc:
        raise ValueError(amount_words(exc, currency)) from exc
