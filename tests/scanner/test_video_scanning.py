"""End to end: a recorded video of codes shown to the camera becomes one event per code.

The video is written with OpenCV (MJPG, so compression artefacts are real) and read
back through `Capture`, the class a webcam goes through, then decoded, debounced and
parsed by `FrameScanner`.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np

from pos_app.domain.demo import demo_cards
from pos_app.domain.identifiers import CardRef
from pos_app.scanner.capture import Capture, CaptureSettings, CaptureState, CaptureStatus, Frame
from pos_app.scanner.debounce import Debouncer
from pos_app.scanner.frame_scanner import FrameScanner, ScanEvent
from pos_app.scanner.payload import PayloadRules, Rejection, RejectionCode
from tests.scanner.scenes import LOOKS, Look, counter_scene, frame_with_code, write_video

HOST = "loyalty.example.com"
RULES = PayloadRules(allowed_hosts=frozenset({HOST}))
Image = np.ndarray


def shaky(frame: Image, step: int) -> Image:
    """The same view nudged a few pixels, as a hand holding a phone never stays still."""
    return np.roll(frame, shift=(step % 3 - 1) * 3, axis=1)


def presentation(text: str, look: Look, frames: int, background: Image) -> list[Image]:
    shown = frame_with_code(text, look, background)
    return [shaky(shown, i) for i in range(frames)]


def test_each_code_shown_becomes_exactly_one_event(tmp_path: Path) -> None:
    background = counter_scene(seed=11)
    tokens = [card.qr_token for card in demo_cards(len(LOOKS))]
    texts = [f"https://{HOST}/c/{tokens[0]}", *tokens[1:]]
    video: list[Image] = []
    for text, look in zip(texts, LOOKS, strict=True):
        video += [background] * 3 + presentation(text, look, 6, background)
    video += [background] * 3 + presentation("WIFI:T:WPA;S:Cafe;P:x;;", LOOKS[0], 6, background)
    path = tmp_path / "counter.avi"
    write_video(str(path), video)

    scanner = FrameScanner(rules=RULES)
    events: list[ScanEvent] = []
    ended = threading.Event()

    def on_status(status: CaptureStatus) -> None:
        if status.state is CaptureState.ENDED:
            ended.set()

    def on_frame(frame: Frame) -> None:
        events.extend(scanner.scan(frame))

    with Capture(
        str(path), CaptureSettings(realtime=False), on_frame=on_frame, on_status=on_status
    ):
        assert ended.wait(30)

    outcomes = [event.outcome for event in events]
    assert outcomes[:-1] == [CardRef.token(token) for token in tokens]
    assert isinstance(outcomes[-1], Rejection) and outcomes[-1].code is RejectionCode.WIFI
    assert len(events) == len(LOOKS) + 1


def test_a_live_camera_fires_again_when_the_phone_is_shown_again(tmp_path: Path) -> None:
    """Played at its own 30 fps; the consumer takes only the newest frame, as live.

    Half a second without the code is longer than `gone_after`: the second showing is a
    new presentation even though `repeat_after` has not passed.
    """
    background = counter_scene(seed=12)
    token = demo_cards(1)[0].qr_token
    shown = presentation(token, LOOKS[0], 10, background)
    path = tmp_path / "twice.avi"
    write_video(str(path), [*shown, *[background] * 15, *shown, background])

    scanner = FrameScanner(debouncer=Debouncer(repeat_after=10.0, gone_after=0.3))
    events: list[ScanEvent] = []
    with Capture(str(path)) as capture:
        deadline = time.monotonic() + 15
        while capture.status.state is not CaptureState.ENDED and time.monotonic() < deadline:
            frame = capture.latest.take(timeout=0.1)
            if frame is not None:
                events.extend(scanner.scan(frame))
        last = capture.latest.take(timeout=0)
        if last is not None:
            events.extend(scanner.scan(last))
    assert [event.outcome for event in events] == [CardRef.token(token)] * 2
    assert all(event.latency >= 0 for event in events)
