"""zxing-cpp: the fastest and most accurate single decoder on real photos."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import zxingcpp

from pos_app.scanner.decoders.base import Image, Reading, as_gray, unique
from pos_app.scanner.decoders.preprocess import doubled

_QR_FORMATS = zxingcpp.BarcodeFormats(
    [zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.MicroQRCode]
)


@dataclass(frozen=True, slots=True)
class ZxingDecoder:
    """zxing-cpp restricted to QR symbols.

    `global_histogram` swaps its local-average binarizer for one threshold per frame
    (cheaper, and kinder to codes whose modules are not uniform inside).
    With `retry_detected`, a code zxing found but could not read (too many wrong
    modules: blur, a far phone) is cut out where zxing saw it and read again redrawn by
    each of `retry_redraws` in turn (by default drawn twice as large), until one reads:
    the retry costs nothing on frames without a code, and only frames showing a code
    zxing could not read pay for more than one redraw.
    """

    name: str = "zxing"
    global_histogram: bool = False
    retry_detected: bool = False
    retry_redraws: tuple[Callable[[Image], Image], ...] = (doubled,)

    def decode(self, frame: Image) -> list[str]:
        return self.read(frame).texts

    def read(self, frame: Image) -> Reading:
        gray = as_gray(frame)
        # Codes zxing found and could not read come back too (with `retry_detected`, to
        # be read again): a frame showing only such a code says so.
        found = self._read(gray, errors=self.retry_detected)
        texts = [str(barcode.text) for barcode in found if barcode.valid]
        if texts or not found:
            return Reading(unique(texts))
        regions = [r for r in (_around(gray, b.position) for b in found) if r is not None]
        for redraw in self.retry_redraws:
            for region in regions:
                redrawn = np.ascontiguousarray(redraw(region))
                texts = [str(b.text) for b in self._read(redrawn, errors=False) if b.valid]
                if texts:
                    return Reading(unique(texts))
        return Reading([], unread_code=True)

    def _read(self, gray: Image, *, errors: bool) -> list[zxingcpp.Barcode]:
        return list(
            zxingcpp.read_barcodes(
                gray,
                formats=_QR_FORMATS,
                # Finding QR finder patterns does not depend on orientation; rotating only
                # helps linear barcodes, which are excluded.
                try_rotate=False,
                try_downscale=True,
                # Dark-mode wallet screens show light modules on a dark background.
                try_invert=True,
                # Plain keeps the text as written (HRI would spell control codes as <SOH>).
                text_mode=zxingcpp.TextMode.Plain,
                binarizer=(
                    zxingcpp.Binarizer.GlobalHistogram
                    if self.global_histogram
                    else zxingcpp.Binarizer.LocalAverage
                ),
                return_errors=errors,
            )
        )


def _around(gray: Image, position: zxingcpp.Position) -> Image | None:
    """The code's quadrilateral and a quarter of its size around it (a quiet zone)."""
    corners = (position.top_left, position.top_right, position.bottom_right, position.bottom_left)
    xs, ys = [p.x for p in corners], [p.y for p in corners]
    margin = 0.25 * max(max(xs) - min(xs), max(ys) - min(ys)) + 4
    height, width = gray.shape[:2]
    x0, y0 = max(0, int(min(xs) - margin)), max(0, int(min(ys) - margin))
    x1, y1 = min(width, int(max(xs) + margin)), min(height, int(max(ys) + margin))
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None
    return np.ascontiguousarray(gray[y0:y1, x0:x1])
