"""Staff sign-in by PIN: a list of names, a PIN pad, and the lockout after wrong PINs.

The PIN check is a deliberately slow hash plus a database write, so it runs on a worker.
`PinForm` serves both the sign-in screen and the manager's PIN for the end of day.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.staff_auth import sign_in
from pos_app.store import Store
from pos_app.store.staff import StaffMember, all_staff
from pos_app.ui.error_words import for_people
from pos_app.ui.keypad import Keypad
from pos_app.ui.style import fit_to_screen, icon
from pos_app.ui.words import role_words
from pos_app.ui.workers import Jobs


class PinForm(QWidget):
    """Pick a name, type the PIN, sign in; `accepted` carries the staff member."""

    accepted = Signal(object)  # StaffMember

    def __init__(
        self, store: Store, jobs: Jobs, managers_only: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store, self.jobs, self.managers_only = store, jobs, managers_only
        self.busy = False

        self.names = QVBoxLayout()
        self.names.setSpacing(10)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.staff: list[StaffMember] = []

        self.pin = QLineEdit()
        self.pin.setObjectName("PinDisplay")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.returnPressed.connect(self.submit)
        self.group.idClicked.connect(lambda _id: self.pin.setFocus())
        self.keypad = Keypad(self.pin)
        self.go = QPushButton(icon("lock"), "")
        self.go.setObjectName("Primary")
        self.go.clicked.connect(self.submit)
        self.message = QLabel()
        self.message.setObjectName("StatusWarning")
        self.message.setWordWrap(True)
        self.message.setProperty("reserve", True)  # style.qss keeps room for two lines

        left = QVBoxLayout()
        self.who = QLabel()
        self.who.setObjectName("Subtitle")
        left.addWidget(self.who)
        left.addLayout(self.names)
        left.addStretch()
        right = QVBoxLayout()
        right.setSpacing(12)
        entry = QHBoxLayout()  # the PIN and its button side by side: one row less to fit
        entry.setSpacing(12)
        self.pin.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        entry.addWidget(self.pin, 1)
        entry.addWidget(self.go)
        right.addLayout(entry)
        right.addWidget(self.keypad)
        right.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(32)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self.reload()
        self.retranslate()

    def retranslate(self) -> None:
        """The form's words in the window's language: at the start and after a language
        change. (Its message is not said again: the next lock or dialog sets it anew.)"""
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setAccessibleName(self.tr("PIN"))
        self.pin.setAccessibleDescription(self.tr("Your staff PIN; Enter signs in"))
        self.go.setText(self.tr("Sign in"))
        self.who.setText(
            self.tr("Manager") if self.managers_only else self.tr("Who is at the counter?")
        )
        for member, button in zip(self.staff, self.group.buttons(), strict=True):
            button.setText(_name_text(member))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reload(self) -> None:
        """Staff come from the server's pull, so the list is read each time it is shown."""
        with self.store.read() as conn:
            staff = [s for s in all_staff(conn) if s.is_active]
        if self.managers_only:
            staff = [s for s in staff if s.is_manager]
        for button in self.group.buttons():
            # Removed at once (not deleteLater): the list must be right on the next paint.
            self.group.removeButton(button)
            self.names.removeWidget(button)
            button.setParent(None)
        self.staff = staff
        for i, member in enumerate(staff):
            button = QPushButton(_name_text(member))
            button.setObjectName("Staff")
            button.setCheckable(True)
            # By keyboard: Tab or the arrows to a name, Enter or Space picks it.
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setAutoDefault(True)
            self.group.addButton(button, i)
            self.names.addWidget(button)
        chain = [*self.group.buttons(), self.pin, self.go]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        if len(staff) == 1:
            self.group.button(0).setChecked(True)
        if not staff:
            self.message.setText(
                self.tr("No manager on this terminal yet.")
                if self.managers_only
                else self.tr("No staff on this terminal yet: sync with the server first.")
            )
        self.pin.clear()

    def take_keyboard(self) -> None:
        """The PIN when a name is chosen, else the first name."""
        chosen = self.group.checkedButton()
        names = self.group.buttons()
        if chosen is None and names:
            names[0].setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        else:
            self.pin.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def choose(self, name: str) -> None:
        for i, member in enumerate(self.staff):
            if name in (member.name, member.id):
                self.group.button(i).setChecked(True)
                self.pin.setFocus()
                return
        raise LookupError(name)

    def submit(self) -> None:
        if self.busy:
            return
        chosen = self.group.checkedId()
        if chosen < 0:
            self.message.setText(self.tr("Tap your name first."))
            return
        member = self.staff[chosen]
        pin = self.pin.text()
        self.pin.clear()
        if not pin:
            self.message.setText(self.tr("Type your PIN."))
            return
        self.busy = True
        self.go.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        self.jobs.submit(
            lambda: sign_in(self.store, member.id, pin), self._signed_in, self._refused
        )

    def _signed_in(self, member: StaffMember) -> None:
        self.busy = False
        self.go.setEnabled(True)
        self.message.clear()
        self.accepted.emit(member)

    def _refused(self, error: Exception) -> None:
        self.busy = False
        self.go.setEnabled(True)
        self.message.setText(for_people(error))
        self.pin.setFocus()


def _name_text(member: StaffMember) -> str:
    return f"{member.name}    ·  {role_words(member.role)}"


class SignInScreen(QWidget):
    def __init__(self, store: Store, jobs: Jobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.title = title = QLabel()
        title.setObjectName("Title")
        self.terminal = QLabel()
        self.terminal.setObjectName("Subtitle")
        self.form = PinForm(store, jobs)
        self.signed_in = self.form.accepted
        panel = QWidget()
        panel.setObjectName("Panel")
        panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(28, 18, 28, 18)
        heading = QHBoxLayout()
        heading.setSpacing(20)
        heading.addWidget(title)
        heading.addWidget(self.terminal, 1, Qt.AlignmentFlag.AlignBottom)
        inner.addLayout(heading)
        inner.addSpacing(10)
        inner.addWidget(self.form)
        panel.setMaximumWidth(1000)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(panel, 0, Qt.AlignmentFlag.AlignVCenter)  # no empty slab below
        identity = store.identity()
        self.terminal.setText(f"{identity.name} · {identity.store_id}")
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sign in"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reset(self, message: str = "") -> None:
        self.form.reload()
        self.form.message.setText(message)
        self.form.take_keyboard()


class ManagerPinDialog(QDialog):
    """The manager's PIN, asked even when a cashier is signed in."""

    def __init__(self, store: Store, jobs: Jobs, reason: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Manager PIN"))
        self.manager: StaffMember | None = None
        title = QLabel(self.tr("Manager PIN"))
        title.setObjectName("Title")
        why = QLabel(reason)
        why.setObjectName("Subtitle")
        why.setWordWrap(True)
        self.form = PinForm(store, jobs, managers_only=True)
        self.form.accepted.connect(self._accepted)
        cancel = QPushButton(self.tr("Cancel  (Esc)"))
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(title)
        layout.addWidget(why)
        layout.addWidget(self.form)
        layout.addWidget(cancel, 0, Qt.AlignmentFlag.AlignLeft)
        fit_to_screen(self, 820, 0)
        self.form.go.setDefault(True)  # Enter signs in, wherever the focus is (set once inside)
        self.form.take_keyboard()

    def _accepted(self, member: StaffMember) -> None:
        self.manager = member
        self.accept()
