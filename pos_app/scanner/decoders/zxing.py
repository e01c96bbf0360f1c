"""zxing-cpp: the fastest and most accurate single decoder on real photos."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp

from pos_app.scanner.decoders.base import Image, as_gray, unique

_QR_FORMATS = zxingcpp.BarcodeFormats(
    [zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.MicroQRCode]
)


@dataclass(frozen=True, slots=True)
class ZxingDecoder:
    """zxing-cpp restricted to QR symbols.

    `global_histogram` swaps its local-average binarizer for one threshold per frame
    (cheaper, and kinder to codes whose modules are not uniform inside).
    With `retry_detected`, a code zxing found but could not read (too many wrong
    modules: blur, a far phone) is cut out where zxing saw it and read again drawn
    `retry_scale` times as large, so the retry costs nothing on frames without a code.
    """

    name: str = "zxing"
    global_histogram: bool = False
    retry_detected: bool = False
    retry_scale: float = 2.0

    def decode(self, frame: Image) -> list[str]:
        gray = as_gray(frame)
        found = self._read(gray, errors=self.retry_detected)
        texts = [str(barcode.text) for barcode in found if barcode.valid]
        if texts or not self.retry_detected:
            return unique(texts)
        for barcode in found:
            region = _around(gray, barcode.position)
            if region is None:
                continue
            size = (
                round(region.shape[1] * self.retry_scale),
                round(region.shape[0] * self.retry_scale),
            )
            larger = np.asarray(cv2.resize(region, size, interpolation=cv2.INTER_CUBIC), np.uint8)
            texts = [str(b.text) for b in self._read(larger, errors=False) if b.valid]
            if texts:
                break
        return unique(texts)

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
