"""The end-of-day report as a document: HTML for the screen, and the same HTML laid out on
A4 or Letter pages (PDF or printer) with the report's name and the page number on each page.

Qt's rich text squeezes table columns to fit the widest cell, so a long reason used to wrap
the time as "08:21:2 / 0": every column has a width here and the short ones never wrap.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextTable,
)

from pos_app.services.end_of_day import DayReport, Totals
from pos_app.services.locale_format import clock_text, day_text
from pos_app.ui.words import (
    amounts,
    counts,
    kind_words,
    refusal_reason,
    server_answers,
    status_words,
)

PAPER = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
# Where Letter is the paper in the drawer (the rest of the world uses A4).
_LETTER_TERRITORIES = frozenset(
    {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Philippines,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
        QLocale.Country.Venezuela,
        QLocale.Country.PuertoRico,
        QLocale.Country.Guatemala,
        QLocale.Country.CostaRica,
    }
)
_MARGIN_MM = 15.0
_HEADER_MM = 12.0
_PRINT_STYLE = (
    "h2 { font-size: 15pt; } h3 { font-size: 11pt; margin-top: 14px; }"
    "th { background-color: #dddddd; font-weight: bold; }"
    "td, th { border-bottom: 1px solid #bbbbbb; }"
)


class Closing(Protocol):
    """What the report shows of a day's close (end_of_day.DayClose)."""

    @property
    def synced(self) -> bool: ...

    @property
    def report(self) -> DayReport: ...


def default_paper(locale: QLocale | None = None) -> str:
    territory = (locale or QLocale.system()).territory()
    return "Letter" if territory in _LETTER_TERRITORIES else "A4"


