"""Frames from a camera, a video file or a network stream, in a worker thread.

One code path serves all three: `cv2.VideoCapture` opens whatever the source names.
The thread keeps only the newest frame for the consumer (`LatestFrame`), so a slow
decoder skips frames instead of falling behind the customer's phone. A camera that is
unplugged, busy or unreachable is reported as `UNAVAILABLE` (a status code and its figures,
worded by the window in the cashier's language; English for the log) and reopened with a
growing pause, and the camera is released when the capture stops.
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import cv2
import numpy as np

from pos_app.scanner.decoders.base import Image

log = logging.getLogger(__name__)

CaptureSource = int | str
"""A camera index, a video file path, or a stream URL such as `rtsp://...`."""


class SourceKind(enum.Enum):
    CAMERA = "camera"
    FILE = "file"
    STREAM = "stream"


class CaptureState(enum.Enum):
    STARTING = "starting"
    RUNNING = "running"
    UNAVAILABLE = "unavailable"
    STOPPED = "stopped"
    ENDED = "ended"
    """A video file played to its end (and was not set to loop)."""


class StatusCode(enum.Enum):
    """What the capture is doing, for words made at the edge."""

    NOT_STARTED = "not_started"
    OPENING = "opening"
    CANNOT_OPEN = "cannot_open"
    """Unplugged or busy (camera), unreadable (file), unreachable (stream); `retry_s`."""
    RUNNING = "running"
    """With `width`, `height` and `fps`."""
    LOST = "lost"
    """The source stopped sending pictures; it is being reopened."""
    ENDED = "ended"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class CaptureStatus:
    state: CaptureState
    code: StatusCode
    kind: SourceKind
    source: str
    """The camera's index, the video file's name or the stream's URL."""
    retry_s: float = 0.0
    width: int = 0
    height: int = 0
    fps: float = 0.0

    @property
    def message(self) -> str:
        """The English words, for the log and the command line."""
        name = describe_source(
            self.source if self.kind is not SourceKind.CAMERA else int(self.source)
        )
        match self.code:
            case StatusCode.NOT_STARTED:
                return f"{name} is not started"
            case StatusCode.OPENING:
                return f"Opening {name.lower()}"
            case StatusCode.CANNOT_OPEN:
                reason = {
                    SourceKind.CAMERA: "is unplugged or used by another program",
                    SourceKind.FILE: "cannot be opened",
                    SourceKind.STREAM: "cannot be reached",
                }[self.kind]
                return f"{name} {reason}; trying again in {self.retry_s:.1f} s"
            case StatusCode.RUNNING:
                return f"{name} running at {self.width}x{self.height}, {self.fps:g} fps"
            case StatusCode.LOST:
                return f"{name} stopped sending pictures; reconnecting"
            case StatusCode.ENDED:
                return f"{name} has ended"
        return f"{name} is stopped"


@dataclass(frozen=True, slots=True)
class CaptureSettings:
    width: int = 1280
    height: int = 720
    fps: float = 30.0
    loop: bool = False
    """Video files start again at their end: a demo camera that never runs out."""
    realtime: bool = True
    """Video files play at their own frame rate, as a camera would deliver them."""
    retry_initial_s: float = 0.5
    retry_max_s: float = 5.0
    open_timeout_s: float = 5.0
    """Bounds how long opening or reading a network stream may block."""


@dataclass(frozen=True, slots=True)
class Frame:
    image: Image
    index: int
    captured_at: float
    """`time.monotonic()` when the frame arrived from the source."""


FrameCallback = Callable[[Frame], None]
StatusCallback = Callable[[CaptureStatus], None]


def parse_source(text: str) -> CaptureSource:
    """A settings value as a source: digits name a camera index, anything else a path or URL."""
    stripped = text.strip()
    return int(stripped) if stripped.isdigit() else stripped


def source_kind(source: CaptureSource) -> SourceKind:
    if isinstance(source, int):
        return SourceKind.CAMERA
    if "://" in source:
        return SourceKind.STREAM
    return SourceKind.FILE


def describe_source(source: CaptureSource) -> str:
    kind = source_kind(source)
    if kind is SourceKind.CAMERA:
        return f"Camera {source}"
    if kind is SourceKind.FILE:
        return f"Video file {Path(str(source)).name}"
    return f"Stream {source}"


class LatestFrame:
    """A one-frame mailbox: a new frame replaces an unread one, which counts as dropped."""

    def __init__(self) -> None:
        self._frame: Frame | None = None
        self._dropped = 0
        self._ready = threading.Condition()

    def put(self, frame: Frame) -> None:
        with self._ready:
            if self._frame is not None:
                self._dropped += 1
            self._frame = frame
            self._ready.notify_all()

    def take(self, timeout: float | None = None) -> Frame | None:
        """The newest unread frame, waiting up to `timeout` seconds for one."""
        with self._ready:
            self._ready.wait_for(lambda: self._frame is not None, timeout)
            frame, self._frame = self._frame, None
            return frame

    @property
    def dropped(self) -> int:
        with self._ready:
            return self._dropped


class _Outcome(enum.Enum):
    STOPPED = "stopped"
    ENDED = "ended"
    LOST = "lost"


