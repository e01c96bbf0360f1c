"""Words for people: the status strip, the counter and the end-of-day report say what
happened and what to do, never an exception's name; the report's PDF fits A4 and Letter;
the file dialog is as dark as the rest; the CSV carries no card credentials."""

from __future__ import annotations

import csv
import re
import socket
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import EarnPoints, OpKind
from pos_app.services.clock import local_now
from pos_app.services.counter import perform
from pos_app.services.end_of_day import KIND_WORDS, day_report
from pos_app.services.journal_view import journal_lines
from pos_app.services.sync import ServerLink
from pos_app.services.sync_loop import SyncLoop
from pos_app.store import Store
from pos_app.store.outbox import Answer, record_answers
from pos_app.ui.end_of_day import DayClose
from pos_app.ui.main_window import MainWindow
from pos_app.ui.report_document import report_html, write_pdf
from pos_app.ui.style import apply_style
from sync.engine.connectivity import Connectivity, SyncStatus
from tests.conftest import CASHIER
from tests.ui.conftest import MakeWindow
from tests.ui.keyboard import press
from tests.ui.test_keys import open_end_of_day_with_the_manager_pin, wait_for_counter_focus

ENGINEERS_WORDS = re.compile(r"Error|Errno|Exception|Traceback|\(s\)|_points|_stamps")


