"""Undoing a phone's motion during the exposure, on the small region where a code was found.

A hand moving the phone while the webcam exposes smears every point of the screen along
one short line: the frame is the sharp picture convolved with that line. Its spectrum
then has regular dark stripes, whose spacing gives the line's length and whose
orientation its direction; the cepstrum (the spectrum of the log spectrum) shows them
as one deep minimum at the line's end. Knowing the line, a Wiener filter divides it out
of the spectrum where that can be done without amplifying noise beyond recovery.
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from pos_app.scanner.decoders.base import Image

MAX_SMEAR_PX = 16
"""Longest smear looked for; longer ones leave too little of a code to recover."""
MIN_SMEAR_PX = 2.5
"""Shorter smears do not stop zxing; the cepstrum's centre is all noise below it."""
LENGTH_FACTOR = 0.75
"""The cepstrum's minimum falls past the smear's end (its line has soft ends)."""
NOISE_TO_SIGNAL = 0.03


def smear(gray: Image) -> tuple[float, float] | None:
    """The motion blur's line (dx, dy) in pixels, or None where there is none to see."""
    height, width = gray.shape[:2]
    if min(height, width) < 4 * MAX_SMEAR_PX:
        return None
    signal = gray.astype(np.float32)
    signal -= float(signal.mean())
    window = np.outer(np.hanning(height), np.hanning(width)).astype(np.float32)
    spectrum = np.abs(np.fft.rfft2(signal * window))
    cepstrum = np.fft.irfft2(np.log(spectrum + 1e-3), s=(height, width))
    # Half-plane around the origin (a smear and its reverse are the same line).
    reach = MAX_SMEAR_PX
    rows = np.r_[np.arange(-reach, 0), np.arange(0, reach + 1)]
    near = cepstrum[rows[:, None], np.arange(0, reach + 1)[None, :]]
    dy, dx = np.meshgrid(rows, np.arange(0, reach + 1), indexing="ij")
    radius = np.hypot(dx, dy)
    usable = (radius >= MIN_SMEAR_PX) & (radius <= reach) & ~((dx == 0) & (dy < 0))
    masked = np.where(usable, near, np.inf)
    at = np.unravel_index(int(np.argmin(masked)), masked.shape)
    return float(dx[at]) * LENGTH_FACTOR, float(dy[at]) * LENGTH_FACTOR


def line_kernel(dx: float, dy: float) -> npt.NDArray[np.float32]:
    size = (int(np.ceil(max(abs(dx), abs(dy)))) | 1) + 2
    kernel = np.zeros((size, size), np.float32)
    centre = size // 2
    start = (round(centre - dx / 2), round(centre - dy / 2))
    end = (round(centre + dx / 2), round(centre + dy / 2))
    cv2.line(kernel, start, end, 1.0, 1, cv2.LINE_AA)
    return np.asarray(kernel / kernel.sum(), np.float32)


def deblurred(gray: Image) -> Image | None:
    """`gray` with its motion blur divided out (None: no smear found to undo)."""
    line = smear(gray)
    return None if line is None else without_smear(gray, *line)


def without_smear(
    gray: Image, dx: float, dy: float, noise_to_signal: float = NOISE_TO_SIGNAL
) -> Image:
    """`gray` with a smear along the line (dx, dy) divided out (a Wiener filter)."""
    kernel = line_kernel(dx, dy)
    height, width = gray.shape[:2]
    padded = np.zeros((height, width), np.float32)
    padded[: kernel.shape[0], : kernel.shape[1]] = kernel
    padded = np.roll(padded, (-(kernel.shape[0] // 2), -(kernel.shape[1] // 2)), (0, 1))
    blur = np.fft.rfft2(padded)
    sharp = np.fft.rfft2(gray.astype(np.float32)) * np.conj(blur)
    sharp /= np.abs(blur) ** 2 + noise_to_signal
    restored = np.fft.irfft2(sharp, s=(height, width))
    return np.asarray(np.clip(restored, 0, 255), np.uint8)