class Capture:
    """Reads `source` in a daemon thread between `start()` and `stop()`.

    Frames go to `latest` and, if given, to `on_frame`, which runs on the capture thread
    and must return quickly (e.g. emit a Qt signal). `on_status` hears every change of
    state, also on the capture thread.
    """

    def __init__(
        self,
        source: CaptureSource,
        settings: CaptureSettings | None = None,
        *,
        on_frame: FrameCallback | None = None,
        on_status: StatusCallback | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.source = source
        self.settings = settings or CaptureSettings()
        self.latest = LatestFrame()
        self._kind = source_kind(source)
        self._name = describe_source(source)
        self._on_frame = on_frame
        self._on_status = on_status
        self._clock = clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._status_lock = threading.Lock()
        self._status = self._make(CaptureState.STOPPED, StatusCode.NOT_STARTED)

    @property
    def status(self) -> CaptureStatus:
        with self._status_lock:
            return self._status

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"capture {self._name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> bool:
        """Stops and releases the source; False if the thread is still stuck in OpenCV."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def wait_until(self, states: set[CaptureState], timeout: float) -> bool:
        """Polls for tests and start-up screens; True once the state is one of `states`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.status.state in states:
                return True
            time.sleep(0.01)
        return self.status.state in states

    def __enter__(self) -> Capture:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _run(self) -> None:
        delay = self.settings.retry_initial_s
        outcome = _Outcome.STOPPED
        while not self._stop.is_set():
            self._report(CaptureState.STARTING, StatusCode.OPENING)
            capture = self._open()
            if capture is None:
                self._report(CaptureState.UNAVAILABLE, StatusCode.CANNOT_OPEN, retry_s=delay)
            else:
                try:
                    outcome = self._pump(capture)
                finally:
                    capture.release()
                if outcome is _Outcome.ENDED:
                    self._report(CaptureState.ENDED, StatusCode.ENDED)
                    return
                if outcome is _Outcome.LOST:
                    delay = self.settings.retry_initial_s
                    self._report(CaptureState.UNAVAILABLE, StatusCode.LOST)
            if self._stop.wait(delay):
                break
            delay = min(delay * 2, self.settings.retry_max_s)
        self._report(CaptureState.STOPPED, StatusCode.STOPPED)

    def _open(self) -> cv2.VideoCapture | None:
        timeout_ms = int(self.settings.open_timeout_s * 1000)
        params = [
            cv2.CAP_PROP_OPEN_TIMEOUT_MSEC,
            timeout_ms,
            cv2.CAP_PROP_READ_TIMEOUT_MSEC,
            timeout_ms,
        ]
        capture = cv2.VideoCapture(self.source, cv2.CAP_ANY, params)
        if not capture.isOpened():
            capture.release()
            return None
        if self._kind is SourceKind.CAMERA:
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.settings.width)
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.settings.height)
            capture.set(cv2.CAP_PROP_FPS, self.settings.fps)
            # Frames queued inside the driver are latency the cashier would see.
            capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        return capture

    def _pump(self, capture: cv2.VideoCapture) -> _Outcome:
        width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH))
        height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
        fps = capture.get(cv2.CAP_PROP_FPS)
        self._report(CaptureState.RUNNING, StatusCode.RUNNING, width=width, height=height, fps=fps)
        pace = self._kind is SourceKind.FILE and self.settings.realtime and fps > 0
        period = 1.0 / fps if pace else 0.0
        next_due = self._clock()
        index = 0
        frames_this_pass = 0
        while not self._stop.is_set():
            ok, image = capture.read()
            if not ok or image is None:
                if self._kind is not SourceKind.FILE:
                    return _Outcome.LOST
                # An empty pass means the file has no readable frames: stop, do not spin.
                if not self.settings.loop or frames_this_pass == 0:
                    return _Outcome.ENDED
                capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
                frames_this_pass = 0
                continue
            frames_this_pass += 1
            self._deliver(Frame(np.asarray(image, dtype=np.uint8), index, self._clock()))
            index += 1
            if pace:
                next_due += period
                self._stop.wait(max(0.0, next_due - self._clock()))
        return _Outcome.STOPPED

    def _deliver(self, frame: Frame) -> None:
        self.latest.put(frame)
        if self._on_frame is None:
            return
        try:
            self._on_frame(frame)
        except Exception:
            # A consumer's bug must not take the camera down with it.
            log.exception("frame callback failed")

    def _make(
        self,
        state: CaptureState,
        code: StatusCode,
        *,
        retry_s: float = 0.0,
        width: int = 0,
        height: int = 0,
        fps: float = 0.0,
    ) -> CaptureStatus:
        source = Path(str(self.source)).name if self._kind is SourceKind.FILE else str(self.source)
        return CaptureStatus(state, code, self._kind, source, retry_s, width, height, fps)

    def _report(
        self,
        state: CaptureState,
        code: StatusCode,
        *,
        retry_s: float = 0.0,
        width: int = 0,
        height: int = 0,
        fps: float = 0.0,
    ) -> None:
        status = self._make(state, code, retry_s=retry_s, width=width, height=height, fps=fps)
        with self._status_lock:
            if status == self._status:
                return
            self._status = status
        log.info("%s", status.message)
        if self._on_status is not None:
            try:
                self._on_status(status)
            except Exception:
                log.exception("status callback failed")