def free_port() -> int:
    with socket.socket() as s:  # a free port that nobody listens on
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_offline_is_said_in_words_with_no_exception_in_sight(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    window = make_window(
        sync_loop_factory=lambda store, _link: SyncLoop(store, ServerLink(url, "t"), interval_s=60)
    )
    strip = window.status_strip
    qtbot.waitUntil(
        lambda: (
            strip.status is not None
            and strip.status.state is Connectivity.OFFLINE
            and strip.status.detail is not None
        ),  # the first attempt failed, not just pending
        timeout=15_000,
    )
    text = strip.text.text()
    assert text.startswith(
        "Offline - the server cannot be reached; stamps are saved here and will sync"
    )
    assert not ENGINEERS_WORDS.search(text), text
    assert "Connection refused" not in text
    assert "ConnectError" in strip.text.toolTip()  # still at hand for whoever fixes it


def test_a_refused_terminal_is_told_what_to_do() -> None:
    from pos_app.ui.status_bar import describe

    status = SyncStatus(
        Connectivity.ERROR, 2, None, "the server refused this terminal (401): Unknown token"
    )
    text = describe(status)
    assert text.startswith("Sync stopped - the server refused this terminal; a manager must")
    assert "401" not in text


def test_pairing_with_no_server_says_so_in_words(qtbot: QtBot, window: MainWindow) -> None:
    from pos_app.ui.settings_dialog import SettingsDialog

    assert window.store is not None
    dialog = SettingsDialog(window.store, window.background, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.url.setText(f"http://127.0.0.1:{free_port()}")
    dialog.code.setText("ABCD-1234")
    dialog.pair()
    qtbot.waitUntil(lambda: dialog.pair_message.text().startswith("Pairing failed"), timeout=15_000)
    text = dialog.pair_message.text()
    assert "The server cannot be reached" in text
    assert not ENGINEERS_WORDS.search(text), text


def test_every_kind_of_entry_has_a_name_for_people() -> None:
    assert set(KIND_WORDS) == {kind.value for kind in OpKind}


@pytest.fixture
def styled() -> Iterator[None]:
    """The window's own look (the style sheet the app applies at start), for this test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet, font, style = app.styleSheet(), app.font(), app.style().name()
    apply_style(app)
    yield
    app.setStyleSheet(sheet)
    app.setFont(font)
    app.setStyle(style)


def test_the_report_uses_peoples_words_and_saving_is_good_news_in_a_dark_dialog(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card], tmp_path: Path, styled: None
) -> None:
    counter = counter_window.counter
    assert counter is not None
    counter.handle_text(cards[0].card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    press(qtbot, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Stamp added"))
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: counter.banner.text().startswith("↶  Undone"))

    dialog = open_end_of_day_with_the_manager_pin(qtbot, counter_window)
    text = dialog.report.toPlainText()
    assert "Undone" in text and "Stamps" in text
    assert "reverse" not in text
    assert "waiting" not in text and "not yet confirmed" not in text  # nothing to wait for
    assert not ENGINEERS_WORDS.search(text), text

    dialog.export_pdf(tmp_path / "day.pdf")
    assert dialog.message.text().startswith("Report saved to")
    assert dialog.message.property("tone") == "success"
    colour = dialog.message.palette().color(dialog.message.foregroundRole())
    assert colour.green() > colour.red(), "good news is not in warning amber"

    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    files = dialog.file_dialog
    assert isinstance(files, QFileDialog)
    assert files.testOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is files)
    image = files.grab().toImage()
    brightness = [
        QColor(image.pixel(x, y)).lightness()
        for x in range(0, image.width(), 8)
        for y in range(0, image.height(), 8)
    ]
    assert sum(brightness) / len(brightness) < 80, "the file dialog is white in a dark window"
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def test_the_csv_of_the_day_carries_no_qr_token(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card], tmp_path: Path
) -> None:
    counter = counter_window.counter
    assert counter is not None
    counter.handle_text(cards[0].qr_token)
    qtbot.waitUntil(lambda: counter.view is not None)
    counter.stamp()
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Stamp added"))
    counter.enroll()
    enroll = counter.dialog
    assert enroll is not None
    enroll.create_card()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: enroll.done_ is not None)  # type: ignore[attr-defined]
    token = enroll.done_.card.qr_token  # type: ignore[attr-defined]
    enroll.accept()
    wait_for_counter_focus(qtbot, counter_window)
    dialog = open_end_of_day_with_the_manager_pin(qtbot, counter_window)
    out = tmp_path / "day.csv"
    assert dialog.export_csv(out) == 2
    text = out.read_text()
    assert token not in text and cards[0].qr_token not in text
    assert [r["kind"] for r in csv.DictReader(out.open())] == ["stamp", "enroll"]


# --- the PDF -------------------------------------------------------------------------------


def busy_day(store: Store, cards: list[Card]) -> DayClose:
    """A long day: 90 entries from 08:21:20 on, every one refused with a long reason."""
    start = local_now().replace(hour=8, minute=21, second=20, microsecond=0)
    points_cards = cards[1::2]
    for i in range(90):
        card = points_cards[i % len(points_cards)]
        perform(
            store, CardRef.number(card.card_number), EarnPoints(500 + i), CASHIER,
            start + timedelta(minutes=5 * i),
        )  # fmt: skip
    reason = "The server refused it: the customer's card was replaced the same morning"
    with store.write() as conn:
        record_answers(
            conn,
            [Answer(seq, "refused", "card_inactive", reason, None) for seq in range(1, 91)],
            local_now().isoformat(),
        )
    lines = list(journal_lines(store))
    return DayClose(False, day_report(store, start.date()), lines)


def pdf_text(path: Path, page: int) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout


@pytest.mark.parametrize(("paper", "size"), [("A4", "595 x 842"), ("Letter", "612 x 792")])
def test_the_pdf_is_laid_out_for_the_paper_with_a_header_on_every_page(
    qapp: QApplication, demo_store: Store, cards: list[Card], tmp_path: Path, paper: str, size: str
) -> None:
    close = busy_day(demo_store, cards)
    path = tmp_path / f"day-{paper}.pdf"
    title = f"End of day {close.report.day.isoformat()} · Demo (store-1)"
    pages = write_pdf(report_html(close, "Demo (store-1)", "Sam"), path, title, paper)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert f"Pages:           {pages}" in info.stdout
    assert re.search(rf"Page size:\s+{size} pts", info.stdout), info.stdout
    assert pages >= 3
    times: list[str] = []
    for page in range(1, pages + 1):
        text = pdf_text(path, page)
        assert f"Page {page} of {pages}" in text
        assert f"End of day {close.report.day.isoformat()}" in text
        if page > 1:  # the table's heading comes again on each page it continues on
            assert re.search(r"#\s+Time\s+Sta\S+\s+Card\s+Type\s+Answer\s+Asked", text), text
        on_page = re.findall(r"\b\d\d:\d\d:\d\d\b", text)
        # No row is cut in two by a page break: each reason ends on its row's page.
        assert text.count("morning") == len(on_page), text
        times += on_page
    # Every time is whole on one line: none wrapped as "08:21:2 / 0".
    assert times[0] == "08:21:20"
    assert len(times) == 90


def test_a_database_that_cannot_be_written_is_said_in_a_sentence(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import DBAPIError

    from pos_app.store.errors import database_failure
    from pos_app.ui.error_words import for_people

    db = tmp_path / "terminal.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE t (x)")
    read_only = f"file:{db}?mode=ro"
    with pytest.raises(sqlite3.Error) as raw:
        sqlite3.connect(read_only, uri=True).execute("INSERT INTO t VALUES (1)")
    engine = create_engine(f"sqlite:///{read_only}&uri=true")
    with pytest.raises(DBAPIError) as wrapped, engine.begin() as conn:
        conn.execute(text("INSERT INTO t VALUES (1)"))
    engine.dispose()
    for error in (raw.value, wrapped.value, database_failure(db, raw.value)):
        words = for_people(error)
        assert words.startswith("This terminal's database cannot be used just now"), words
        assert "readonly" not in words and "INSERT" not in words
        assert not ENGINEERS_WORDS.search(words), words
