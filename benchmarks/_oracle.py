"""What the best reader could do on a scene: one told where the code is and how it smeared.

A bound for the scenes beyond the bar (`STRESS_CONDITIONS`): the code cut out where the
generator drew it, then read by zxing-cpp as it is, twice as large, and with the true
motion smear divided out (a Wiener filter with the exact line, at two noise levels, at
full and double size). A scene none of those reads is beyond what deblurring a single
frame recovers; the counter reads the next frame instead, the hand slowed.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from pos_app.scanner.decoders.base import Image, as_gray
from pos_app.scanner.decoders.deblur import without_smear
from pos_app.scanner.decoders.preprocess import doubled
from pos_app.scanner.decoders.zxing import ZxingDecoder


def reads_knowing_the_truth(
    frame: Image, text: str, corners: npt.NDArray[np.float32], smear: tuple[float, float]
) -> bool:
    """Whether any of the tries reads `text` (`corners`: the code's, 4x2 pixels)."""
    gray = as_gray(frame)
    (x0, y0), (x1, y1) = corners.min(axis=0), corners.max(axis=0)
    margin = 0.3 * max(x1 - x0, y1 - y0) + 6
    height, width = gray.shape[:2]
    crop = np.ascontiguousarray(
        gray[
            max(0, int(y0 - margin)) : min(height, int(y1 + margin)),
            max(0, int(x0 - margin)) : min(width, int(x1 + margin)),
        ]
    )
    dx, dy = smear
    big = doubled(crop)
    tries = [crop, big]
    for noise in (0.03, 0.01):
        tries += [without_smear(crop, dx, dy, noise), without_smear(big, 2 * dx, 2 * dy, noise)]
    zxing = ZxingDecoder()
    return any(text in zxing.decode(np.ascontiguousarray(image)) for image in tries)