def _table(head: Iterable[tuple[str, int, str]], rows: Iterable[Iterable[str]]) -> str:
    """A table whose columns keep their share of the width: (title, percent, align)."""
    columns = list(head)
    out = ["<table width='100%' cellspacing='0' cellpadding='4'><thead><tr>"]
    for title, width, align in columns:
        side = "left" if align == "left-wrap" else align
        # Headings never break inside a word ("Opération-s"): one word a line, an arrow kept
        # with the word before it, and the column takes the longest word's width.
        heading = "<br>".join(html.escape(title).replace(" → ", "\u00a0→ ").split(" "))
        out.append(
            f"<th width='{width}%' align='{side}' style='white-space: nowrap'>{heading}</th>"
        )
    out.append("</tr></thead>")
    for row in rows:
        out.append("<tr>")
        for (_title, width, align), cell in zip(columns, row, strict=True):
            # Numbers, times and card numbers never break; names and reasons wrap.
            wrap = "" if align == "left-wrap" else " style='white-space: nowrap'"
            side = "left" if align == "left-wrap" else align
            out.append(f"<td width='{width}%' align='{side}'{wrap}>{cell}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _total_columns(label: str, standalone: bool) -> list[tuple[str, int, str]]:
    asked = [
        (QCoreApplication.translate("report_document", "Entries"), 12, "right"),
        (QCoreApplication.translate("report_document", "Stamps asked"), 12, "right"),
        (QCoreApplication.translate("report_document", "Points asked"), 12, "right"),
    ]
    if standalone:
        return [(label, 64, "left-wrap"), *asked]
    # What the server applied: a standalone terminal has no server, so only what it did.
    applied = [
        (QCoreApplication.translate("report_document", "Stamps applied"), 12, "right"),
        (QCoreApplication.translate("report_document", "Points applied"), 12, "right"),
    ]
    return [(label, 40, "left-wrap"), *asked, *applied]


def _totals(t: Totals, standalone: bool) -> list[str]:
    asked = [str(t.entries), f"{t.stamps:+}", f"{t.points:+}"]
    return asked if standalone else [*asked, f"{t.applied_stamps:+}", f"{t.applied_points:+}"]


def report_html(close: Closing, terminal: str, manager: str, standalone: bool = False) -> str:
    """The report as HTML: shown on screen, and the same document goes to PDF and paper."""
    r = close.report
    sync_line = (
        QCoreApplication.translate(
            "report_document", "Standalone terminal: the report is this terminal's own journal."
        )
        if standalone
        else QCoreApplication.translate("report_document", "Synced with the server just now.")
        if close.synced
        else QCoreApplication.translate(
            "report_document",
            "<b>The sync did not complete</b>: figures include entries the server has not "
            "confirmed yet.",
        )
    )
    by_kind = [
        [html.escape(kind_words(kind)), *_totals(t, standalone)]
        for kind, t in sorted(r.by_kind.items())
    ]
    by_kind.append(
        [
            "<b>" + QCoreApplication.translate("report_document", "Total") + "</b>",
            *(f"<b>{v}</b>" for v in _totals(r.total, standalone)),
        ]
    )
    by_staff = [
        [html.escape(name), *_totals(t, standalone)] for name, t in sorted(r.by_staff.items())
    ]
    parts = [
        "<h2>"
        + QCoreApplication.translate("report_document", "End of day {day}").format(
            day=html.escape(day_text(r.day))
        )
        + "</h2>",
        "<p>"
        + QCoreApplication.translate("report_document", "{terminal} · closed by {manager}").format(
            terminal=html.escape(terminal), manager=html.escape(manager)
        )
        + f"<br>{sync_line}</p>",
        "<h3>" + QCoreApplication.translate("report_document", "By type") + "</h3>",
        _table(
            _total_columns(QCoreApplication.translate("report_document", "Type"), standalone),
            by_kind,
        ),
        "<h3>" + QCoreApplication.translate("report_document", "By staff") + "</h3>",
        _table(
            _total_columns(QCoreApplication.translate("report_document", "Staff"), standalone),
            by_staff,
        ),
    ]
    if not standalone:
        parts.append(
            "<p>"
            + QCoreApplication.translate(
                "report_document",
                "Asked: by this terminal. Applied: by the server, in the entries it answered.",
            )
            + "</p>"
        )
    if not standalone:  # a standalone terminal sends nothing: no answers to wait for
        answers = (
            html.escape(server_answers(r.statuses))
            if r.statuses
            else QCoreApplication.translate("report_document", "No entries today.")
        )
        parts += [
            "<h3>" + QCoreApplication.translate("report_document", "Server answers") + "</h3>",
            f"<p>{answers}</p>",
        ]
    if r.unconfirmed and not standalone:
        parts.append("<p>" + counts().not_yet_confirmed(r.unconfirmed) + "</p>")
    if r.problems:
        parts.append(
            "<h3>"
            + QCoreApplication.translate("report_document", "Refused or changed by the server")
            + "</h3>"
        )
        rows = [
            [
                str(p.seq),
                html.escape(clock_text(datetime.fromisoformat(p.local_time), seconds=True)),
                html.escape(p.staff),
                html.escape(p.card_number),
                html.escape(kind_words(p.kind)),
                html.escape(status_words(p.status)),
                html.escape(
                    f"{amounts(p.stamps_delta, p.points_delta)} → "
                    f"{amounts(p.applied_stamps, p.applied_points)}"
                ),
                html.escape(refusal_reason(p.outcome_code, p.outcome)),
            ]
            for p in r.problems
        ]
        head = [
            ("#", 5, "right"),
            (QCoreApplication.translate("report_document", "Time"), 9, "left"),
            (QCoreApplication.translate("report_document", "Staff"), 9, "left-wrap"),
            (QCoreApplication.translate("report_document", "Card"), 16, "left"),
            (QCoreApplication.translate("report_document", "Type"), 10, "left-wrap"),
            (QCoreApplication.translate("report_document", "Answer"), 12, "left-wrap"),
            (QCoreApplication.translate("report_document", "Asked → applied"), 16, "left-wrap"),
            (QCoreApplication.translate("report_document", "Reason"), 23, "left-wrap"),
        ]
        parts.append(_table(head, rows))
    else:
        parts.append(
            "<p>"
            + QCoreApplication.translate(
                "report_document", "Nothing was refused or changed by the server."
            )
            + "</p>"
        )
    return "".join(parts)


def paint_pages(document_html: str, device: QPagedPaintDevice, title: str) -> int:
    """Lays the document out on `device`'s pages, `title` and "Page n of m" on top of each;
    returns the number of pages."""
    dpi = device.logicalDpiY()
    to_px = dpi / 25.4
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)  # fonts measured at the paper's resolution
    doc.setDefaultFont(QFont("DejaVu Sans", 9))
    doc.setDefaultStyleSheet(_PRINT_STYLE)
    doc.setDocumentMargin(0)
    doc.setHtml(document_html)
    area = device.pageLayout().paintRectPixels(dpi)
    header = _HEADER_MM * to_px
    body = QSizeF(area.width(), area.height() - header)
    doc.setPageSize(body)  # the layout breaks pages between lines...
    _keep_rows_whole(doc, body.height())  # ...and here, between table rows only
    pages = doc.pageCount()
    painter = QPainter(device)
    try:
        small = QFont("DejaVu Sans", 8)
        for page in range(pages):
            if page:
                device.newPage()
            painter.setFont(small)
            line = QRectF(0, 0, body.width(), header * 0.6)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(line, int(flags), title)
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            page_of = QCoreApplication.translate(
                "report_document", "Page {page} of {pages}"
            ).format(page=page + 1, pages=pages)
            painter.drawText(line, int(right), page_of)
            painter.drawLine(0, int(header * 0.65), int(body.width()), int(header * 0.65))
            painter.save()
            painter.translate(0, header - page * body.height())
            doc.drawContents(painter, QRectF(0, page * body.height(), body.width(), body.height()))
            painter.restore()
    finally:
        painter.end()
    return pages


