"""Dialogs for customers and their cards: find a customer without the card, return a
purchase, and the manager's card actions (deactivate, reactivate, replace, adjust)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.currency import DEFAULT_CURRENCY
from pos_app.domain.identifiers import CardRef, format_card_number, parse_card_ref
from pos_app.domain.money import AmountError, parse_amount
from pos_app.domain.operations import RECEIPT_MAX_LENGTH, normal_receipt
from pos_app.domain.refusal import Refused
from pos_app.services.card_life import (
    adjust,
    deactivate,
    merge_cards,
    reactivate,
    replace_card,
)
from pos_app.services.counter import Done
from pos_app.services.customers import Found, find_customer
from pos_app.services.locale_format import amount_example, moment_text, money
from pos_app.services.lookup import CardView
from pos_app.services.returns import Purchase
from pos_app.store import Store
from pos_app.store.staff import StaffMember
from pos_app.ui.error_words import amount_words, for_people
from pos_app.ui.style import fit_to_screen
from pos_app.ui.words import counts, refusal_words
from pos_app.ui.workers import Jobs


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("Title")
    return label


def _note() -> QLabel:
    label = QLabel()
    label.setObjectName("StatusWarning")
    label.setWordWrap(True)
    return label


def _when(local_time: str) -> str:
    """The purchase's time as this locale writes it (the stored text if it cannot be read)."""
    try:
        return moment_text(datetime.fromisoformat(local_time))
    except ValueError:
        return local_time[:16].replace("T", " ")


class FindCustomerDialog(QDialog):
    """Phone, e-mail or name in; masked matches out; the one picked is shown at the counter."""

    def __init__(self, store: Store, jobs: Jobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Find a customer"))
        self.store, self.jobs = store, jobs
        self.chosen: str | None = None  # a card number
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Phone, e-mail or name"))
        self.query.setAccessibleName(self.tr("Phone, e-mail or name"))
        self.query.setMaxLength(254)
        self.query.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.clicked.connect(self.search)
        self.results = QListWidget()
        self.results.itemActivated.connect(self._pick)
        self.results.itemClicked.connect(self._pick)
        self.note = _note()
        cancel = QPushButton(self.tr("Cancel  (Esc)"))
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.search_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(_title(self.tr("Find a customer")))
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.results, 1)
        layout.addWidget(cancel, 0, Qt.AlignmentFlag.AlignLeft)
        fit_to_screen(self, 640, 520)
        self.query.setFocus()

    def search(self) -> None:
        text = self.query.text()
        self.search_button.setEnabled(False)
        self.note.setText(self.tr("Searching…"))
        self.jobs.submit(lambda: find_customer(self.store, text), self._found, self._failed)

    def _found(self, found: Found) -> None:
        self.search_button.setEnabled(True)
        self.results.clear()
        for customer in found.customers:
            for number in customer.card_numbers:
                details = "  ".join(customer.details)
                name = customer.name or self.tr("No name")
                text = f"{name}  {details}  ·  {format_card_number(number)}"
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, number)
                self.results.addItem(item)
        count = self.results.count()
        if count:
            said = self.tr("%n found: confirm with the customer, then pick the card", "", count)
        else:
            said = self.tr("Nobody found")
        if not found.online:
            said = self.tr("{found} (offline: this terminal's customers only)").format(found=said)
        self.note.setText(said)

    def _failed(self, error: Exception) -> None:
        self.search_button.setEnabled(True)
        self.note.setText(for_people(error))

    def _pick(self, item: QListWidgetItem) -> None:
        self.chosen = str(item.data(Qt.ItemDataRole.UserRole))
        self.accept()


