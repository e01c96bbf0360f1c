"""OpenCV's own QR detectors: the classic one and the ArUco-based one."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import cv2

from pos_app.scanner.decoders.base import Image, as_gray, bytes_to_text, unique


@dataclass(frozen=True, slots=True)
class OpenCvDecoder:
    """`cv2.QRCodeDetector`, or with `aruco` the `QRCodeDetectorAruco` finder."""

    name: str = "opencv"
    aruco: bool = False
    # OpenCV detectors keep per-call state; a decoder may be shared by threads.
    _local: threading.local = field(default_factory=threading.local, repr=False, compare=False)

    def decode(self, frame: Image) -> list[str]:
        detector = self._detector()
        try:
            found, payloads, _points, _straight = detector.detectAndDecodeBytesMulti(as_gray(frame))
        except cv2.error:
            # Raised for valid codes in modes it does not implement (e.g. Kanji).
            return []
        if not found:
            return []
        return unique([_repair_text(bytes(p)) for p in payloads if len(p)])

    def _detector(self) -> cv2.QRCodeDetector | cv2.QRCodeDetectorAruco:
        detector: cv2.QRCodeDetector | cv2.QRCodeDetectorAruco | None = getattr(
            self._local, "detector", None
        )
        if detector is None:
            detector = cv2.QRCodeDetectorAruco() if self.aruco else cv2.QRCodeDetector()
            self._local.detector = detector
        return detector


def _repair_text(payload: bytes) -> str:
    """Undo OpenCV's conversion of non-UTF-8 byte segments from ISO-8859-1 to UTF-8.

    OpenCV hands back UTF-8 that, for a Shift-JIS code, spells the Shift-JIS bytes as
    Latin-1 characters; going back to those bytes lets `bytes_to_text` read them.
    """
    text = bytes_to_text(payload)
    if text.isascii() or any(ord(ch) > 0xFF for ch in text):
        return text
    return bytes_to_text(text.encode("latin-1"))