def _keep_rows_whole(doc: QTextDocument, page_height: float) -> None:
    """Moves each table row that would start on one page and end on the next to the next
    page (Qt's layout would split its cells line by line), by padding its top."""
    layout = doc.documentLayout()
    for _ in range(1000):  # one row per pass; a long report has a few per page
        for table in _tables(doc):
            row = _first_split_row(table, layout, page_height)
            if row is not None:
                index, push = row
                for column in range(table.columns()):
                    cell = table.cellAt(index, column)
                    fmt = cell.format().toTableCellFormat()
                    fmt.setTopPadding(fmt.topPadding() + push)
                    cell.setFormat(fmt)
                break
        else:
            return


def _tables(doc: QTextDocument) -> list[QTextTable]:
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


def _first_split_row(
    table: QTextTable, layout: QAbstractTextDocumentLayout, page_height: float
) -> tuple[int, float] | None:
    """The first row whose text starts on one page and ends on another, and how much top
    padding moves it to the next page."""
    heading = table.format().headerRowCount()
    heading_height = 0.0
    for index in range(table.rows()):
        tops, bottoms, lines = [], [], []
        for column in range(table.columns()):
            cell = table.cellAt(index, column)
            first = layout.blockBoundingRect(cell.firstCursorPosition().block())
            last = layout.blockBoundingRect(cell.lastCursorPosition().block())
            tops.append(first.top())
            bottoms.append(last.bottom())
            lines.append(first.height())
        top, bottom = min(tops), max(bottoms)
        if index < heading:
            heading_height += bottom - top
            continue
        page = int(top // page_height)
        end = (page + 1) * page_height
        if bottom > end + 0.5 and bottom - top < page_height - heading_height:
            # Just enough that its first line no longer fits: the layout then starts the
            # whole row on the next page, under the repeated heading.
            return index, end - top - min(lines) + 1
    return None


def write_pdf(document_html: str, path: Path, title: str, paper: str = "A4") -> int:
    """The report as a PDF on `paper` ("A4" or "Letter"); returns the number of pages."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(PAPER[paper]))
    writer.setPageMargins(QMarginsF(*(_MARGIN_MM,) * 4), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(title)
    return paint_pages(document_html, writer, title)
