"""The manager's end of day: PIN, sync, the day's report with every refusal, CSV and PDF."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.services.clock import local_now
from pos_app.store.outbox import Answer, record_answers
from pos_app.ui.end_of_day import EndOfDayDialog
from pos_app.ui.main_window import MainWindow
from pos_app.ui.sign_in import ManagerPinDialog


def open_end_of_day(qtbot: QtBot, window: MainWindow) -> EndOfDayDialog:
    assert window.counter is not None
    QTest.keyClick(window.counter, Qt.Key.Key_F8)
    pin = window.dialog
    assert isinstance(pin, ManagerPinDialog)
    pin.form.pin.setText("9999")
    QTest.mouseClick(pin.form.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.dialog, EndOfDayDialog))
    dialog = window.dialog
    assert isinstance(dialog, EndOfDayDialog)
    qtbot.waitUntil(lambda: dialog.close_ is not None)
    return dialog


def test_the_report_counts_the_day_per_staff_and_type_and_lists_refusals(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card], tmp_path: Path
) -> None:
    counter = counter_window.counter
    assert counter is not None
    for card in cards[0:4:2]:  # two stamp cards, one stamp each
        counter.handle_text(card.card_number)

        def shown(c: Card = card) -> bool:
            return counter.view is not None and counter.view.card.id == c.id

        qtbot.waitUntil(shown)
        counter.stamp()
        qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Stamp added"))
    # As if the server had refused the first stamp (another terminal stamped first).
    with counter.store.write() as conn:
        record_answers(
            conn,
            [Answer(1, "refused", "cooldown", "Stamped recently at another terminal", None, 0, 0)],
            local_now().isoformat(),
        )

    dialog = open_end_of_day(qtbot, counter_window)
    text = dialog.report.toPlainText()
    assert "closed by Sam" in text
    assert "Standalone terminal" in text
    assert "Stamps" in text
    assert "Alex" in text
    assert "Stamped recently at another terminal" in text
    assert dialog.close_ is not None
    assert dialog.close_.report.by_staff["Alex"].entries == 2
    assert dialog.close_.report.total.stamps == 2

    rows = tmp_path / "day.csv"
    assert dialog.export_csv(rows) == 2
    with rows.open() as f:
        lines = list(csv.DictReader(f))
    assert [r["status"] for r in lines] == ["refused", "pending"]
    pdf = tmp_path / "day.pdf"
    dialog.export_pdf(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 1000
