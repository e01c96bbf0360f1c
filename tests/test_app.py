"""The window's process ends as the cashier ends it: exit status 0 and nothing on stderr.

Each test starts the real `python -m pos_app.app` (offscreen) on a demo terminal with the
demo camera running, waits for its READY line, ends it the way a person or the system
does, and reads the status the operating system reports. A Qt binding that drops
references to None or True aborts at exactly this point (`Fatal Python error:
bool_dealloc`), so nothing short of a real process can see it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pos_app.domain.demo import DEMO_MERCHANT, DEMO_STORE
from pos_app.services.setup import init_terminal

CAMERA_RUNNING_S = 2.0
# Qt's offscreen platform says this about its own abilities on every start; a real
# display does not. Anything else on stderr is a fault.
PLATFORM_NOTICES = {"This plugin does not support propagateSizeHints()"}
# The window closed as a window manager closes it (Alt+F4, the title bar's close button): a close
# event to the top-level window, once the first screen is up and the camera has run.
CLOSE_DRIVER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import pos_app.app

qt = QApplication(sys.argv[:1])

def close_windows():
    shown = [w for w in qt.topLevelWidgets() if w.isVisible()]
    for window in shown:
        window.close()
    if not shown:
        QTimer.singleShot(100, close_windows)

QTimer.singleShot({ms}, close_windows)
sys.exit(pos_app.app.main(sys.argv[1:]))
"""


def start(db: Path, *, close_after_s: float | None = None) -> subprocess.Popen[str]:
    args = ["--db", str(db), "--camera", "demo"]
    if close_after_s is None:
        command = [sys.executable, "-m", "pos_app.app", *args]
    else:
        driver = CLOSE_DRIVER.format(ms=round(close_after_s * 1000))
        command = [sys.executable, "-c", driver, *args]
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def wait_ready(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("READY "), f"no READY line, got {line!r}"


def faults(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip() not in PLATFORM_NOTICES]


@pytest.fixture
def terminal(tmp_path: Path) -> Path:
    db = tmp_path / "terminal.db"
    init_terminal(db, merchant_id=DEMO_MERCHANT, store_id=DEMO_STORE, demo_card_count=20).close()
    return db


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl+C"])
def test_a_signal_closes_the_window_with_status_0_and_a_clean_stderr(
    terminal: Path, signum: signal.Signals
) -> None:
    process = start(terminal)
    try:
        wait_ready(process)
        try:
            process.wait(CAMERA_RUNNING_S)
        except subprocess.TimeoutExpired:
            process.send_signal(signum)
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert faults(stderr) == []
    assert process.returncode == 0


def test_closing_the_window_ends_the_app_with_status_0_and_a_clean_stderr(
    terminal: Path,
) -> None:
    process = start(terminal, close_after_s=CAMERA_RUNNING_S)
    try:
        wait_ready(process)
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert faults(stderr) == []
    assert process.returncode == 0


def test_a_demo_that_cannot_start_says_why_in_one_line_and_exits_1(tmp_path: Path) -> None:
    """A demo folder left by a version with other demo cards: the way out, no traceback."""
    demo = tmp_path / "data" / "loyalty-pos" / "demo"
    demo.mkdir(parents=True)
    (demo / "server.db").write_bytes(b"an older version's database")  # not empty: not fresh
    (demo / "server.seed").write_text("cards of an older version")
    result = subprocess.run(
        [sys.executable, "-m", "pos_app.app", "--demo"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data")},
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("error: the demo cannot start: ")
    assert f"rm -r '{demo}'" in result.stderr
