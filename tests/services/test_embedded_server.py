"""The demo as `make run` starts it: the embedded server process, the demo terminal paired
with it, and the demo camera's video read by the real capture code.

Every card the demo video shows must be found at the counter; its Wi-Fi code refused. The
server is a real `loyalty-server serve` child process; whatever else answers on a port it
might have had must not be taken for it.
"""

from __future__ import annotations

import json
import os
import queue
import stat
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pos_app.domain.identifiers import CardRef
from pos_app.scanner.capture import Capture, CaptureSettings, CaptureState, Frame
from pos_app.scanner.frame_scanner import FrameScanner
from pos_app.scanner.payload import Rejection, parse_scan
from pos_app.services import embedded_server
from pos_app.services.embedded_server import (
    EmbeddedServer,
    answers_as,
    demo_terminal,
    start_embedded_server,
)
from pos_app.services.errors import ServiceError
from pos_app.services.lookup import CardView, find_or_fetch
from pos_app.services.scan_rules import payload_rules
from pos_app.services.sync import server_link
from pos_app.store.private_files import companions
from pos_app.ui.demo_video import WIFI_CODE, default_demo_video, demo_texts

DEMO_CARDS = 40


class Impostor(BaseHTTPRequestHandler):
    """Another HTTP server on the port: healthy-looking, and it knows no terminal."""

    def do_GET(self) -> None:
        if self.path == "/v1/health":
            self._answer(200, {"status": "ok", "protocol": 1, "server_time": "2026-01-01T00:00Z"})
        else:
            self._answer(401, {"detail": "Unknown token"})

    def do_POST(self) -> None:
        self._answer(401, {"detail": "Unknown pairing code"})

    def _answer(self, status: int, body: dict[str, object]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def impostor_on(port: int) -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", port), Impostor)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def port_of(url: str) -> int:
    port = urlsplit(url).port
    assert port is not None
    return port


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    return tmp_path / "demo"


@pytest.fixture
def server(demo_dir: Path) -> Iterator[EmbeddedServer]:
    started = start_embedded_server(demo_dir, demo_cards=DEMO_CARDS)
    yield started
    started.stop()


def test_every_card_in_the_demo_video_is_found_and_its_wifi_code_refused(
    server: EmbeddedServer, demo_dir: Path
) -> None:
    store = demo_terminal(demo_dir / "terminal.db", server)
    rules = payload_rules(store)
    scanner = FrameScanner(rules=rules)
    # Every frame, unpaced: the scan as at the counter, without waiting the video's length.
    frames: queue.Queue[Frame] = queue.Queue()
    capture = Capture(
        str(default_demo_video()), CaptureSettings(realtime=False), on_frame=frames.put
    )
    with capture:
        assert capture.wait_until({CaptureState.ENDED}, timeout=60)
    seen: dict[str, CardRef | Rejection] = {}
    while not frames.empty():
        for event in scanner.scan(frames.get()):
            # The counter's path: the text under this terminal's rules, then the lookup.
            seen[event.text] = parse_scan(event.text, rules)
    try:
        *card_tokens, wifi = demo_texts()
        assert wifi == WIFI_CODE
        assert set(seen) == {*card_tokens, WIFI_CODE}
        assert isinstance(seen[WIFI_CODE], Rejection)
        for token in card_tokens:
            ref = seen[token]
            assert isinstance(ref, CardRef)
            view = find_or_fetch(store, ref)
            assert isinstance(view, CardView), view
            assert view.card.qr_token == token
    finally:
        store.close()


def test_a_second_start_with_the_old_port_taken_pairs_with_its_own_server(
    demo_dir: Path,
) -> None:
    first = start_embedded_server(demo_dir, demo_cards=DEMO_CARDS)
    demo_terminal(demo_dir / "terminal.db", first).close()
    first.stop()
    old_port = port_of(first.url)
    for _ in impostor_on(old_port):
        second = start_embedded_server(demo_dir, demo_cards=DEMO_CARDS)
        try:
            assert port_of(second.url) != old_port
            store = demo_terminal(demo_dir / "terminal.db", second)  # syncs: its token works
            link = server_link(store)
            store.close()
            assert link is not None
            assert link.url == second.url
        finally:
            second.stop()


def test_a_port_taken_between_the_look_and_the_bind_is_not_taken_for_the_server(
    demo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = embedded_server.free_port()
    ports = iter([taken])
    real_free_port = embedded_server.free_port
    monkeypatch.setattr(embedded_server, "free_port", lambda: next(ports, None) or real_free_port())
    for impostor in impostor_on(taken):
        server = start_embedded_server(demo_dir, demo_cards=DEMO_CARDS)
        try:
            assert port_of(server.url) != taken
            assert not answers_as(f"http://127.0.0.1:{impostor.server_port}", "anything")
            demo_terminal(demo_dir / "terminal.db", server).close()
        finally:
            server.stop()


def test_a_demo_server_seeded_with_other_cards_is_refused_with_one_line(
    demo_dir: Path,
) -> None:
    start_embedded_server(demo_dir, demo_cards=DEMO_CARDS).stop()
    (demo_dir / "server.seed").write_text("cards of an older version")
    with pytest.raises(ServiceError, match="remove the folder") as refused:
        start_embedded_server(demo_dir, demo_cards=DEMO_CARDS)
    assert "\n" not in str(refused.value)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_its_database_and_folder_are_private(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        server = start_embedded_server(tmp_path / "demo", demo_cards=3)
    finally:
        os.umask(old_umask)
    try:
        files = [path for path in companions(tmp_path / "demo" / "server.db") if path.exists()]
        modes = {path.name: _mode(path) for path in files}
    finally:
        server.stop()
    assert _mode(tmp_path / "demo") == 0o700
    assert modes["server.db"] == 0o600
    assert set(modes.values()) == {0o600}
