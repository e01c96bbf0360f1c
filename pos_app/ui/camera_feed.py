"""The camera off the GUI thread: capture, preview frames and decoded scans, by signal.

Two threads do the work: the capture thread (OpenCV reading the device or file) turns
frames into small preview QImages, and a decoding thread takes only the newest frame,
decodes, debounces and parses it. The GUI thread only paints. OpenCV and the decoders are
imported on the decoding thread, so the window is on screen before they have loaded.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QImage

if TYPE_CHECKING:
    from pos_app.scanner.capture import Capture, CaptureStatus, Frame

log = logging.getLogger(__name__)
PREVIEW_WIDTH = 640
PREVIEW_FPS = 15.0


class CameraFeed(QObject):
    frame_ready = Signal(QImage)
    scanned = Signal(object)  # pos_app.scanner.frame_scanner.ScanEvent
    # True while a code has been in view for a while and none could be read (a reflection
    # across it, a hand that does not stop); False when that ends.
    unreadable_changed = Signal(bool)
    # A CaptureState value, and the function that says it to the cashier in the window's
    # language (called on the GUI thread, again after a language change).
    status_changed = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._capture: Capture | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._last_preview = 0.0
        self.source: int | str | None = None
        self.frames_read = 0
        """Frames the capture delivered since this feed was made (previews are fewer)."""

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(
        self, source: int | str, decoder: str = "auto", loop: bool = True, realtime: bool = True
    ) -> None:
        """Start reading `source` (camera index, file or URL); a file loops like a camera,
        at its own frame rate unless `realtime` is off (then as fast as it decodes)."""
        self.stop()
        self.source = source
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._decode_loop,
            args=(source, decoder, loop, realtime, self._stop),
            name="camera-decode",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(3.0)

    def _decode_loop(
        self, source: int | str, decoder: str, loop: bool, realtime: bool, stop: threading.Event
    ) -> None:
        try:
            from pos_app.scanner.capture import Capture, CaptureSettings
            from pos_app.scanner.decoders import decoder_by_name
            from pos_app.scanner.frame_scanner import FrameScanner

            scanner = FrameScanner(decoder_by_name(decoder))
            capture = Capture(
                source,
                CaptureSettings(loop=loop, realtime=realtime),
                on_frame=self._on_frame,
                on_status=self._on_status,
            )
        except Exception as exc:  # no OpenCV, unknown decoder: say so where the preview is
            from pos_app.ui.camera_words import camera_failure_words, failure_cause

            # The technical detail is the log's; the cashier reads what to do.
            log.exception("camera could not start")
            cause = failure_cause(exc)
            self._emit_status("unavailable", lambda: camera_failure_words(cause))
            return
        self._capture = capture
        capture.start()
        try:
            while not stop.is_set():
                frame = capture.latest.take(timeout=0.2)
                if frame is None:
                    continue
                events, hint = scanner.scan_with_hint(frame)
                if hint is not None:
                    self._emit(self.unreadable_changed, hint)
                for event in events:
                    self._emit(self.scanned, event)
        finally:
            capture.stop()
            self._capture = None
            if scanner.unreadable.showing:
                self._emit(self.unreadable_changed, False)

    def _on_frame(self, frame: Frame) -> None:
        # Runs on the capture thread: shrink and convert here, never on the GUI thread.
        self.frames_read += 1
        now = time.monotonic()
        if now - self._last_preview < 1.0 / PREVIEW_FPS:
            return
        self._last_preview = now
        import cv2

        image = frame.image
        h, w = image.shape[:2]
        if w > PREVIEW_WIDTH:
            rgb = cv2.cvtColor(
                cv2.resize(image, (PREVIEW_WIDTH, round(h * PREVIEW_WIDTH / w))),
                cv2.COLOR_BGR2RGB,
            )
        else:
            rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
        h, w = rgb.shape[:2]
        qimage = QImage(rgb.data, w, h, rgb.strides[0], QImage.Format.Format_RGB888).copy()
        self._emit(self.frame_ready, qimage)

    def _on_status(self, status: CaptureStatus) -> None:
        from pos_app.ui.camera_words import camera_words

        self._emit_status(status.state.value, lambda: camera_words(status))

    def _emit_status(self, state: str, message: Callable[[], str]) -> None:
        with contextlib.suppress(RuntimeError):  # the window is gone
            self.status_changed.emit(state, message)

    def _emit(self, signal: SignalInstance, value: object) -> None:
        with contextlib.suppress(RuntimeError):  # the window is gone
            signal.emit(value)
