"""The manager's end of day: sync now (with progress), the day's report, export and print.

The sync and the report run on a worker; the dialog follows the sync loop's progress through
the same SyncStatus signal as the status bar.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
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

from pos_app.services.end_of_day import DayReport, Totals, amounts
from pos_app.services.journal_view import JournalLine, journal_lines, write_csv
from pos_app.services.sync_loop import SyncLoop
from pos_app.store.staff import StaffMember
from pos_app.ui.style import icon
from pos_app.ui.workers import Jobs
from sync.engine.connectivity import Connectivity, SyncStatus

KIND_NAMES = {
    "enroll": "New cards",
    "stamp": "Stamps",
    "redeem_stamps": "Stamp rewards",
    "earn_points": "Points earned",
    "redeem_points": "Points rewards",
    "void_points": "Voids / returns",
    "expire_points": "Points expired",
}


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


def _rows(items: dict[str, Totals], names: dict[str, str] | None = None) -> str:
    out = []
    for key, t in sorted(items.items()):
        label = html.escape((names or {}).get(key, key))
        out.append(
            f"<tr><td>{label}</td><td align=right>{t.entries}</td>"
            f"<td align=right>{t.stamps:+}</td><td align=right>{t.points:+}</td>"
            f"<td align=right>{t.applied_stamps:+}</td><td align=right>{t.applied_points:+}</td>"
            "</tr>"
        )
    return "".join(out)


def report_html(close: DayClose, terminal: str, manager: str, standalone: bool = False) -> str:
    """The report as HTML: shown on screen, and the same document goes to PDF and paper."""
    r = close.report
    head = (
        "<tr><th align=left>{}</th><th>entries</th><th>stamps asked</th>"
        "<th>points asked</th><th>stamps applied</th><th>points applied</th></tr>"
    )
    sync_line = (
        "Standalone terminal: the report is this terminal's own journal."
        if standalone
        else "Synced with the server just now."
        if close.synced
        else "<b>The sync did not complete</b>: figures include entries the server has not "
        "confirmed yet."
    )
    parts = [
        f"<h2>End of day {r.day.isoformat()}</h2>",
        f"<p>{html.escape(terminal)} · closed by {html.escape(manager)}<br>{sync_line}</p>",
        "<h3>By type</h3><table width=100% cellspacing=0 cellpadding=6>",
        head.format("type"),
        _rows(r.by_kind, KIND_NAMES),
        f"<tr><td><b>Total</b></td><td align=right><b>{r.total.entries}</b></td>"
        f"<td align=right><b>{r.total.stamps:+}</b></td>"
        f"<td align=right><b>{r.total.points:+}</b></td>"
        f"<td align=right><b>{r.total.applied_stamps:+}</b></td>"
        f"<td align=right><b>{r.total.applied_points:+}</b></td></tr></table>",
        "<p>Asked: by this terminal. Applied: by the server, in the entries it answered.</p>",
        "<h3>By staff</h3><table width=100% cellspacing=0 cellpadding=6>",
        head.format("staff"),
        _rows(r.by_staff),
        "</table>",
        "<h3>Server answers</h3><p>",
        ", ".join(f"{n} {html.escape(s)}" for s, n in sorted(r.statuses.items()))
        or "No entries today.",
        "</p>",
    ]
    if r.unconfirmed:
        parts.append(f"<p><b>{r.unconfirmed}</b> entries are not yet confirmed by the server.</p>")
    if r.problems:
        parts.append("<h3>Refused or changed by the server</h3>")
        parts.append("<table width=100% cellspacing=0 cellpadding=6>")
        parts.append(
            "<tr><th align=left>#</th><th align=left>time</th><th align=left>staff</th>"
            "<th align=left>card</th><th align=left>type</th><th align=left>answer</th>"
            "<th align=left>asked</th><th align=left>applied</th>"
            "<th align=left>reason</th></tr>"
        )
        for p in r.problems:
            parts.append(
                f"<tr><td>{p.seq}</td><td>{p.local_time[11:19]}</td>"
                f"<td>{html.escape(p.staff)}</td><td>{html.escape(p.card_number)}</td>"
                f"<td>{html.escape(KIND_NAMES.get(p.kind, p.kind))}</td>"
                f"<td>{html.escape(p.status)}</td>"
                f"<td>{amounts(p.stamps_delta, p.points_delta)}</td>"
                f"<td>{amounts(p.applied_stamps, p.applied_points)}</td>"
                f"<td>{html.escape(p.outcome or 'no reason given')}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append("<p>Nothing was refused or changed by the server.</p>")
    return "".join(parts)


def write_pdf(document_html: str, path: Path) -> None:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setTitle("End of day")
    doc = QTextDocument()
    doc.setDefaultStyleSheet("th { background: #dddddd; } td { border-bottom: 1px solid #ccc; }")
    doc.setHtml(document_html)
    doc.print_(writer)


class EndOfDayDialog(QDialog):
    def __init__(
        self,
        loop: SyncLoop,
        jobs: Jobs,
        manager: StaffMember,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("End of day")
        self.loop, self.jobs, self.manager = loop, jobs, manager
        self.close_: DayClose | None = None
        self.html = ""

        title = QLabel("End of day")
        title.setObjectName("Title")
        self.phase = QLabel("Syncing with the server…")
        self.phase.setObjectName("Subtitle")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy until the loop says how much there is
        self.report = QTextBrowser()
        self.report.setOpenLinks(False)
        self.message = QLabel()
        self.message.setObjectName("StatusWarning")
        self.message.setWordWrap(True)

        self.csv_button = QPushButton(icon("report"), "Export CSV")
        self.csv_button.clicked.connect(lambda: self._ask_path("CSV (*.csv)", ".csv"))
        self.pdf_button = QPushButton(icon("report"), "Export PDF")
        self.pdf_button.clicked.connect(lambda: self._ask_path("PDF (*.pdf)", ".pdf"))
        self.print_button = QPushButton("Print…")
        self.print_button.clicked.connect(self.print_report)
        close = QPushButton("Close  (Esc)")
        close.clicked.connect(self.accept)
        for b in (self.csv_button, self.pdf_button, self.print_button):
            b.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.print_button)
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
        self.resize(1000, 720)

    def start(self) -> None:
        if self.loop.link is None:
            self.phase.setText("Standalone terminal: no server to sync with. Preparing the report…")
        self.jobs.submit(lambda: close_day(self.loop), self._closed, self._failed)

    def show_sync_status(self, status: SyncStatus) -> None:
        """Progress while the end-of-day sync runs (the status bar's signal, shared)."""
        if self.close_ is not None:
            return
        if status.progress is not None:
            phase, done, total = status.progress
            self.phase.setText(f"Syncing: {phase}…")
            self.progress.setRange(0, max(total, done, 1))
            self.progress.setValue(done)
        elif status.state is Connectivity.OFFLINE:
            self.phase.setText("The server does not answer; the report counts unconfirmed entries.")

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
            self.phase.setText("Standalone terminal: nothing to sync.")
        else:
            self.phase.setText(
                "Synced." if close.synced else "Not synced: see the note in the report."
            )
        for b in (self.csv_button, self.pdf_button, self.print_button):
            b.setEnabled(True)

    def _failed(self, error: Exception) -> None:
        self.progress.setRange(0, 1)
        self.phase.setText("The report could not be made.")
        self.message.setText(str(error))

    # --- export ----------------------------------------------------------------------------

    def export_csv(self, path: Path) -> int:
        assert self.close_ is not None
        with path.open("w", newline="", encoding="utf-8") as out:
            count = write_csv(iter(self.close_.lines), out)
        self.message.setText(f"{count} entries written to {path}")
        return count

    def export_pdf(self, path: Path) -> None:
        write_pdf(self.html, path)
        self.message.setText(f"Report saved to {path}")

    def print_report(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)

        def go(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                doc = QTextDocument()
                doc.setHtml(self.html)
                doc.print_(printer)
                self.message.setText("Sent to the printer.")

        dialog.finished.connect(go)
        dialog.setModal(True)
        dialog.show()

    def _ask_path(self, kind: str, suffix: str) -> None:
        assert self.close_ is not None
        name = f"end-of-day-{self.close_.report.day.isoformat()}{suffix}"
        dialog = QFileDialog(self, "Save the report", str(Path.home() / name), kind)
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
                self.message.setText(f"Could not save: {exc}")

        dialog.fileSelected.connect(chosen)
        dialog.open()


__all__ = ["EndOfDayDialog", "close_day", "report_html", "write_pdf"]
