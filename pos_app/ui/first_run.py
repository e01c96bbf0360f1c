"""First start without a terminal database: pair with the server, or try the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.demo import DEMO_MERCHANT, DEMO_STORE
from pos_app.scanner.cameras import list_cameras
from pos_app.services.setup import init_terminal
from pos_app.store import Store
from pos_app.ui.error_words import for_people
from pos_app.ui.style import icon
from pos_app.ui.terminal_settings import DEMO_CAMERA, CounterSettings, save_settings
from pos_app.ui.workers import Jobs

DEMO_CARDS = 50


def create_demo(db: Path) -> Store:
    """A demo terminal: the demo merchant, its staff and cards, and the demo camera when
    this machine has no camera of its own (the store makes the folder, private)."""
    store = init_terminal(
        db, merchant_id=DEMO_MERCHANT, store_id=DEMO_STORE, demo_card_count=DEMO_CARDS
    )
    camera = "0" if list_cameras() else DEMO_CAMERA
    save_settings(store, CounterSettings(camera=camera))
    return store


class FirstRunScreen(QWidget):
    ready = Signal(object)  # Store

    def __init__(self, db: Path, jobs: Jobs, parent: QWidget | None = None) -> None:  # noqa: PLR0915 - one screen's layout
        super().__init__(parent)
        self.setObjectName("Screen")
        self.db, self.jobs = db, jobs
        title = QLabel(self.tr("Welcome to the loyalty terminal"))
        title.setObjectName("Title")
        intro = QLabel(
            self.tr(
                "This terminal has no database yet. Pair it with your loyalty server using the "
                "one-time code from the back office, or try it with a demo shop."
            )
        )
        intro.setObjectName("Subtitle")
        intro.setWordWrap(True)

        self.url = QLineEdit()
        self.url.setPlaceholderText(self.tr("https://loyalty.example.com"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("One-time code"))
        self.name = QLineEdit("Counter 1")
        self.pair_button = QPushButton(icon("sync"), self.tr("Pair with the server"))
        self.pair_button.setObjectName("Primary")
        self.pair_button.clicked.connect(self.pair)
        pair_box = QWidget()
        pair_box.setObjectName("Panel")
        pair_box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        form = QFormLayout(pair_box)
        form.setContentsMargins(24, 20, 24, 20)
        form.setSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        heading = QLabel(self.tr("Pair with a server"))
        heading.setObjectName("Subtitle")
        form.addRow(heading)
        form.addRow(self.tr("Server"), self.url)
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Terminal name"), self.name)
        form.addRow(self.pair_button)

        self.demo_button = QPushButton(icon("stamp"), self.tr("Try the demo"))
        self.demo_button.clicked.connect(self.demo)
        demo_box = QWidget()
        demo_box.setObjectName("Panel")
        demo_box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        demo_layout = QVBoxLayout(demo_box)
        demo_layout.setContentsMargins(24, 20, 24, 20)
        demo_heading = QLabel(self.tr("Try the demo"))
        demo_heading.setObjectName("Subtitle")
        demo_text = QLabel(
            self.tr(
                "A coffee shop with a stamp card and a bakery with points, two staff (Alex, PIN "
                "1234, cashier; Sam, PIN 9999, manager) and a demo camera showing customers' cards."
            )
        )
        demo_text.setWordWrap(True)
        demo_layout.addWidget(demo_heading)
        demo_layout.addWidget(demo_text)
        demo_layout.addStretch()
        demo_layout.addWidget(self.demo_button)

        self.message = QLabel()
        self.message.setObjectName("StatusWarning")
        self.message.setWordWrap(True)
        where = QLabel(self.tr("Database: {db}").format(db=db))
        where.setObjectName("Muted")

        boxes = QHBoxLayout()
        boxes.setSpacing(20)
        boxes.addWidget(pair_box, 3)
        boxes.addWidget(demo_box, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(boxes)
        layout.addWidget(self.message)
        layout.addStretch()
        layout.addWidget(where)

    def _busy(self, text: str) -> None:
        self.message.setText(text)
        self.pair_button.setEnabled(False)
        self.demo_button.setEnabled(False)

    def _failed(self, error: Exception) -> None:
        self.message.setText(for_people(error))
        self.pair_button.setEnabled(True)
        self.demo_button.setEnabled(True)

    def demo(self) -> None:
        self._busy(self.tr("Creating the demo shop…"))
        self.jobs.submit(lambda: create_demo(self.db), self.ready.emit, self._failed)

    def pair(self) -> None:
        url, code, name = self.url.text().strip(), self.code.text().strip(), self.name.text()
        if not url or not code:
            self.message.setText(self.tr("Type the server address and the one-time code."))
            return
        self._busy(self.tr("Pairing…"))
        db = self.db

        def job() -> Store:
            from pos_app.services.pairing import pair_terminal  # HTTP client: load it here

            return pair_terminal(db, url, code, name.strip() or "Counter 1")

        self.jobs.submit(job, self.ready.emit, self._failed)
