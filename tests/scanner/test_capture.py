"""Frames from files, cameras and streams through one capture class, in a worker thread.

Video files are written here with OpenCV and read back through `Capture`, exactly as a
webcam's frames are; sources that cannot be opened stand in for an unplugged camera.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from pos_app.scanner.cameras import list_cameras
from pos_app.scanner.capture import (
    Capture,
    CaptureSettings,
    CaptureState,
    CaptureStatus,
    Frame,
    LatestFrame,
    SourceKind,
    StatusCode,
    describe_source,
    parse_source,
    source_kind,
)
from tests.scanner.scenes import HEIGHT, WIDTH, counter_scene, write_video

FAST = CaptureSettings(realtime=False, retry_initial_s=0.05, retry_max_s=0.2)


def numbered_frames(count: int) -> list[np.ndarray]:
    """Frames whose top-left pixel block encodes their number, to check order after MJPG."""
    base = counter_scene(seed=1)
    frames = []
    for i in range(count):
        frame = base.copy()
        frame[:64, :64] = i * 8
        frames.append(frame)
    return frames


def frame_number(frame: Frame) -> int:
    return round(float(frame.image[8:56, 8:56].mean()) / 8)


@pytest.fixture
def video(tmp_path: Path) -> Path:
    path = tmp_path / "counter.avi"
    write_video(str(path), numbered_frames(12))
    return path


class Recorder:
    def __init__(self) -> None:
        self.frames: list[Frame] = []
        self.statuses: list[CaptureStatus] = []
        self.ended = threading.Event()

    def frame(self, frame: Frame) -> None:
        self.frames.append(frame)

    def status(self, status: CaptureStatus) -> None:
        self.statuses.append(status)
        if status.state is CaptureState.ENDED:
            self.ended.set()

    def states(self) -> list[CaptureState]:
        return [s.state for s in self.statuses]


def test_a_video_file_is_read_frame_by_frame_to_its_end(video: Path) -> None:
    seen = Recorder()
    with Capture(str(video), FAST, on_frame=seen.frame, on_status=seen.status) as capture:
        assert seen.ended.wait(10)
        assert capture.status.state is CaptureState.ENDED
    assert [frame_number(f) for f in seen.frames] == list(range(12))
    assert [f.index for f in seen.frames] == list(range(12))
    assert all(f.image.shape == (HEIGHT, WIDTH, 3) for f in seen.frames)
    times = [f.captured_at for f in seen.frames]
    assert times == sorted(times)
    assert seen.states()[:2] == [CaptureState.STARTING, CaptureState.RUNNING]
    assert "1280x720" in seen.statuses[1].message
    assert seen.states()[-1] is CaptureState.ENDED
    assert "counter.avi has ended" in seen.statuses[-1].message


def test_a_looping_file_plays_on_until_stopped_and_is_released(video: Path) -> None:
    seen = Recorder()
    capture = Capture(str(video), CaptureSettings(realtime=False, loop=True), on_frame=seen.frame)
    capture.start()
    deadline = time.monotonic() + 10
    while len(seen.frames) < 30 and time.monotonic() < deadline:
        time.sleep(0.01)
    running = capture.status.state
    assert capture.stop(timeout=5)
    assert (running, capture.status.state) == (CaptureState.RUNNING, CaptureState.STOPPED)
    numbers = [frame_number(f) for f in seen.frames[:30]]
    assert numbers[:24] == list(range(12)) * 2


def test_a_file_plays_at_its_own_frame_rate_by_default(tmp_path: Path) -> None:
    path = tmp_path / "slow.avi"
    write_video(str(path), numbered_frames(6), fps=20)
    seen = Recorder()
    with Capture(str(path), on_frame=seen.frame, on_status=seen.status):
        assert seen.ended.wait(10)
    elapsed = seen.frames[-1].captured_at - seen.frames[0].captured_at
    # Never faster than the file's 20 fps; a loaded machine may only make it slower.
    assert 5 / 20 - 0.02 <= elapsed < 3


def test_a_missing_camera_is_reported_unavailable_and_retried(tmp_path: Path) -> None:
    seen = Recorder()
    capture = Capture(99, FAST, on_status=seen.status)
    capture.start()
    try:
        assert capture.wait_until({CaptureState.UNAVAILABLE}, timeout=5)
        # A code and its figures for the window's words; English for the log.
        status = capture.status
        assert (status.code, status.kind, status.source) == (
            StatusCode.CANNOT_OPEN,
            SourceKind.CAMERA,
            "99",
        )
        assert status.retry_s > 0
        assert status.message.startswith("Camera 99 is unplugged or used by another")
        time.sleep(0.4)
    finally:
        assert capture.stop(timeout=5)
    attempts = seen.states().count(CaptureState.STARTING)
    assert attempts >= 3
    assert capture.status.state is CaptureState.STOPPED


def test_an_unreachable_stream_is_unavailable_and_stopping_does_not_hang() -> None:
    settings = CaptureSettings(retry_initial_s=0.05, open_timeout_s=1.0)
    capture = Capture("rtsp://127.0.0.1:9/counter", settings)
    capture.start()
    try:
        assert capture.wait_until({CaptureState.UNAVAILABLE}, timeout=5)
        assert "cannot be reached" in capture.status.message
    finally:
        started = time.monotonic()
        assert capture.stop(timeout=5)
        assert time.monotonic() - started < 3


def test_a_source_that_appears_later_is_picked_up_by_the_retries(tmp_path: Path) -> None:
    path = tmp_path / "plugged-in-later.avi"
    seen = Recorder()
    capture = Capture(str(path), FAST, on_frame=seen.frame, on_status=seen.status)
    capture.start()
    try:
        assert capture.wait_until({CaptureState.UNAVAILABLE}, timeout=5)
        write_video(str(path), numbered_frames(3))
        assert seen.ended.wait(10)
    finally:
        capture.stop()
    assert len(seen.frames) == 3
    assert CaptureState.RUNNING in seen.states()


def test_a_failing_frame_consumer_does_not_stop_the_camera(video: Path) -> None:
    calls = []

    def broken(frame: Frame) -> None:
        calls.append(frame.index)
        raise RuntimeError("consumer bug")

    seen = Recorder()
    with Capture(str(video), FAST, on_frame=broken, on_status=seen.status):
        assert seen.ended.wait(10)
    assert calls == list(range(12))


class TestLatestFrame:
    def test_a_slow_consumer_gets_the_newest_frame_and_the_rest_are_dropped(self) -> None:
        latest = LatestFrame()
        image = np.zeros((2, 2, 3), np.uint8)
        for i in range(5):
            latest.put(Frame(image, i, float(i)))
        frame = latest.take(timeout=0)
        assert frame is not None and frame.index == 4
        assert latest.dropped == 4
        assert latest.take(timeout=0.01) is None

    def test_the_consumer_of_a_capture_never_lags_behind(self, video: Path) -> None:
        capture = Capture(str(video), CaptureSettings(realtime=False))
        with capture:
            assert capture.wait_until({CaptureState.ENDED}, timeout=10)
        last = capture.latest.take(timeout=1)
        assert last is not None and last.index == 11


class TestSources:
    @pytest.mark.parametrize(
        ("text", "source", "kind"),
        [
            ("0", 0, SourceKind.CAMERA),
            (" 2 ", 2, SourceKind.CAMERA),
            ("/srv/demo.avi", "/srv/demo.avi", SourceKind.FILE),
            ("rtsp://cam.local/1", "rtsp://cam.local/1", SourceKind.STREAM),
        ],
    )
    def test_settings_text_names_a_source(
        self, text: str, source: int | str, kind: SourceKind
    ) -> None:
        assert parse_source(text) == source
        assert source_kind(parse_source(text)) is kind

    def test_sources_have_names_a_cashier_can_read(self) -> None:
        assert describe_source(0) == "Camera 0"
        assert describe_source("/srv/videos/demo.avi") == "Video file demo.avi"


class TestListCameras:
    def test_returns_quickly_without_opening_any_stream(self) -> None:
        started = time.monotonic()
        cameras = list_cameras()
        assert time.monotonic() - started < 2
        if not list(Path("/dev").glob("video*")):
            assert cameras == []

    def test_nodes_that_are_not_capture_devices_are_skipped(self, tmp_path: Path) -> None:
        (tmp_path / "video0").write_bytes(b"")
        (tmp_path / "video-metadata").write_bytes(b"")
        (tmp_path / "null").write_bytes(b"")
        assert list_cameras(tmp_path) == []
