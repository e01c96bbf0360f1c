"""The enrolment QR code on a paired terminal is the card's page on the server, where the
customer adds the card to a phone's wallet; this terminal's scanner takes it back."""

from __future__ import annotations

import numpy as np
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from pos_app.domain.identifiers import CardRef
from pos_app.scanner.payload import parse_scan
from pos_app.services.scan_rules import payload_rules
from pos_app.store.terminal import URL_KEY, put_setting
from pos_app.ui.enroll_dialog import EnrollDialog
from pos_app.ui.main_window import MainWindow


def test_the_enrolment_qr_is_the_cards_link_on_the_paired_server(
    qtbot: QtBot, counter_window: MainWindow
) -> None:
    counter = counter_window.counter
    assert counter is not None
    with counter.store.write() as conn:
        put_setting(conn, URL_KEY, "https://127.0.0.1:9")  # nothing answers there
    QTest.keyClick(counter, Qt.Key.Key_F6)
    dialog = counter.dialog
    assert isinstance(dialog, EnrollDialog)
    QTest.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.done_ is not None)
    assert dialog.done_ is not None and dialog.qr.image is not None
    token = dialog.done_.card.qr_token

    image = dialog.qr.image.convertToFormat(QImage.Format.Format_Grayscale8)
    stride = image.bytesPerLine()
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), stride)
    [code] = zxingcpp.read_barcodes(np.ascontiguousarray(pixels[:, : image.width()]))
    assert code.text == f"https://127.0.0.1/c/{token}"
    assert parse_scan(code.text, payload_rules(counter.store)) == CardRef.token(token)
    assert "wallet" in dialog.hint.text()
    dialog.accept()
