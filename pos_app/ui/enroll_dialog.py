"""Enrolling a new customer: choose the program, type a name (and, if they like, a phone
and an e-mail with their consent), show the new card's QR code."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.identifiers import format_card_number
from pos_app.domain.program import Program, ProgramKind
from pos_app.services.card_link import card_qr_text
from pos_app.services.counter import Done
from pos_app.services.customers import BadContactError, enrol, read_contact
from pos_app.store import Store
from pos_app.store.programs import all_programs
from pos_app.ui.error_words import for_people
from pos_app.ui.qr_image import QrLabel, qr_image
from pos_app.ui.style import fit_to_screen, icon
from pos_app.ui.workers import Jobs


class EnrollDialog(QDialog):
    enrolled = Signal(object)  # Done

    def __init__(self, store: Store, jobs: Jobs, staff_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New customer"))
        self.store, self.jobs, self.staff_id = store, jobs, staff_id
        self.done_: Done | None = None
        self.creating = False
        with store.read() as conn:
            self.programs: list[Program] = all_programs(conn)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._card_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(self.pages)
        fit_to_screen(self, 620, 720)  # room for the card page: number, QR code, hint
        self.name.setFocus()
        # Set once the button is inside the dialog: only then does the dialog know it.
        self.create_button.setDefault(True)  # Enter creates the card, wherever the focus is

    def _form_page(self) -> QWidget:
        page = QWidget()
        title = QLabel(self.tr("New customer"))
        title.setObjectName("Title")
        self.program = QComboBox()
        for p in self.programs:
            self.program.addItem(f"{p.name}  ({self._collects(p.kind)})", p.id)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Customer name (optional)"))
        self.name.setAccessibleName(self.tr("Customer name (optional)"))
        self.name.setMaxLength(80)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("Phone (optional)"))
        self.phone.setAccessibleName(self.tr("Phone (optional)"))
        self.phone.setMaxLength(32)
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("E-mail (optional)"))
        self.email.setAccessibleName(self.tr("E-mail (optional)"))
        self.email.setMaxLength(254)
        self.consent = QCheckBox(self.tr("The customer agrees to be contacted"))
        self.error = QLabel()
        self.error.setObjectName("StatusWarning")
        self.error.setWordWrap(True)
        self.create_button = QPushButton(icon("enroll"), self.tr("Create card"))
        self.create_button.setObjectName("Primary")
        self.create_button.clicked.connect(self.create_card)
        self.create_button.setEnabled(bool(self.programs))
        if not self.programs:
            self.error.setText(self.tr("No loyalty program on this terminal yet: sync first."))
        cancel = QPushButton(self.tr("Cancel  (Esc)"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addWidget(self.create_button, 1)
        layout = QVBoxLayout(page)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(QLabel(self.tr("Program")))
        layout.addWidget(self.program)
        layout.addWidget(QLabel(self.tr("Name")))
        layout.addWidget(self.name)
        # Side by side: the form fits a small screen with them.
        contact = QHBoxLayout()
        contact.addWidget(self.phone)
        contact.addWidget(self.email)
        layout.addWidget(QLabel(self.tr("Phone and e-mail, to find them without their card")))
        layout.addLayout(contact)
        layout.addWidget(self.consent)
        layout.addWidget(self.error)
        layout.addStretch()
        layout.addLayout(buttons)
        return page

    def _collects(self, kind: ProgramKind) -> str:
        if kind is ProgramKind.STAMPS:
            return self.tr("stamps")
        if kind is ProgramKind.POINTS:
            return self.tr("points")
        return self.tr("stamps and points")

    def _card_page(self) -> QWidget:
        page = QWidget()
        title = QLabel(self.tr("Card created"))
        title.setObjectName("Title")
        self.card_number = QLabel()
        self.card_number.setObjectName("BigNumber")
        self.card_number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card_customer = QLabel()
        self.card_customer.setObjectName("Subtitle")
        self.qr = QrLabel()
        hint = self.hint = QLabel(
            self.tr("The customer scans this code to add the card to their phone's wallet.")
        )
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        self.done_button = QPushButton(icon("ok"), self.tr("Done"))
        self.done_button.setObjectName("Primary")
        self.done_button.clicked.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(self.card_customer)
        layout.addWidget(self.card_number, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.qr, 1)
        layout.addWidget(hint)
        layout.addWidget(self.done_button)
        return page

    def create_card(self) -> None:
        if not self.create_button.isEnabled():
            return
        program_id = self.program.currentData()
        name = self.name.text()
        try:
            contact = read_contact(self.phone.text(), self.email.text(), self.consent.isChecked())
        except BadContactError as exc:
            self.error.setText(for_people(exc))
            return
        self.create_button.setEnabled(False)
        self.creating = True
        self.error.setText(self.tr("Creating…"))
        self.jobs.submit(
            lambda: enrol(self.store, self.staff_id, program_id, name, contact),
            self._created,
            self._failed,
        )

    def reject(self) -> None:
        if self.creating:
            return  # the card is being written: it is shown in a moment, then Esc closes
        super().reject()

    def _created(self, done: Done) -> None:
        self.creating = False
        self.done_ = done
        card = done.card
        self.card_number.setText(format_card_number(card.card_number))
        name = card.customer_name or self.tr("No name")
        self.card_customer.setText(f"{name} · {done.program.name}")
        qr_text = card_qr_text(self.store, card.qr_token)
        if qr_text == card.qr_token:  # no server paired: no page to add the card from
            self.hint.setText(
                self.tr("This code is the card: the customer shows it at the counter.")
            )
        image = qr_image(qr_text)
        if image is None:
            self.qr.setText(qr_text)
        else:
            self.qr.show_image(image)
        self.pages.setCurrentIndex(1)
        self.done_button.setDefault(True)  # now Enter closes, on the new card
        self.done_button.setFocus()
        self.enrolled.emit(done)

    def _failed(self, error: Exception) -> None:
        self.creating = False
        self.create_button.setEnabled(True)
        self.error.setText(for_people(error))
