"""A QR code as a QImage, from OpenCV's encoder (a runtime dependency anyway, so the code a
customer scans is drawn by the same encoder in development, in tests and at the counter);
None if it cannot encode the text, and the caller shows the text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


def qr_matrix(text: str) -> npt.NDArray[np.bool_] | None:
    """True for dark modules, without the quiet zone; None if no encoder is available."""
    import numpy as np

    try:
        import cv2

        modules = cv2.QRCodeEncoder.create().encode(text)
    except Exception:
        return None
    dark = np.asarray(modules) < 128
    if not dark.any():
        return None
    rows, cols = np.nonzero(dark)
    return dark[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]


def qr_image(text: str, module_px: int = 8, quiet: int = 4) -> QImage | None:
    import numpy as np

    matrix = qr_matrix(text)
    if matrix is None:
        return None
    padded = np.pad(matrix, quiet, constant_values=False)
    pixels = np.where(padded, 0, 255).astype(np.uint8)
    pixels = np.ascontiguousarray(np.kron(pixels, np.ones((module_px, module_px), np.uint8)))
    h, w = pixels.shape
    return QImage(pixels.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


class QrLabel(QLabel):
    """A QR code as large as the room allows, up to `side` px, square and sharp (modules are
    scaled without smoothing); it shrinks on a small screen instead of pushing the dialog."""

    def __init__(self, side: int = 300, smallest: int = 160, parent: QWidget | None = None):
        super().__init__(parent)
        self.side, self.smallest = side, smallest
        self.image: QImage | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_image(self, image: QImage) -> None:
        self.image = image
        self._rescale()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.side, self.side)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.smallest, self.smallest)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self.image is None:
            return
        side = max(self.smallest, min(self.side, self.width(), self.height()))
        self.setPixmap(
            QPixmap.fromImage(self.image).scaled(
                side,
                side,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
        )
