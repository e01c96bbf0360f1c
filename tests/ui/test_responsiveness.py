"""Nothing slow on the GUI thread: with a server that accepts and never answers, the
event loop keeps ticking through a sync attempt and an end of day, and the counter works."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.services.sync import ServerLink
from pos_app.services.sync_loop import SyncLoop
from pos_app.store import Store
from pos_app.ui.end_of_day import EndOfDayDialog
from sync.engine.client import ServerClient
from sync.engine.connectivity import Connectivity
from tests.ui.conftest import MakeWindow, sign_in
from tests.ui.test_end_of_day import open_end_of_day

HANG_S = 1.5
MAX_GAP_S = 0.25  # a tick every 20 ms; a blocked GUI thread would miss 1.5 s of them


@pytest.fixture
def hanging_server() -> Iterator[str]:
    """A TCP server that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                held.append(conn)
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    server.close()


class Ticks:
    """Counts event-loop ticks and remembers the longest gap between two."""

    def __init__(self) -> None:
        self.last = time.monotonic()
        self.max_gap = 0.0
        self.count = 0
        self.timer = QTimer(interval=20)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        now = time.monotonic()
        self.max_gap = max(self.max_gap, now - self.last)
        self.last = now
        self.count += 1


def test_the_event_loop_keeps_ticking_while_the_server_hangs(
    qtbot: QtBot, make_window: MakeWindow, hanging_server: str, cards: list[Card]
) -> None:
    def hanging_loop(store: Store, _link: ServerLink | None) -> SyncLoop:
        return SyncLoop(
            store,
            ServerLink(hanging_server, "terminal-token"),
            interval_s=60,
            client_factory=lambda link: ServerClient(
                link.url, link.token, timeout=httpx.Timeout(HANG_S)
            ),
        )

    window = make_window(sync_loop_factory=hanging_loop)
    sign_in(qtbot, window)
    ticks = Ticks()
    strip = window.status_strip
    qtbot.waitUntil(lambda: strip.status is not None and strip.status.state is Connectivity.SYNCING)

    # The counter serves customers during the hang.
    counter = window.counter
    assert counter is not None
    counter.handle_text(cards[0].card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    counter.stamp()
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Stamp added"))

    qtbot.waitUntil(
        lambda: strip.status is not None and strip.status.state is Connectivity.OFFLINE,
        timeout=int(HANG_S * 1000 * 4),
    )
    assert strip.pill.text() == "OFFLINE"

    # The manager's end of day tries the server again, and the screen still breathes.
    dialog = open_end_of_day(qtbot, window)
    assert isinstance(dialog, EndOfDayDialog)
    assert dialog.close_ is not None and not dialog.close_.synced
    assert "did not complete" in dialog.report.toPlainText()
    ticks.timer.stop()
    assert ticks.count > 2 * HANG_S / 0.02 * 0.5
    assert ticks.max_gap < MAX_GAP_S, f"the GUI thread stalled for {ticks.max_gap:.3f} s"
