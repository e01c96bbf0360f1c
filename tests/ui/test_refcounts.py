"""Thousands of camera frames through the real preview and counter path leave the reference
counts of None, True and False where they were.

A Qt binding that loses one reference per call (PySide6 6.12 on CPython 3.11 does, on each
call that returns nothing) takes a count down by thousands here, and the interpreter
aborts once one reaches zero; a binding that keeps references it should not takes it up.
The demo video is read by the project's OpenCV capture as fast as it decodes, every frame
becomes a preview (the 15 fps limit lifted), and its QR codes are scanned and looked up
at a signed-in counter. Counts are read with the camera's threads stopped, so no frame in
flight holds a reference of its own.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.ui import camera_feed
from pos_app.ui.main_window import MainWindow
from tests.ui.conftest import sign_in

WARMUP_FRAMES = 600
FRAMES = 3_000
NOISE = 10
"""References the window's own state holds in varying number from one moment to the next
(SQLAlchemy's statement caches, the last lookups' objects): 0 to 4 in repeated runs of
this path. The faults guarded against move a count by one per Qt call: by thousands."""

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None, True and False are immortal from CPython 3.12: their counts never move",
)


def counts() -> dict[str, int]:
    return {
        "None": sys.getrefcount(None),
        "True": sys.getrefcount(True),
        "False": sys.getrefcount(False),
    }


def run_camera(qtbot: QtBot, window: MainWindow, video: Path, frames: int) -> dict[str, int]:
    """`frames` more frames through the window, then the counts at rest."""
    target = window.camera.frames_read + frames
    window.camera.start(str(video), window.settings.decoder, realtime=False)
    deadline = time.monotonic() + 120
    # Not qtbot.waitUntil: each of its waits makes a QTimer and connects Python callables
    # to it, and PySide keeps references to None for those, which would count here.
    while window.camera.frames_read < target:
        assert time.monotonic() < deadline, "the camera stopped delivering frames"
        QTest.qWait(10)
    window.camera.stop()
    window.counter_jobs.wait(5_000)
    for _ in range(3):
        QApplication.processEvents()
    # The same state at each reading: no card on screen (a card holds references a
    # refusal does not), and no garbage waiting for the cycle collector.
    assert window.counter is not None
    window.counter.clear()
    QApplication.processEvents()
    gc.collect()
    return counts()


def test_frames_through_the_preview_and_the_counter_leave_the_counts_unchanged(
    qtbot: QtBot,
    window: MainWindow,
    demo_video: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(camera_feed, "PREVIEW_FPS", 1_000_000.0)
    sign_in(qtbot, window)
    assert window.counter is not None
    scans: list[object] = []
    window.camera.scanned.connect(scans.append)
    # Warm-up: lazy imports, caches and the first scans' objects are made once.
    run_camera(qtbot, window, demo_video, WARMUP_FRAMES)
    before = counts()
    previews_before = window.counter.camera.frames_shown
    after = run_camera(qtbot, window, demo_video, FRAMES)

    previews = window.counter.camera.frames_shown - previews_before
    assert previews >= FRAMES // 2, "the frames did not reach the preview"
    assert scans, "the demo video's codes were not scanned"
    drift = {k: after[k] - before[k] for k in before}
    assert all(abs(d) <= NOISE for d in drift.values()), drift