class ReturnDialog(QDialog):
    """Pick the purchase from the card's history (or type the receipt reference of one
    made at another counter), type the amount that came back."""

    def __init__(  # noqa: PLR0915 - one dialog's layout
        self,
        purchases: list[Purchase],
        currency: str = DEFAULT_CURRENCY,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return a purchase"))
        self.currency = currency
        self.purchases = purchases
        self.chosen: Purchase | None = None
        self.amount_minor = 0
        # A purchase not listed (another counter's), named by its receipt reference; the
        # amount then None for all of what is left, known once the purchase is found.
        self.receipt = ""
        self.receipt_minor: int | None = None
        self.by_hand = False  # no purchase named: the cashier types points instead
        self.list = QListWidget()
        for p in purchases:
            text = f"{_when(p.local_time)}  ·  {money(p.amount_minor, currency)}  ·  "
            text += f"+{counts().points(p.points)}"
            if p.returned_minor:
                left = money(p.returnable_minor, currency)
                text += self.tr(", {amount} left").format(amount=left)
            self.list.addItem(text)
        self.list.setCurrentRow(0)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(
            self.tr("Amount returned, e.g. {example} (empty: all of it)").format(
                example=amount_example(currency)
            )
        )
        self.amount.setAccessibleName(self.tr("Amount returned"))
        self.amount.returnPressed.connect(self._confirm)
        self.receipt_field = QLineEdit()
        self.receipt_field.setPlaceholderText(
            self.tr("Not listed? The purchase's receipt reference")
        )
        self.receipt_field.setAccessibleName(self.tr("Receipt reference"))
        self.receipt_field.setMaxLength(RECEIPT_MAX_LENGTH)
        self.receipt_field.returnPressed.connect(self._confirm)
        # True of the receipt field at every moment: the journal holds only this
        # terminal's purchases, and no feed brings the other counters'.
        self.receipt_hint = QLabel(
            self.tr(
                "A purchase at another counter is found by its receipt only while the "
                "server answers."
            )
        )
        self.receipt_hint.setWordWrap(True)
        self.receipt_hint.setObjectName("Muted")
        self.note = _note()
        confirm = QPushButton(self.tr("Take points back"))
        confirm.setObjectName("Primary")
        confirm.clicked.connect(self._confirm)
        cancel = QPushButton(self.tr("Cancel  (Esc)"))
        cancel.clicked.connect(self.reject)
        self.by_hand_button = QPushButton(self.tr("Points by hand"))
        self.by_hand_button.clicked.connect(self._points_by_hand)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addWidget(self.by_hand_button)
        buttons.addWidget(confirm, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(_title(self.tr("Return a purchase")))
        if purchases:
            caption = self.tr("The purchase, from this card's history at this terminal")
        else:
            caption = self.tr(
                "No purchase of this card at this terminal: type its receipt reference, "
                "or take points back by hand"
            )
        heading = QLabel(caption)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        self.list.setVisible(bool(purchases))
        layout.addWidget(self.amount)
        layout.addWidget(self.receipt_field)
        layout.addWidget(self.receipt_hint)
        layout.addWidget(self.note)
        if not purchases:
            layout.addStretch(1)  # the fields under the caption, not spread over the height
        layout.addLayout(buttons)
        fit_to_screen(self, 640, 520)
        (self.amount if purchases else self.receipt_field).setFocus()

    def _points_by_hand(self) -> None:
        self.by_hand = True
        self.accept()

    def _confirm(self) -> None:
        if self.receipt_field.text().strip():
            self._confirm_receipt()
            return
        row = self.list.currentRow()
        if row < 0:
            self.note.setText(self.tr("Pick the purchase that came back"))
            return
        purchase = self.purchases[row]
        text = self.amount.text().strip()
        try:
            minor = purchase.returnable_minor if not text else parse_amount(text, self.currency)
        except AmountError as exc:
            self.note.setText(amount_words(exc, self.currency))
            return
        self.chosen, self.amount_minor = purchase, minor
        self.accept()

    def _confirm_receipt(self) -> None:
        try:
            receipt = normal_receipt(self.receipt_field.text())
        except ValueError:
            self.note.setText(receipt_words())
            return
        text = self.amount.text().strip()
        try:
            minor = None if not text else parse_amount(text, self.currency)
        except AmountError as exc:
            self.note.setText(amount_words(exc, self.currency))
            return
        self.receipt, self.receipt_minor = receipt, minor
        self.accept()


def receipt_words() -> str:
    """Why a typed receipt reference is none, in the window's language."""
    return QCoreApplication.translate(
        "ReturnDialog",
        "A receipt reference is up to {count} letters, digits, spaces and . / _ # -",
    ).format(count=RECEIPT_MAX_LENGTH)


class CardLifeDialog(QDialog):
    """The manager's card actions for the card on screen; each is journalled and synced."""

    def __init__(  # noqa: PLR0915 - one dialog's layout
        self,
        store: Store,
        jobs: Jobs,
        manager: StaffMember,
        view: CardView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Card"))
        self.store, self.jobs, self.manager = store, jobs, manager
        self.ref = CardRef.number(view.card.card_number)
        self.done_: Done | None = None
        card, program = view.card, view.program
        state = self.tr("active") if card.is_active else self.tr("inactive")
        name = card.customer_name or self.tr("No name")
        about = QLabel(f"{name} · {format_card_number(card.card_number)} · {state}")
        about.setObjectName("Subtitle")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason (needed for an adjustment)"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setMaxLength(200)
        self.points = QSpinBox()
        self.points.setRange(-10_000_000, 10_000_000)
        self.points.setPrefix(self.tr("Points "))
        self.points.setEnabled(program.has_points)
        self.stamps = QSpinBox()
        self.stamps.setRange(-1000, 1000)
        self.stamps.setPrefix(self.tr("Stamps "))
        self.stamps.setEnabled(program.has_stamps)
        self.note = _note()
        self.deactivate_button = QPushButton(self.tr("Deactivate"))
        self.deactivate_button.setEnabled(card.is_active)
        self.deactivate_button.clicked.connect(
            lambda: self._run(lambda: deactivate(self.store, self.ref, manager, self.reason.text()))
        )
        self.reactivate_button = QPushButton(self.tr("Reactivate"))
        self.reactivate_button.setEnabled(not card.is_active)
        self.reactivate_button.clicked.connect(
            lambda: self._run(lambda: reactivate(self.store, self.ref, manager))
        )
        self.replace_button = QPushButton(self.tr("Replace lost card"))
        self.replace_button.clicked.connect(
            lambda: self._run(lambda: replace_card(self.store, self.ref, manager))
        )
        self.adjust_button = QPushButton(self.tr("Adjust"))
        self.adjust_button.clicked.connect(self._adjust)
        self.other = QLineEdit()
        self.other.setPlaceholderText(self.tr("The customer's other card number"))
        self.other.setAccessibleName(self.tr("The customer's other card number"))
        self.other.setMaxLength(64)
        self.merge_button = QPushButton(self.tr("Merge into this card"))
        self.merge_button.setEnabled(card.is_active)
        self.merge_button.clicked.connect(self._merge)
        close = QPushButton(self.tr("Close  (Esc)"))
        close.clicked.connect(self.reject)
        state_row = QHBoxLayout()
        for b in (self.deactivate_button, self.reactivate_button, self.replace_button):
            state_row.addWidget(b)
        adjust_row = QHBoxLayout()
        adjust_row.addWidget(self.points)
        adjust_row.addWidget(self.stamps)
        adjust_row.addWidget(self.adjust_button)
        merge_row = QHBoxLayout()
        merge_row.addWidget(self.other, 1)
        merge_row.addWidget(self.merge_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(_title(self.tr("Card")))
        layout.addWidget(about)
        layout.addWidget(self.reason)
        layout.addLayout(state_row)
        layout.addLayout(adjust_row)
        layout.addLayout(merge_row)
        layout.addWidget(self.note)
        layout.addStretch()
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignLeft)
        fit_to_screen(self, 720, 420)

    def _adjust(self) -> None:
        points, stamps, reason = self.points.value(), self.stamps.value(), self.reason.text()
        self._run(lambda: adjust(self.store, self.ref, self.manager, reason, points, stamps))

    def _merge(self) -> None:
        other = parse_card_ref(self.other.text())
        if other is None or other.kind != "number":
            self.note.setText(self.tr("Type the other card's number (12 digits)"))
            return
        manager, target = self.manager, self.ref
        self._run(lambda: merge_cards(self.store, other, target, manager))

    def _run(self, job: object) -> None:
        assert callable(job)
        self.note.setText(self.tr("Saving…"))
        self.jobs.submit(job, self._answered, self._failed)

    def _answered(self, outcome: Done | Refused) -> None:
        if isinstance(outcome, Refused):
            self.note.setText("✗  " + refusal_words(outcome))
            return
        self.done_ = outcome
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.note.setText(for_people(error))
