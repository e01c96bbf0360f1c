"""The camera panel's words for what the capture reports (a code and its figures), in the
cashier's language; the scanner keeps the English form for the log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel.numbers import format_decimal
from PySide6.QtCore import QCoreApplication

from pos_app.services.locale_format import current_locale

if TYPE_CHECKING:
    from pos_app.scanner.capture import CaptureStatus


def source_words(status: CaptureStatus) -> str:
    """ "Camera 0", "Video file demo.avi", "Stream rtsp://…" as a sentence's subject."""
    from pos_app.scanner.capture import SourceKind

    if status.kind is SourceKind.CAMERA:
        text = QCoreApplication.translate("camera_words", "Camera {index}")
        return text.format(index=status.source)
    if status.kind is SourceKind.FILE:
        text = QCoreApplication.translate("camera_words", "Video file {name}")
        return text.format(name=status.source)
    return QCoreApplication.translate("camera_words", "Stream {url}").format(url=status.source)


def camera_words(status: CaptureStatus) -> str:
    """One line for the camera panel."""
    from pos_app.scanner.capture import SourceKind, StatusCode

    source = source_words(status)
    code = status.code
    if code is StatusCode.OPENING:
        return QCoreApplication.translate("camera_words", "Opening {source}…").format(source=source)
    if code is StatusCode.CANNOT_OPEN:
        # The pause as the locale writes it ("2.0" / "2,0").
        seconds = format_decimal(status.retry_s, format="0.0", locale=current_locale())
        if status.kind is SourceKind.CAMERA:
            text = QCoreApplication.translate(
                "camera_words",
                "{source} is unplugged or used by another program; trying again in {seconds} s",
            )
        elif status.kind is SourceKind.FILE:
            text = QCoreApplication.translate(
                "camera_words", "{source} cannot be opened; trying again in {seconds} s"
            )
        else:
            text = QCoreApplication.translate(
                "camera_words", "{source} cannot be reached; trying again in {seconds} s"
            )
        return text.format(source=source, seconds=seconds)
    if code is StatusCode.RUNNING:
        return QCoreApplication.translate(
            "camera_words", "{source} running at {width}×{height}, {fps} fps"
        ).format(
            source=source,
            width=status.width,
            height=status.height,
            fps=format_decimal(status.fps, format="0.##", locale=current_locale()),
        )
    if code is StatusCode.LOST:
        return QCoreApplication.translate(
            "camera_words", "{source} stopped sending pictures; reconnecting"
        ).format(source=source)
    if code is StatusCode.ENDED:
        return QCoreApplication.translate("camera_words", "{source} has ended").format(
            source=source
        )
    if code is StatusCode.NOT_STARTED:
        return QCoreApplication.translate("camera_words", "{source} is not started").format(
            source=source
        )
    return QCoreApplication.translate("camera_words", "{source} is stopped").format(source=source)
