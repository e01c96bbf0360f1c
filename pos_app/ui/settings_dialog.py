"""Settings: the counter's habits, the camera and decoder (with a test view), the server.

Saved in the terminal database (`terminal_settings`), so they move with the terminal.
Pairing talks to the server, so it runs on a worker like every other network call.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.logs import log_file
from pos_app.scanner.cameras import list_cameras
from pos_app.services.pairing import pair_terminal
from pos_app.services.sync import server_link
from pos_app.store import Store
from pos_app.ui.camera_feed import CameraFeed
from pos_app.ui.camera_view import CameraView
from pos_app.ui.error_words import for_people
from pos_app.ui.i18n import LANGUAGES, SYSTEM, install_language, save_language, saved_language
from pos_app.ui.style import fit_to_screen, icon
from pos_app.ui.terminal_settings import DEMO_CAMERA, CounterSettings, save_settings
from pos_app.ui.workers import Jobs

log = logging.getLogger(__name__)
DECODERS = ("auto", "zxing", "zbar", "opencv", "opencv-aruco")
CUSTOM = "custom"


def resolve_camera(setting: str) -> int | str | None:
    """The capture source a camera setting names; None for no camera."""
    if not setting:
        return None
    if setting == DEMO_CAMERA:
        from pos_app.ui.demo_video import default_demo_video

        return str(default_demo_video())
    from pos_app.scanner.capture import parse_source

    return parse_source(setting)


class SettingsDialog(QDialog):
    saved = Signal(object)  # CounterSettings
    paired = Signal()

    def __init__(
        self, store: Store, jobs: Jobs, settings: CounterSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.store, self.jobs, self.settings = store, jobs, settings
        self.test_feed: CameraFeed | None = None
        title = QLabel(self.tr("Settings"))
        title.setObjectName("Title")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._counter_tab(), self.tr("Counter"))
        self.tabs.addTab(self._camera_tab(), self.tr("Camera"))
        self.tabs.addTab(self._server_tab(), self.tr("Server"))
        self.save_button = QPushButton(icon("ok"), self.tr("Save"))
        self.save_button.setObjectName("Primary")
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Cancel  (Esc)"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        fit_to_screen(self, 900, 680)
        self.finished.connect(lambda _r: self.stop_test())
        # Enter saves; on the Server tab it pairs (the address and code are typed there).
        self.tabs.currentChanged.connect(self._default_button)
        self._default_button()

    def _default_button(self) -> None:
        on_server = self.tabs.currentIndex() == self.tabs.count() - 1
        (self.pair_button if on_server else self.save_button).setDefault(True)

    # --- tabs ------------------------------------------------------------------------------

    def _counter_tab(self) -> QWidget:
        page = QWidget()
        self.auto_stamp = QCheckBox(self.tr("Stamp automatically when a stamp card is scanned"))
        self.auto_stamp.setChecked(self.settings.auto_stamp)
        self.sounds = QCheckBox(self.tr("Sounds for success and refusal"))
        self.sounds.setChecked(self.settings.sounds)
        self.idle = QSpinBox()
        self.idle.setRange(0, 120)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("never"))
        self.idle.setValue(self.settings.idle_lock_minutes)
        form = QFormLayout(page)
        form.setSpacing(16)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.auto_stamp)
        form.addRow(self.sounds)
        form.addRow(self.tr("Lock when idle after"), self.idle)
        self.language = QComboBox()
        self.language.addItem(self.tr("As the computer is set"), SYSTEM)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(saved_language())))
        self.language.setAccessibleName(self.tr("Language"))
        form.addRow(self.tr("Language"), self.language)
        self.log_path = QLabel(self._log_text())
        self.log_path.setObjectName("Muted")
        self.log_path.setWordWrap(True)
        self.log_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Log file"), self.log_path)
        return page

    @staticmethod
    def _log_text() -> str:
        path = log_file()
        if path:
            return str(path)
        return QCoreApplication.translate(
            "SettingsDialog", "not written (the window was started without its log)"
        )

    def _camera_tab(self) -> QWidget:
        page = QWidget()
        self.camera = QComboBox()
        for cam in list_cameras():
            self.camera.addItem(f"{cam.name} ({cam.path})", str(cam.index))
        self.camera.addItem(self.tr("Demo video (no camera needed)"), DEMO_CAMERA)
        self.camera.addItem(self.tr("Video file or stream URL…"), CUSTOM)
        self.camera.addItem(self.tr("No camera (handheld scanner or typing only)"), "")
        self.custom = QLineEdit()
        self.custom.setPlaceholderText(self.tr("/path/to/video.mp4 or rtsp://…"))
        self.custom.setAccessibleName(self.tr("Video file or stream URL"))
        index = self.camera.findData(self.settings.camera)
        if index < 0:
            index = self.camera.findData(CUSTOM)
            self.custom.setText(self.settings.camera)
        self.camera.setCurrentIndex(index)
        self.camera.currentIndexChanged.connect(self._camera_choice_changed)
        self.decoder = QComboBox()
        for name in DECODERS:
            self.decoder.addItem(name, name)
        self.decoder.setCurrentIndex(max(0, self.decoder.findData(self.settings.decoder)))
        self.test_view = CameraView()
        self.test_view.setMinimumHeight(120)
        self.test_result = QLabel(self.tr("Press Test and show a card to the camera."))
        self.test_result.setObjectName("Subtitle")
        self.test_result.setWordWrap(True)
        test = QPushButton(icon("camera"), self.tr("Test"))
        test.clicked.connect(self.start_test)
        form = QFormLayout()
        form.setSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("Camera"), self.camera)
        form.addRow("", self.custom)
        form.addRow(self.tr("Decoder"), self.decoder)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(test)
        row.addWidget(self.test_result, 1)
        layout.addLayout(row)
        layout.addWidget(self.test_view, 1)
        self._camera_choice_changed()
        return page

    def _server_tab(self) -> QWidget:
        page = QWidget()
        link = server_link(self.store)
        self.pair_state = QLabel(
            self.tr("Paired with {url}").format(url=link.url)
            if link
            else self.tr("Not paired: this terminal works standalone.")
        )
        self.pair_state.setObjectName("Subtitle")
        self.pair_state.setWordWrap(True)
        self.url = QLineEdit(link.url if link else "")
        self.url.setPlaceholderText(self.tr("https://loyalty.example.com"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("One-time code from the server"))
        self.pair_button = QPushButton(icon("sync"), self.tr("Pair"))
        self.pair_button.clicked.connect(self.pair)
        self.pair_message = QLabel()
        self.pair_message.setObjectName("StatusWarning")
        self.pair_message.setWordWrap(True)
        form = QFormLayout(page)
        form.setSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.pair_state)
        form.addRow(self.tr("Server address"), self.url)
        form.addRow(self.tr("Pairing code"), self.code)
        form.addRow("", self.pair_button)
        form.addRow(self.pair_message)
        return page

    # --- behaviour -------------------------------------------------------------------------

    def chosen_camera(self) -> str:
        data = self.camera.currentData()
        return self.custom.text().strip() if data == CUSTOM else str(data)

    def _camera_choice_changed(self) -> None:
        self.custom.setVisible(self.camera.currentData() == CUSTOM)

    def start_test(self) -> None:
        self.stop_test()
        try:
            source = resolve_camera(self.chosen_camera())
        except OSError as exc:
            from pos_app.ui.camera_words import demo_video_failure_words, failure_cause

            log.warning("the demo video cannot be made", exc_info=True)
            self.test_result.setText(demo_video_failure_words(failure_cause(exc)))
            return
        if source is None:
            self.test_result.setText(self.tr("No camera chosen."))
            return
        feed = CameraFeed(self)
        feed.frame_ready.connect(self.test_view.show_frame)
        feed.status_changed.connect(self.test_view.show_status)
        feed.scanned.connect(self._test_scanned)
        feed.start(source, str(self.decoder.currentData()))
        self.test_feed = feed
        self.test_result.setText(self.tr("Testing… show a card to the camera."))

    def _test_scanned(self, event: object) -> None:
        outcome = getattr(event, "outcome", None)
        latency = getattr(event, "latency", 0.0) * 1000
        message = getattr(outcome, "message", None)
        self.test_result.setText(
            self.tr("Read a card ({latency:.0f} ms)").format(latency=latency)
            if message is None
            else self.tr("Read: {message}").format(message=message)
        )

    def stop_test(self) -> None:
        if self.test_feed is not None:
            self.test_feed.stop()
            self.test_feed = None

    def save(self) -> None:
        self.settings = replace(
            self.settings,
            camera=self.chosen_camera(),
            decoder=str(self.decoder.currentData()),
            sounds=self.sounds.isChecked(),
            auto_stamp=self.auto_stamp.isChecked(),
            idle_lock_minutes=self.idle.value(),
        )
        save_settings(self.store, self.settings)
        language = str(self.language.currentData())
        if language != saved_language():
            save_language(language)
            # At once: Qt tells every widget (LanguageChange) and each says its texts again.
            install_language(language)
        self.saved.emit(self.settings)
        self.accept()

    def pair(self) -> None:
        url, code = self.url.text().strip(), self.code.text().strip()
        if not url or not code:
            self.pair_message.setText(self.tr("Type the server address and the pairing code."))
            return
        self.pair_button.setEnabled(False)
        self.pair_message.setText(self.tr("Pairing…"))
        db, name = self.store.path, self.store.identity().name

        def job() -> None:
            pair_terminal(db, url, code, name).close()

        self.jobs.submit(job, self._paired, self._pair_failed)

    def _paired(self, _result: None) -> None:
        self.pair_button.setEnabled(True)
        self.code.clear()
        link = server_link(self.store)
        self.pair_state.setText(
            self.tr("Paired with {url}").format(url=link.url) if link else self.tr("Paired.")
        )
        self.pair_message.setText(
            self.tr("Paired. The terminal syncs in the background from now on.")
        )
        self.paired.emit()

    def _pair_failed(self, error: Exception) -> None:
        self.pair_button.setEnabled(True)
        self.pair_message.setText(
            self.tr("Pairing failed. {for_people}.").format(for_people=for_people(error))
        )
