"""Thousands of camera frames through the real preview and counter path lose no reference
to None, True or False.

A Qt binding that loses one reference per call (PySide6 6.12 on CPython 3.11 does, on each
call that returns nothing) takes a count down by thousands here, and the interpreter
aborts once one reaches zero.
The demo video is read by the project's OpenCV capture as fast as it decodes, every frame
becomes a preview (the 15 fps limit lifted), and its QR codes are scanned and looked up
at a signed-in counter. Counts are read with the camera's threads stopped, so no frame in
flight holds a reference of its own.
"""

from __future__ import annotations

import gc
import itertools
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


def test_frames_through_the_preview_and_the_counter_lose_no_reference(
    qtbot: QtBot,
    window: MainWindow,
    demo_video: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(camera_feed, "PREVIEW_FPS", 1_000_000.0)
    sign_in(qtbot, window)
    assert window.counter is not None
    # Counted, not kept: kept scan events would hold references to None and False.
    scans = itertools.count()
    window.camera.scanned.connect(lambda _event: next(scans))
    # Warm-up: lazy imports, caches and the first scans' objects are made once.
    run_camera(qtbot, window, demo_video, WARMUP_FRAMES)
    before = counts()
    previews_before = window.counter.camera.frames_shown
    after = run_camera(qtbot, window, demo_video, FRAMES)

    previews = window.counter.camera.frames_shown - previews_before
    assert previews >= FRAMES // 2, "the frames did not reach the preview"
    assert next(scans) > 0, "the demo video's codes were not scanned"
    drift = {k: after[k] - before[k] for k in before}
    # The fatal fault drops references until a count reaches zero (`none_dealloc`): a loss
    # beyond the noise fails. Gains keep no count from zero; since the screens learnt to
    # fit, this path gains tens (30-170 in 3,000 frames, cause not yet found), which the
    # soak's memory bar bounds and issue 12's note records.
    assert all(d >= -NOISE for d in drift.values()), drift
