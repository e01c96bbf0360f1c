"""A shift at the counter, compressed: the real window with the demo camera for N frames,
then a normal close, in a process of its own so its exit status is the real one.

    python -m benchmarks soak [--frames 100000] [--warmup 10000] [--timeout 7200]

The child runs `pos_app.app.run_window` (the window `python -m pos_app.app` shows, with
its signal handlers and shutdown) offscreen on a demo terminal, signs the cashier in at
the keypad, and plays the demo video through the capture code as fast as it decodes
(not paced to the video's 10 fps), with the preview, the scans and the card lookups of a
real counter. After `--warmup` frames and again after `--frames` more it stops the
camera for a moment and reads `sys.getrefcount` of None, True and False and the resident
memory; then it closes the window as a window manager does. A Qt binding that drops a
reference on each call (PySide6 6.12 on CPython 3.11) drifts, then aborts: at the latest
on that close, with `Fatal Python error: bool_dealloc`.

Bars: alive (the child reached the close), drift 0, RSS growth <= 20 MB, exit code 0.
On CPython >= 3.12 None, True and False are immortal: their count never moves, so the
drift reads 0 whatever the binding does (the exit status still counts).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks._report import print_json, print_table

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[1]
RSS_GROWTH_BAR_MB = 20.0
MARK = "SOAK "
PROGRESS_EVERY = 10_000
READINGS = 5


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks soak", description=__doc__)
    parser.add_argument("--frames", type=int, default=100_000, help="frames after the warm-up")
    parser.add_argument("--warmup", type=int, default=10_000, help="frames before the baseline")
    parser.add_argument("--timeout", type=float, default=7_200.0, help="seconds before giving up")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--video", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.frames < 1 or args.warmup < 1:
        parser.error("--frames and --warmup must be at least 1")
    if args.child:
        return child(args)
    return parent(args)


# --- the parent: starts the child, reads its marks, reports ------------------------------


def parent(args: argparse.Namespace) -> int:
    from pos_app.ui.demo_video import default_demo_video
    from pos_app.ui.first_run import create_demo

    with tempfile.TemporaryDirectory(prefix="pos-soak-") as tmp:
        db = Path(tmp) / "terminal.db"
        create_demo(db).close()
        command = [
            *(sys.executable, "-m", "benchmarks", "soak", "--child"),
            *("--db", str(db), "--video", str(default_demo_video())),
            *("--frames", str(args.frames), "--warmup", str(args.warmup)),
        ]
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            cwd=REPO,  # where `-m benchmarks` is found
        )
        marks, stderr = read_child(process, args.timeout)
        seconds = time.perf_counter() - started
    return report(marks, process.returncode, stderr, seconds)


def read_child(
    process: subprocess.Popen[str], timeout: float
) -> tuple[dict[str, dict[str, Any]], str]:
    """The child's marks by name; kills it after `timeout` seconds (then it was not alive)."""
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
    marks: dict[str, dict[str, Any]] = {}
    for line in stdout.splitlines():
        if line.startswith(MARK):
            mark: dict[str, Any] = json.loads(line[len(MARK) :])
            marks[mark["mark"]] = mark
    return marks, stderr


def report(marks: dict[str, dict[str, Any]], exit_code: int, stderr: str, seconds: float) -> int:
    base, end = marks.get("baseline"), marks.get("end")
    rows = [
        (
            name,
            m["frames"],
            m["previews"],
            m["scans"],
            m["none"],
            m["true"],
            m["false"],
            m["rss_mb"],
        )
        for name, m in (("baseline", base), ("end", end))
        if m is not None
    ]
    print_table(["mark", "frames", "previews", "scans", "None", "True", "False", "rss_mb"], rows)
    alive = base is not None and end is not None and "closing" in marks
    frames = end["frames"] - base["frames"] if alive and base and end else 0

    def drift(key: str) -> int | None:
        return end[key] - base[key] if alive and base and end else None

    growth = round(end["rss_mb"] - base["rss_mb"], 1) if alive and base and end else None
    faults = [line for line in stderr.splitlines() if "propagateSizeHints" not in line]
    if faults:
        print("\nthe window's stderr:\n" + "\n".join(faults[-20:]))
    passed = (
        alive
        and drift("none") == drift("true") == drift("false") == 0
        and growth is not None
        and growth <= RSS_GROWTH_BAR_MB
        and exit_code == 0
    )
    fps = frames / (end["seconds"] - base["seconds"]) if alive and base and end else 0.0
    print(
        f"\n{frames} frames after the warm-up at {fps:.0f} frames/s, {seconds:.0f} s in all; "
        f"python {sys.version.split()[0]}"
    )
    print(f"bars: alive, drift 0 (None, True, False), rss growth <= {RSS_GROWTH_BAR_MB} MB, exit 0")
    print_json(
        {
            "frames": frames,
            "alive": alive,
            "none_refcount_drift": drift("none"),
            "true_refcount_drift": drift("true"),
            "false_refcount_drift": drift("false"),
            "rss_growth_mb": growth,
            "exit_code": exit_code,
            "seconds": round(seconds, 1),
            "passed": passed,
        }
    )
    return 0 if passed else 1


