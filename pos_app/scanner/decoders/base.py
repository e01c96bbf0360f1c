"""The one interface every QR decoder offers, and the frame handling they share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import cv2
import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]


class Decoder(Protocol):
    """Reads every QR code in a frame (BGR or grayscale) and returns the text of each."""

    @property
    def name(self) -> str: ...

    def decode(self, frame: Image) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class Reading:
    """What one frame held: the texts read, and whether a code was seen that none read."""

    texts: list[str]
    unread_code: bool = False


def read(decoder: Decoder, frame: Image) -> Reading:
    """The frame as `decoder` reads it; `unread_code` from decoders that can tell (zxing and
    `auto` find a code's finder patterns even where its modules are past reading)."""
    reader = getattr(decoder, "read", None)
    if callable(reader):
        reading = reader(frame)
        assert isinstance(reading, Reading)
        return reading
    return Reading(decoder.decode(frame))


def as_gray(frame: Image) -> Image:
    """A contiguous 8-bit single-channel view of a BGR, BGRA or grayscale frame."""
    if frame.ndim == 3 and frame.shape[2] == 4:
        return np.ascontiguousarray(cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY))
    if frame.ndim == 3 and frame.shape[2] == 3:
        return np.ascontiguousarray(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY))
    if frame.ndim == 3 and frame.shape[2] == 1:
        return np.ascontiguousarray(frame[:, :, 0])
    if frame.ndim == 2:
        return np.ascontiguousarray(frame)
    raise ValueError(f"not an image: shape {frame.shape}")


def bytes_to_text(data: bytes) -> str:
    """Best reading of a QR byte segment whose decoder did not say which charset it is.

    UTF-8 is what phones and wallets write today; Shift-JIS is the other charset met in
    practice (Japanese codes); ISO-8859-1, the standard's default, decodes anything.
    """
    for charset in ("utf-8", "shift_jis"):
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def unique(texts: list[str]) -> list[str]:
    """Texts in first-seen order without repeats (one code can be found twice)."""
    return list(dict.fromkeys(t for t in texts if t))
