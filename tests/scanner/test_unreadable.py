"""A code in view that cannot be read is told apart from no code at all, after a second
of it: a moment of it is a phone still moving in, which the next frames read."""

from __future__ import annotations

import threading
from pathlib import Path

from pos_app.scanner.capture import Capture, CaptureSettings, CaptureState, CaptureStatus
from pos_app.scanner.capture import Frame as CaptureFrame
from pos_app.scanner.decoders.base import Reading
from pos_app.scanner.frame_scanner import FrameScanner
from pos_app.scanner.unreadable import CLEAR_AFTER_S, HINT_AFTER_S, UnreadableWatch
from tests.scanner.phone_screens import (
    EVERYTHING_AT_ONCE,
    NOMINAL,
    Scene,
    draw_scene,
    render,
    write_video,
)

SEEN = Reading([], unread_code=True)
NOTHING = Reading([])
READ = Reading(["a card"])
FPS = 30


def test_a_code_seen_and_not_read_for_a_second_is_told_and_a_read_ends_it() -> None:
    watch = UnreadableWatch()
    told = [watch.frame(SEEN, i / FPS) for i in range(FPS + 1)]
    assert told[: FPS - 1] == [None] * (FPS - 1)  # a moment of it says nothing
    assert True in told and watch.showing
    assert watch.frame(READ, 2.0) is False and not watch.showing


def test_frames_that_miss_the_code_now_and_then_do_not_end_it() -> None:
    watch = UnreadableWatch()
    at = 0.0
    for i in range(3 * FPS):
        at = i / FPS
        watch.frame(SEEN if i % 3 else NOTHING, at)
    assert watch.showing
    assert watch.frame(NOTHING, at + CLEAR_AFTER_S / 2) is None
    assert watch.frame(NOTHING, at + CLEAR_AFTER_S + 0.1) is False


def test_sightings_apart_by_more_than_the_gap_start_again() -> None:
    watch = UnreadableWatch()
    for start in (0.0, 2 * CLEAR_AFTER_S, 4 * CLEAR_AFTER_S):
        watch.frame(SEEN, start)
        assert watch.frame(SEEN, start + HINT_AFTER_S * 0.9) is None
    assert not watch.showing


def _played(scene: Scene, seconds: float, path: Path) -> tuple[list[bool], list[str]]:
    """The phone held still in front of the camera for `seconds`: a 30 fps video played
    through `Capture` at its own pace. The hint's changes and the texts read."""
    write_video(str(path), [render(scene)] * round(seconds * FPS), fps=FPS)
    scanner = FrameScanner()
    hints: list[bool] = []
    texts: list[str] = []
    ended = threading.Event()

    def on_frame(frame: CaptureFrame) -> None:
        events, hint = scanner.scan_with_hint(frame)
        texts.extend(event.text for event in events)
        if hint is not None:
            hints.append(hint)

    def on_status(status: CaptureStatus) -> None:
        if status.state is CaptureState.ENDED:
            ended.set()

    settings = CaptureSettings(loop=False, realtime=True)
    with Capture(str(path), settings, on_frame=on_frame, on_status=on_status):
        assert ended.wait(30)
    return hints, texts


def test_a_phone_whose_code_cannot_be_read_gets_the_hint_through_the_camera(
    tmp_path: Path,
) -> None:
    # A phone close up, tilted, its screen bright and blooming under a reflection:
    # zxing finds the code's corners in every frame and reads none of them.
    hard = draw_scene(EVERYTHING_AT_ONCE, 37)
    hints, texts = _played(hard, 1.6, tmp_path / "unreadable.avi")
    assert texts == []
    assert hints == [True]


def test_a_phone_read_at_once_never_gets_the_hint(tmp_path: Path) -> None:
    easy = draw_scene(NOMINAL, 3)
    hints, texts = _played(easy, 1.6, tmp_path / "readable.avi")
    assert texts == [easy.text]
    assert hints == []
