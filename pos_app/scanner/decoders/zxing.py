"""zxing-cpp: the fastest and most accurate single decoder on real photos."""

from __future__ import annotations

from dataclasses import dataclass

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
    """

    name: str = "zxing"
    global_histogram: bool = False

    def decode(self, frame: Image) -> list[str]:
        found = zxingcpp.read_barcodes(
            as_gray(frame),
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
        )
        return unique([str(barcode.text) for barcode in found])
