"""The manager's end of day: sync now (with progress), the day's report, export and print.

The sync and the report run on a worker; the dialog follows the sync loop's progress through
the same SyncStatus signal as the status bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.end_of_day import DayReport
from pos_app.services.journal_view import JournalLine, journal_lines, write_csv
from pos_app.services.locale_format import day_text
from pos_app.services.sync_loop import SyncLoop
from pos_app.store.staff import StaffMember
from pos_app.ui.error_words import for_people
from pos_app.ui.report_document import PAPER, default_paper, paint_pages, report_html, write_pdf
from pos_app.ui.style import fit_to_screen, icon, set_tone
from pos_app.ui.words import counts
from pos_app.ui.workers import Jobs
from sync.engine.connectivity import Connectivity, SyncStatus


@dataclass(frozen=True, slots=True)
class DayClose:
    synced: bool
    report: DayReport
    lines: list[JournalLine]
    """The day's journal entries, for the CSV export."""


def close_day(loop: SyncLoop) -> DayClose:
    """Blocking: the sync, the report, the day's lines. Runs on a worker."""
    synced, report = loop.end_of_day()
    prefix = report.day.isoformat()
    lines = [line for line in journal_lines(loop.store) if line.local_time.startswith(prefix)]
    return DayClose(synced, report, lines)


class EndOfDayDialog(QDialog):
    def __init__(
        self,
        loop: SyncLoop,
        jobs: Jobs,
        manager: StaffMember,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("End of day"))
        self.loop, self.jobs, self.manager = loop, jobs, manager
        self.close_: DayClose | None = None
        self.html = ""
        self.file_dialog: QFileDialog | None = None

        title = QLabel(self.tr("End of day"))
        title.setObjectName("Title")
        self.phase = QLabel(self.tr("Syncing with the server…"))
        self.phase.setObjectName("Subtitle")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy until the loop says how much there is
        self.report = QTextBrowser()
        self.report.setOpenLinks(False)
        self.report.setAccessibleName(self.tr("The day's report"))
        self.message = QLabel()
        self.message.setObjectName("DialogMessage")
        self.message.setWordWrap(True)
        self.paper = QComboBox()
        self.paper.addItems(list(PAPER))
        self.paper.setCurrentText(default_paper())
        self.paper.setToolTip(self.tr("Paper size of the PDF"))

        self.csv_button = QPushButton(icon("report"), self.tr("Export CSV"))
        self.csv_button.clicked.connect(lambda: self._ask_path("CSV (*.csv)", ".csv"))
        self.pdf_button = QPushButton(icon("report"), self.tr("Export PDF"))
        self.pdf_button.clicked.connect(lambda: self._ask_path("PDF (*.pdf)", ".pdf"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.print_report)
        close = QPushButton(self.tr("Close  (Esc)"))
        close.clicked.connect(self.accept)
        for b in (self.csv_button, self.pdf_button, self.print_button):
            b.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(QLabel(self.tr("Paper")))
        buttons.addWidget(self.paper)
        buttons.addStretch()
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(self.phase)
        layout.addWidget(self.progress)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        fit_to_screen(self, 1000, 720)
        close.setDefault(True)  # Enter closes, as Esc does (set once inside the dialog)

    def start(self) -> None:
        if self.loop.link is None:
            self.phase.setText(
                self.tr("Standalone terminal: no server to sync with. Preparing the report…")
            )
        self.jobs.submit(lambda: close_day(self.loop), self._closed, self._failed)

    def show_sync_status(self, status: SyncStatus) -> None:
        """Progress while the end-of-day sync runs (the status bar's signal, shared)."""
        if self.close_ is not None:
            return
        if status.progress is not None:
            phase, done, total = status.progress
            self.phase.setText(self.tr("Syncing: {phase}…").format(phase=phase))
            self.progress.setRange(0, max(total, done, 1))
            self.progress.setValue(done)
        elif status.state is Connectivity.OFFLINE:
            self.phase.setText(
                self.tr("The server does not answer; the report counts unconfirmed entries.")
            )

    def _closed(self, close: DayClose) -> None:
        self.close_ = close
        identity = self.loop.store.identity()
        standalone = self.loop.link is None
        self.html = report_html(
            close, f"{identity.name} ({identity.store_id})", self.manager.name, standalone
        )
        self.report.setHtml(self.html)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        if standalone:
            self.phase.setText(self.tr("Standalone terminal: nothing to sync."))
        else:
            self.phase.setText(
                self.tr("Synced.")
                if close.synced
                else self.tr("Not synced: see the note in the report.")
            )
        for b in (self.csv_button, self.pdf_button, self.print_button):
            b.setEnabled(True)

    def _failed(self, error: Exception) -> None:
        self.progress.setRange(0, 1)
        self.phase.setText(self.tr("The report could not be made."))
        self._say(for_people(error), worked=False)

    def _say(self, text: str, worked: bool) -> None:
        self.message.setText(text)
        set_tone(self.message, "tone", "success" if worked else "warning")

    @property
    def title(self) -> str:
        day = day_text(self.close_.report.day) if self.close_ else ""
        identity = self.loop.store.identity()
        return self.tr("End of day {day} · {terminal} ({store})").format(
            day=day, terminal=identity.name, store=identity.store_id
        )

    # --- export ----------------------------------------------------------------------------

    def export_csv(self, path: Path) -> int:
        assert self.close_ is not None
        with path.open("w", newline="", encoding="utf-8") as out:
            count = write_csv(iter(self.close_.lines), out)
        self._say(
            self.tr("{counted} written to {path}").format(
                counted=counts().entries(count), path=path
            ),
            worked=True,
        )
        return count

    def export_pdf(self, path: Path) -> int:
        pages = write_pdf(self.html, path, self.title, self.paper.currentText())
        self._say(
            self.tr("Report saved to {path} ({counted})").format(
                path=path, counted=counts().pages(pages)
            ),
            worked=True,
        )
        return pages

    def print_report(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)

        def go(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                paint_pages(self.html, printer, self.title)
                self._say(
                    QCoreApplication.translate("EndOfDayDialog", "Sent to the printer."),
                    worked=True,
                )
            self.take_keyboard()

        dialog.finished.connect(go)
        dialog.setModal(True)
        dialog.show()

    def _ask_path(self, kind: str, suffix: str) -> None:
        assert self.close_ is not None
        name = f"end-of-day-{self.close_.report.day.isoformat()}{suffix}"
        dialog = QFileDialog(self, self.tr("Save the report"), str(Path.home() / name), kind)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)

        def chosen(path: str) -> None:
            target = Path(path)
            try:
                if suffix == ".csv":
                    self.export_csv(target)
                else:
                    self.export_pdf(target)
            except OSError as exc:
                self._say(
                    QCoreApplication.translate(
                        "EndOfDayDialog", "Could not save: {for_people}"
                    ).format(for_people=for_people(exc)),
                    worked=False,
                )

        self.file_dialog = dialog
        dialog.fileSelected.connect(chosen)
        dialog.finished.connect(lambda _result: self.take_keyboard())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def take_keyboard(self) -> None:
        """Back from the file or print dialog: without a window manager nobody else would."""
        self.activateWindow()
        self.setFocus()


__all__ = ["EndOfDayDialog", "close_day"]
