"""The live preview: the newest camera picture, scaled to fit, with the camera's state."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from pos_app.ui.said import Said
from pos_app.ui.style import MUTED, TEXT, WARNING


class CameraView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Panel")
        # Small enough for a 960x540 screen (scale factor 2 on full HD); it grows with the room.
        self.setMinimumSize(160, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._image: QImage | None = None
        self._state = "stopped"
        # The camera's state is said again in the window's language when it changes: kept
        # as the function that says it, not as words.
        self._words: Said[str] = Said(lambda: self.tr("No camera"))
        self._unreadable = False
        self._flash: QColor | None = None
        self._flash_timer = QTimer(self, singleShot=True, interval=900)
        self._flash_timer.timeout.connect(self._end_flash)
        self.frames_shown = 0
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Camera preview"))
        self.setAccessibleDescription(
            (
                self.unreadable_hint()
                if self._unreadable
                else self.tr("Hold the card's code to the camera")
            )
            if self._state == "running"
            else self._words()
        )
        self.update()

    def unreadable_hint(self) -> str:
        return self.tr(
            "A code is in view but cannot be read: tilt the phone away from the light "
            "and hold it still"
        )

    @property
    def showing_unreadable(self) -> bool:
        return self._unreadable and self._state == "running"

    @Slot(bool)
    def show_unreadable(self, unreadable: bool) -> None:
        """Whether a code is in view that none can read, said over the picture."""
        self._unreadable = unreadable
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def message(self) -> str:
        """What the panel says about the camera, in the window's language."""
        return self._words()

    @Slot(QImage)
    def show_frame(self, image: QImage) -> None:
        self._image = image
        self.frames_shown += 1
        self.update()

    @Slot(str, object)
    def show_status(self, state: str, message: str | Callable[[], str]) -> None:
        """`message`: the words, or (to follow a language change) the function saying them."""
        self._state = state
        self._words.say = message if callable(message) else (lambda: message)
        if state != "running":
            self._image = None
        self.retranslate()

    def flash(self, colour: QColor) -> None:
        """A coloured frame around the picture: the scan was seen, and how it went."""
        self._flash = colour
        self._flash_timer.start()
        self.update()

    def _end_flash(self) -> None:
        self._flash = None
        self.update()

    def _paint_hint(self, painter: QPainter, picture: QRectF) -> None:
        """The hint across the foot of the picture, where it hides the least of the code."""
        font = painter.font()
        font.setPixelSize(max(13, min(20, round(picture.height() / 18))))
        font.setBold(True)
        painter.setFont(font)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        inner = picture.adjusted(14, 0, -14, 0)
        needed = painter.boundingRect(inner, int(flags), self.unreadable_hint())
        band = QRectF(
            picture.left(),
            picture.bottom() - needed.height() - 16,
            picture.width(),
            needed.height() + 16,
        )
        painter.fillRect(band, QColor(11, 14, 19, 215))
        painter.setPen(WARNING)
        painter.drawText(band.adjusted(14, 0, -14, 0), int(flags), self.unreadable_hint())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        area = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        painter.fillRect(self.rect(), QColor("#0b0e13"))
        if self._image is not None and not self._image.isNull():
            size = self._image.size().scaled(
                area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
            )
            target = QRectF(0, 0, size.width(), size.height())
            target.moveCenter(area.center())
            painter.drawImage(target, self._image)
            # A viewfinder square tells the customer where to hold the phone.
            side = min(target.width(), target.height()) * 0.6
            finder = QRectF(0, 0, side, side)
            finder.moveCenter(target.center())
            painter.setPen(QPen(QColor(255, 255, 255, 150), 3, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(finder, 16, 16)
            if self.showing_unreadable:
                self._paint_hint(painter, target)
        else:
            painter.setPen(MUTED)
            font = painter.font()
            font.setPixelSize(20)
            painter.setFont(font)
            painter.drawText(
                area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._words()
            )
        if self._flash is not None:
            painter.setPen(QPen(self._flash, 12))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(6, 6, -6, -6), 14, 14)
        painter.setPen(TEXT)
        painter.end()
