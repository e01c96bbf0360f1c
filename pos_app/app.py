"""The cashier's window: `python -m pos_app.app [--db PATH] [--camera SOURCE] [--self-test]`.

Without a database at PATH the window starts with the first-run screen (pair with a
server, or try the demo). `--self-test` starts everything as usual, camera included,
prints `READY <seconds>` when the first screen is up and `RSS_MB <n>` once the camera
has delivered frames, then exits: the startup benchmark and packaging checks use it.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()


def default_db() -> Path:
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "loyalty-pos" / "terminal.db"


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
    parser = argparse.ArgumentParser(prog="pos_app.app", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=default_db(), help="terminal database")
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
    server = None
    if args.demo:
        from pos_app.services.embedded_server import demo_terminal, start_embedded_server

        demo_dir = default_db().parent / "demo"
        if args.db == default_db():
            args.db = demo_dir / "terminal.db"
        print(f"Starting the demo server in {demo_dir} ...", flush=True)
        server = start_embedded_server(demo_dir)
        demo_terminal(args.db, server).close()
        print(f"Demo server at {server.url}; terminal database {args.db}", flush=True)
        print("Sign in as Alex (PIN 1234, cashier) or Sam (PIN 9999, manager).", flush=True)
        args.camera = args.camera or "demo"
    try:
        return run_window(args)
    finally:
        if server is not None:
            server.stop()


def run_window(args: argparse.Namespace) -> int:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from pos_app.ui.main_window import MainWindow
    from pos_app.ui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Loyalty terminal")
    apply_style(app)
    window = MainWindow(args.db, camera=args.camera)
    window.resize(1366, 820)

    if args.self_test:
        frames_at_ready = 0

        def report_ready() -> None:
            nonlocal frames_at_ready
            print(f"READY {time.perf_counter() - STARTED:.3f}", flush=True)
            frames_at_ready = window.counter.camera.frames_shown if window.counter else 0
            QTimer.singleShot(round(args.self_test_seconds * 1000), finish)

        def finish() -> None:
            shown = window.counter.camera.frames_shown if window.counter else 0
            print(f"FRAMES {shown - frames_at_ready}", flush=True)
            print(f"RSS_MB {rss_mb():.1f}", flush=True)
            window.close()
            app.quit()

        window.ready.connect(report_ready, type=Qt.ConnectionType.SingleShotConnection)

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
