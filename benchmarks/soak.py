"""A shift at the counter, compressed: the real window with the demo camera for N frames,
then a normal close, in a process of its own so its exit status is the real one.

    python -m benchmarks soak [--frames 100000] [--warmup 10000] [--timeout 7200]

The child runs `pos_app.app.run_window` (the window `python -m pos_app.app` shows, with
its signal handlers and shutdown) offscreen on a demo terminal, signs the cashier in at
the keypad, and plays the demo video through the capture code as fast as it decodes
(not paced to the video's 10 fps), with the preview, the scans and the card lookups of a
real counter. After `--warmup` frames, half way through `--frames` more and at their end
it stops the camera for a moment and reads `sys.getrefcount` of None, True and False and
the resident memory; then it closes the window as a window manager does. A Qt binding
that drops a reference on each call (PySide6 6.12 on CPython 3.11) drifts, then aborts: at
the latest on that close, with `Fatal Python error: bool_dealloc`.

Bars: alive (the child reached the close), no drift that grows with frames, RSS growth
<= 20 MB, exit code 0. The drift bar is a bound, not 0: the window's bounded caches hold a
reference or two more or fewer from one reading to the next (+1, -1, +2 in 100,000
frames, and the same +4 to +5 after 1,000, 3,000 and 10,000 frames of the pytest guard),
while a fault moves a count with every call, by thousands. So each drift, at the half and
at the end, lies within DRIFT_BOUND of the baseline, and the end within DRIFT_STEP of the
half: a leak of one reference per 10,000 frames fails it.
On CPython >= 3.12 None, True and False are immortal: their count never moves, so the
drift reads 0 whatever the binding does (the exit status still counts).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks._refcounts import at_rest
from benchmarks._refcounts import counts as refcount_now
from benchmarks._report import print_json, print_table

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[1]
RSS_GROWTH_BAR_MB = 20.0
DRIFT_BOUND = 10
DRIFT_STEP = 3
COUNTS = ("none", "true", "false")
MARK = "SOAK "
PROGRESS_EVERY = 10_000


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


def drift_holds(base: dict[str, Any], half: dict[str, Any], end: dict[str, Any]) -> bool:
    """Each count within DRIFT_BOUND of the baseline at the half and at the end, and no
    further than DRIFT_STEP from the half at the end (it settled: it does not grow)."""
    return all(
        abs(half[k] - base[k]) <= DRIFT_BOUND
        and abs(end[k] - base[k]) <= DRIFT_BOUND
        and abs(end[k] - half[k]) <= DRIFT_STEP
        for k in COUNTS
    )


def report(marks: dict[str, dict[str, Any]], exit_code: int, stderr: str, seconds: float) -> int:
    base, half, end = marks.get("baseline"), marks.get("half"), marks.get("end")
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
        for name, m in (("baseline", base), ("half", half), ("end", end))
        if m is not None
    ]
    print_table(["mark", "frames", "previews", "scans", "None", "True", "False", "rss_mb"], rows)
    alive = base is not None and half is not None and end is not None and "closing" in marks
    frames = end["frames"] - base["frames"] if alive and base and end else 0

    def drift(key: str, at: dict[str, Any] | None = end) -> int | None:
        return at[key] - base[key] if alive and base and at else None

    growth = round(end["rss_mb"] - base["rss_mb"], 1) if alive and base and end else None
    faults = [line for line in stderr.splitlines() if "propagateSizeHints" not in line]
    if faults:
        print("\nthe window's stderr:\n" + "\n".join(faults[-20:]))
    passed = (
        alive
        and base is not None
        and half is not None
        and end is not None
        and drift_holds(base, half, end)
        and growth is not None
        and growth <= RSS_GROWTH_BAR_MB
        and exit_code == 0
    )
    fps = frames / (end["seconds"] - base["seconds"]) if alive and base and end else 0.0
    print(
        f"\n{frames} frames after the warm-up at {fps:.0f} frames/s, {seconds:.0f} s in all; "
        f"python {sys.version.split()[0]}"
    )
    print(
        f"bars: alive, drift (None, True, False) within {DRIFT_BOUND} at the half and the end "
        f"and within {DRIFT_STEP} from the half to the end, rss growth <= {RSS_GROWTH_BAR_MB} "
        "MB, exit 0"
    )
    print_json(
        {
            "frames": frames,
            "alive": alive,
            "none_refcount_drift": drift("none"),
            "true_refcount_drift": drift("true"),
            "false_refcount_drift": drift("false"),
            "half_refcount_drift": {k: drift(k, half) for k in COUNTS},
            "drift_bound": DRIFT_BOUND,
            "drift_step": DRIFT_STEP,
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
        self.target = self.end = 0
        self.phase = "warm-up"
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
        if self.phase == "warm-up":
            self.settle_and_mark("baseline")
            self.end = self.shown.camera.frames_read + self.frames
            self.target = self.end - self.frames // 2
            self.phase = "first half"
            self.start_camera()
        elif self.phase == "first half":
            self.settle_and_mark("half")
            self.target, self.phase = self.end, "second half"
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
        # The loop runs while the counts settle: this poll must not run within it.
        polling = self.poll.isActive()
        self.poll.stop()
        counts = at_rest()
        if polling:
            self.poll.start()
        self.mark(name, counts)

    def mark(self, name: str, counts: dict[str, int] | None = None) -> None:
        from pos_app.app import rss_mb

        counter = self.shown.counter
        mark = {
            "mark": name,
            "frames": self.shown.camera.frames_read,
            "previews": counter.camera.frames_shown if counter else 0,
            "scans": self.scans,
            **(counts or refcount_now()),
            "rss_mb": round(rss_mb(), 1),
            "seconds": round(time.perf_counter() - self.started, 2),
        }
        print(MARK + json.dumps(mark), flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
