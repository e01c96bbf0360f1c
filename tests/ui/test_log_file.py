"""The terminal's log file: what happens at the counter is there, its secrets are not.

A real counter is paired with a real server, a cashier signs in (after a wrong PIN), scans a
card by its QR token and an unknown token (looked up on the server), stamps and syncs, with
the log at DEBUG and HTTP request lines on; an uncaught exception and a Qt warning that
carry a token are routed to the same file. Then the file is read as a support engineer would.
"""

from __future__ import annotations

import logging
import re
import secrets
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, qInstallMessageHandler, qWarning
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from pos_app.logs import LOG_NAME, install_logging, log_file, redact
from pos_app.services.pairing import pair_terminal
from pos_app.services.sync import server_link
from pos_app.ui.main_window import MainWindow
from pos_app.ui.qt_log import route_qt_messages
from pos_app.ui.settings_dialog import SettingsDialog
from pos_app.ui.terminal_settings import load_settings
from sync.engine.connectivity import Connectivity
from tests.server.conftest import ServerProcess, make_merchant, pair_code
from tests.sync.harness import Terminal
from tests.ui.conftest import CASHIER, CASHIER_PIN

WRONG_PIN = "8642"


@pytest.fixture
def log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The log installed as the app installs it, at DEBUG; the process restored after."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    folder = tmp_path / "log"
    install_logging(folder, level=logging.DEBUG)
    for chatty in ("httpx", "httpcore"):
        logging.getLogger(chatty).setLevel(logging.DEBUG)  # request lines, URLs and all
    # Put back afterwards: left installed, every later test's Qt messages would become log
    # records that pytest keeps (and the refcount guard would count what they hold). The
    # tests using this fixture are marked no_qt_log: pytest-qt's own handler, restored by
    # pytest-qt before this teardown, would otherwise be the one put back and stay.
    previous = route_qt_messages()
    yield folder
    qInstallMessageHandler(previous)  # type: ignore[arg-type]
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    for chatty in ("httpx", "httpcore"):
        logging.getLogger(chatty).setLevel(logging.NOTSET)


@pytest.mark.qt_no_exception_capture  # the test raises one on purpose, for the log's hook
@pytest.mark.no_qt_log  # Qt's messages go to the log here (see log_folder)
def test_the_log_keeps_what_happened_and_no_secret(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path, log_folder: Path
) -> None:
    shop = make_merchant(server, card_count=4)
    code = pair_code(server, shop.stores[0])
    store = pair_terminal(tmp_path / "t.db", server.base_url, code, "Till 1")
    link = server_link(store)
    assert link is not None
    Terminal(store, shop, server.base_url).sync()  # staff, programs and cards come down
    window = MainWindow(store.path, store, camera="")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.loop is not None)
    strip = window.status_strip
    qtbot.waitUntil(
        lambda: strip.pill.property("state") == Connectivity.ONLINE.value, timeout=15000
    )
    assert window.sign_in is not None
    form = window.sign_in.form
    form.choose(CASHIER)
    for pin in (WRONG_PIN, CASHIER_PIN):
        for digit in pin:
            QTest.mouseClick(form.keypad.buttons[digit], Qt.MouseButton.LeftButton)
        QTest.mouseClick(form.go, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not form.busy, timeout=10000)
    assert window.staff is not None
    counter = window.counter
    assert counter is not None

    unknown = secrets.token_urlsafe(24)
    counter.handle_text(unknown)  # not on this terminal: asked of the server (GET ?token=)
    card = shop.card(shop.stamps)
    counter.handle_text(card.qr_token)
    qtbot.waitUntil(lambda: counter.view is not None and counter.view.card.id == card.id)
    QTest.keyClick(counter, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: counter.banner.property("tone") == "success")
    qtbot.waitUntil(lambda: "nothing waiting" in strip.text.text(), timeout=15000)

    try:
        raise RuntimeError(f"card {card.qr_token} could not be drawn")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    qWarning(f"QFont: no glyph for token={link.token}")

    dialog = SettingsDialog(store, window.background, load_settings(store), window)
    assert dialog.log_path.text() == str(log_folder / LOG_NAME) == str(log_file())
    dialog.reject()
    window.shutdown()

    text = (log_folder / LOG_NAME).read_text(encoding="utf-8")
    assert "GET " in text and "/v1/cards/lookup" in text  # the request lines are there
    assert "uncaught exception" in text and "RuntimeError: card [redacted]" in text
    assert "QFont: no glyph for token=[redacted]" in text
    secrets_written = {
        "terminal token": link.token,
        "pairing code": code,
        "QR token of the card": card.qr_token,
        "QR token scanned": unknown,
    }
    for what, value in secrets_written.items():
        assert value not in text, f"the {what} is in the log"
    for pin in (WRONG_PIN, CASHIER_PIN):
        assert not re.search(rf"\b{pin}\b", text), f"a PIN ({pin}) is in the log"


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (
            "GET http://h/v1/cards/lookup?token=abc&x=1",
            "GET http://h/v1/cards/lookup?token=[redacted]&x=1",
        ),
        ('{"pin": "1234", "name": "Alex"}', '{"pin": "[redacted]", "name": "Alex"}'),
        ("Authorization: Bearer Zm9v.YmFy", "Authorization: Bearer [redacted]"),
        (
            "terminal 123e4567-e89b-12d3-a456-426614174000 entry 9f86d081884c7d659a2feaa0c55ad015",
            "terminal 123e4567-e89b-12d3-a456-426614174000 entry 9f86d081884c7d659a2feaa0c55ad015",
        ),
        ("in background_job_runner_callback", "in background_job_runner_callback"),
    ],
)
def test_redact_blanks_values_not_names(line: str, kept: str) -> None:
    assert redact(line) == kept


def test_any_qr_token_is_blanked_wherever_it_stands() -> None:
    for _ in range(200):
        token = secrets.token_urlsafe(24)
        assert token not in redact(f"scan {token}: unknown card")
