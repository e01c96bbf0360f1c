"""The cashier's window: `python -m pos_app.app [--db PATH] [--camera SOURCE] [--self-test]`.

Without a database at PATH the window starts with the first-run screen (pair with a
server, or try the demo). It prints `READY <seconds>` when the first screen is up; closing
the window, SIGTERM and Ctrl+C end it with exit status 0. `--self-test` starts everything
as usual, camera included, prints `FRAMES <n>` and `RSS_MB <n>` once the camera has run,
then checks the native parts (each QR decoder reads the bundled test image, QtMultimedia
loads, a new store migrates) and exits: 0 after `SELF-TEST OK`, 1 after a one-line
`SELF-TEST FAILED: <reason>`. Without `--db` it runs on a demo terminal in a temporary
folder, with the demo camera. The startup benchmark and the packaging test use it.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pos_app.paths import default_db, log_dir

STARTED = time.perf_counter()
FROZEN = bool(getattr(sys, "frozen", False))  # running from the PyInstaller bundle
SELF_TEST_QR = ("selftest-qr.png",)  # the first demo card's QR code (pos_app.resources)
SELF_TEST_DECODERS = ("zxing", "zbar", "opencv")
OPTIONAL_DECODERS = frozenset({"zbar"})
"""Decoders whose library a machine may lack (ZBar's is a system package)."""
SELF_TEST_TIMEOUT_S = 60.0


def rss_mb() -> float:
    """Resident memory of this process, from /proc (Linux); 0 where it is unknown."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="loyalty-pos" if FROZEN else "pos_app.app", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--db", type=Path, help=f"terminal database (default {default_db()})")
    parser.add_argument(
        "--camera", help="camera index, video file, stream URL, or 'demo' (overrides settings)"
    )
    parser.add_argument("--self-test", action="store_true", help="start, report, exit")
    parser.add_argument(
        "--self-test-seconds", type=float, default=3.0, help="how long the camera runs"
    )
    parser.add_argument("--fullscreen", action="store_true", help="fill the screen (kiosk)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run with a local demo server (started, seeded and paired as needed); "
        "the databases live in the demo folder unless --db is given",
    )
    return parser.parse_args(argv)


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not has_display():
        print(
            "error: no display to open the window on; run it in a desktop session, "
            "or under a virtual one: xvfb-run -a make run",
            file=sys.stderr,
        )
        return 2
    if args.self_test:
        return self_test(args)
    from pos_app.logs import install_logging

    logging.getLogger(__name__).info("terminal starting; log in %s", install_logging(log_dir()))
    server = None
    if args.demo:
        if FROZEN:
            # The demo server is `python -m sync.server.cli` in a child process: a bundle
            # has no Python to run it with, and does not carry the server.
            print(
                "error: --demo needs the central server, which this bundle does not carry; "
                "use `make run` from the source tree, or 'Try the demo' on the first-run "
                "screen for a demo shop without a server",
                file=sys.stderr,
            )
            return 2
        from pos_app.domain.demo import DEMO_STAFF
        from pos_app.services.embedded_server import demo_terminal, start_embedded_server
        from pos_app.services.errors import ServiceError
        from sync.engine.client import SyncError

        demo_dir = default_db().parent / "demo"
        if args.db is None:
            args.db = demo_dir / "terminal.db"
        print(f"Starting the demo server in {demo_dir} ...", flush=True)
        try:
            server = start_embedded_server(demo_dir)
            demo_terminal(args.db, server).close()
        except (ServiceError, SyncError) as exc:
            if server is not None:
                server.stop()
            print(f"error: the demo cannot start: {' '.join(str(exc).split())}", file=sys.stderr)
            return 1
        print(f"Demo server at {server.url}; terminal database {args.db}", flush=True)
        staff = " or ".join(f"{s.name} (PIN {s.pin}, {s.role})" for s in DEMO_STAFF)
        print(f"Sign in as {staff}.", flush=True)
        args.camera = args.camera or "demo"
    if args.db is None:
        args.db = default_db()
    try:
        return run_window(args)
    finally:
        if server is not None:
            server.stop()


class SelfTestError(Exception):
    """A self-test check failed; the message is the one-line reason."""


@dataclass
class WindowReport:
    """What a self-test run of the window saw."""

    ready: bool = False
    frames: int = 0
    error: str = ""


def self_test(args: argparse.Namespace) -> int:
    """The window as usual (on a throwaway demo terminal unless --db is given), then the
    native parts; 0 after `SELF-TEST OK`, 1 after a one-line `SELF-TEST FAILED: reason`."""
    with tempfile.TemporaryDirectory(prefix="loyalty-pos-self-test-") as tmp:
        from pos_app.logs import install_logging

        install_logging(Path(tmp) / "log")  # a self-test leaves nothing behind
        try:
            own_terminal = args.db is None
            if own_terminal:
                from pos_app.ui.first_run import create_demo
                from pos_app.ui.terminal_settings import DEMO_CAMERA

                args.db = Path(tmp) / "terminal.db"
                args.camera = args.camera or DEMO_CAMERA
                create_demo(args.db).close()
            report = WindowReport()
            code = run_window(args, report)
            if report.error:
                raise SelfTestError(report.error)
            if code != 0:
                raise SelfTestError(f"the window's event loop ended with code {code}")
            if own_terminal and report.frames == 0:
                raise SelfTestError("the demo camera delivered no frames")
            decoders = check_decoders()
            # QSoundEffect's library loads (a sound device is the machine's business).
            importlib.import_module("PySide6.QtMultimedia")
            revision = check_store(Path(tmp) / "migration-check.db")
        except Exception as exc:
            reason = " ".join(f"{type(exc).__name__}: {exc}".split())
            if isinstance(exc, SelfTestError):
                reason = " ".join(str(exc).split())
            print(f"SELF-TEST FAILED: {reason}", file=sys.stderr, flush=True)
            return 1
    print(
        f"SELF-TEST OK decoders={','.join(decoders)} schema={revision} frames={report.frames}",
        flush=True,
    )
    return 0


def check_decoders() -> list[str]:
    """Every decoder reads the first demo card from the bundled test image."""
    import cv2
    import numpy as np

    from pos_app.domain.demo import demo_cards
    from pos_app.resources import resource_path
    from pos_app.scanner.decoders import DecoderUnavailableError, decoder_by_name

    path = resource_path(*SELF_TEST_QR)
    read = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    if read is None:
        raise SelfTestError(f"cannot read the test image {path}")
    image = np.asarray(read, dtype=np.uint8)
    expected = [demo_cards(1)[0].qr_token]
    checked = []
    for name in SELF_TEST_DECODERS:
        try:
            decoder = decoder_by_name(name)
        except DecoderUnavailableError:
            if name in OPTIONAL_DECODERS:
                continue  # offered in Settings with its reason; the others must work
            raise
        found = decoder.decode(image)
        if found != expected:
            raise SelfTestError(f"the {name} decoder read {found!r} from {path.name}")
        checked.append(name)
    return checked


def check_store(path: Path) -> str:
    """A new store at `path` opens and migrates to the newest schema; returns its revision."""
    from pos_app.store import open_store
    from pos_app.store.database import head_revision

    store = open_store(path)
    try:
        with store.read() as conn:
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    finally:
        store.close()
    if revision != head_revision():
        raise SelfTestError(f"a new store migrated to {revision!r}, not to {head_revision()}")
    return str(revision)


def run_window(args: argparse.Namespace, report: WindowReport | None = None) -> int:
    """Show the window until it is closed; with `report`, the self-test's timed run."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from pos_app.ui.main_window import MainWindow
    from pos_app.ui.qt_log import route_qt_messages
    from pos_app.ui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    route_qt_messages()
    from pos_app.ui.i18n import install_language

    install_language()  # before the first widget: every text is made in the language
    app.setApplicationName("Loyalty terminal")
    apply_style(app)
    window = MainWindow(args.db, camera=args.camera)  # sized for its screen

    def say_ready() -> None:
        print(f"READY {time.perf_counter() - STARTED:.3f}", flush=True)

    window.ready.connect(say_ready, type=Qt.ConnectionType.SingleShotConnection)
    if report is not None:
        frames_at_ready = 0

        def report_ready() -> None:
            nonlocal frames_at_ready
            report.ready = True
            frames_at_ready = window.counter.camera.frames_shown if window.counter else 0
            QTimer.singleShot(round(args.self_test_seconds * 1000), finish)

        def finish() -> None:
            shown = window.counter.camera.frames_shown if window.counter else 0
            report.frames = shown - frames_at_ready
            print(f"FRAMES {report.frames}", flush=True)
            print(f"RSS_MB {rss_mb():.1f}", flush=True)
            window.close()
            app.quit()

        def too_slow() -> None:
            if not report.ready:
                report.error = f"the window was not ready within {SELF_TEST_TIMEOUT_S:.0f} s"
                window.close()
                app.quit()

        window.ready.connect(report_ready, type=Qt.ConnectionType.SingleShotConnection)
        QTimer.singleShot(round(SELF_TEST_TIMEOUT_S * 1000), too_slow)

    # SIGTERM and Ctrl+C close the window cleanly (camera released, demo server stopped);
    # the idle timer hands control to Python now and then so the handler can run.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: app.quit())
    wake_python = QTimer(window)
    wake_python.start(300)

    if args.fullscreen:
        window.showFullScreen()
    else:
        window.show()
    code = app.exec()
    window.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(main())