# --- the child: the real window, signed in, camera unpaced -------------------------------


def child(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication

    import pos_app.app

    qt = QApplication(sys.argv[:1])
    soak = Soak(args.video, args.warmup, args.frames)
    soak.poll.start()
    # The app's own window, loop and shutdown: `python -m pos_app.app --db DB --camera VIDEO`.
    window_args = argparse.Namespace(db=args.db, camera=str(args.video), fullscreen=False)
    code = pos_app.app.run_window(window_args)
    del qt
    return code


def refcounts() -> dict[str, int]:
    return {
        "none": sys.getrefcount(None),
        "true": sys.getrefcount(True),
        "false": sys.getrefcount(False),
    }


class Soak:
    """Drives the window from its own event loop: sign in, run, measure, close.

    One timer, connected once, polls: PySide6 6.11's `QTimer.singleShot(ms > 0, callable)`
    keeps three references to None per call, which a polling chain of them would add to
    the very counts this measures (the window itself makes no such calls).
    """

    def __init__(self, video: Path, warmup: int, frames: int) -> None:
        from PySide6.QtCore import QTimer

        self.video = video
        self.warmup = warmup
        self.frames = frames
        self.started = time.perf_counter()
        self.next_progress = PROGRESS_EVERY
        self.scans = 0
        self.window: MainWindow | None = None
        self.target = 0
        self.step: Callable[[], None] = self.find_window
        self.poll = QTimer(interval=50)
        self.poll.timeout.connect(self.tick)

    def tick(self) -> None:
        self.step()

    @property
    def shown(self) -> MainWindow:
        assert self.window is not None
        return self.window

    def find_window(self) -> None:
        from PySide6.QtWidgets import QApplication

        from pos_app.ui.main_window import MainWindow

        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if windows and windows[0].sign_in is not None and windows[0].isVisible():
            self.window = windows[0]
            self.sign_in()
            self.step = self.when_signed_in

    def sign_in(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from pos_app.domain.demo import DEMO_STAFF

        assert self.shown.sign_in is not None
        cashier = next(s for s in DEMO_STAFF if s.role == "cashier")
        form = self.shown.sign_in.form
        form.choose(cashier.name)
        for digit in cashier.pin:
            QTest.mouseClick(form.keypad.buttons[digit], Qt.MouseButton.LeftButton)
        QTest.mouseClick(form.go, Qt.MouseButton.LeftButton)

    def when_signed_in(self) -> None:
        if self.shown.staff is None:
            return
        self.shown.camera.scanned.connect(self.count_scan)
        self.start_camera()
        self.target, self.step = self.warmup, self.running

    def count_scan(self, _event: object) -> None:
        self.scans += 1

    def start_camera(self) -> None:
        self.shown.camera.start(str(self.video), self.shown.settings.decoder, realtime=False)

    def running(self) -> None:
        read = self.shown.camera.frames_read
        if read >= self.next_progress:
            self.next_progress += PROGRESS_EVERY
            self.mark("progress")
        if read < self.target:
            return
        if self.target == self.warmup:
            self.settle_and_mark("baseline")
            self.target = self.shown.camera.frames_read + self.frames
            self.start_camera()
        else:
            self.poll.stop()
            self.settle_and_mark("end")
            self.mark("closing")
            self.shown.close()  # as a window manager's close does: the app quits with it

    def settle_and_mark(self, name: str) -> None:
        """The same state at each mark: the camera's threads stopped, their signals
        delivered, the counter cleared (a card on screen holds references a refusal
        does not) and the cycle collector run (garbage awaiting it holds references too)."""
        from PySide6.QtWidgets import QApplication

        self.shown.camera.stop()
        self.shown.counter_jobs.wait(5_000)
        for _ in range(3):
            QApplication.processEvents()
        if self.shown.counter is not None:
            self.shown.counter.clear()
        QApplication.processEvents()
        # A thread that wakes now and then (the sync loop) holds references for a moment
        # while it runs: they only add, so the least of a few readings is the count at rest.
        readings = []
        for _ in range(READINGS):
            gc.collect()
            readings.append(refcounts())
            time.sleep(0.1)
        self.mark(name, {key: min(r[key] for r in readings) for key in readings[0]})

    def mark(self, name: str, counts: dict[str, int] | None = None) -> None:
        from pos_app.app import rss_mb

        counter = self.shown.counter
        mark = {
            "mark": name,
            "frames": self.shown.camera.frames_read,
            "previews": counter.camera.frames_shown if counter else 0,
            "scans": self.scans,
            **(counts or refcounts()),
            "rss_mb": round(rss_mb(), 1),
            "seconds": round(time.perf_counter() - self.started, 2),
        }
        print(MARK + json.dumps(mark), flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
