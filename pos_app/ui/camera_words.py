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


# --- when the camera or the demo video cannot be had ---------------------------------------
# The cashier reads what to do; the exception's own (English, technical) text goes to the log.

NO_CAMERA, NO_PERMISSION, BUSY, NO_SOFTWARE, DECODER, NO_ROOM, UNKNOWN = (
    "no camera",
    "no permission",
    "busy",
    "no software",
    "decoder",
    "no room",
    "unknown",
)


def failure_cause(exc: BaseException) -> str:
    """Why the camera (or the demo video) could not be had, as one of the causes above."""
    import errno

    from pos_app.scanner.decoders import DecoderUnavailableError, UnknownDecoderError

    if isinstance(exc, (DecoderUnavailableError, UnknownDecoderError)):
        return DECODER
    if isinstance(exc, ImportError):
        return NO_SOFTWARE
    if isinstance(exc, PermissionError) or getattr(exc, "errno", None) in (errno.EACCES,):
        return NO_PERMISSION
    if getattr(exc, "errno", None) == errno.EBUSY:
        return BUSY
    if isinstance(exc, FileNotFoundError) or getattr(exc, "errno", None) in (
        errno.ENODEV,
        errno.ENXIO,
    ):
        return NO_CAMERA
    if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT):
        return NO_ROOM
    return UNKNOWN


def camera_failure_words(cause: str) -> str:
    """What the cashier does when the camera cannot start, by its cause."""
    words = {
        NO_CAMERA: QCoreApplication.translate(
            "camera_words",
            "No camera was found. Plug one in and choose it in Settings, or scan with the "
            "handheld scanner.",
        ),
        NO_PERMISSION: QCoreApplication.translate(
            "camera_words",
            "This computer does not let the terminal use the camera. A manager can allow it "
            "in the computer's settings; meanwhile scan with the handheld scanner.",
        ),
        BUSY: QCoreApplication.translate(
            "camera_words",
            "The camera is in use by another program. Close that program, or scan with the "
            "handheld scanner.",
        ),
        NO_SOFTWARE: QCoreApplication.translate(
            "camera_words",
            "The camera software is missing on this computer: the terminal must be "
            "reinstalled. Meanwhile scan with the handheld scanner.",
        ),
        DECODER: QCoreApplication.translate(
            "camera_words",
            "The decoder chosen in Settings cannot run on this computer. Choose “auto” as "
            "the decoder in Settings, on the Camera tab.",
        ),
    }
    return words.get(
        cause,
        QCoreApplication.translate(
            "camera_words",
            "The camera cannot start (the details are in the log). Scan with the handheld "
            "scanner or type the number, and tell a manager.",
        ),
    )


def demo_video_failure_words(cause: str) -> str:
    """What the cashier does when the demo video cannot be written, by its cause."""
    if cause == NO_ROOM:
        return QCoreApplication.translate(
            "camera_words",
            "The demo video cannot be made: the disk is full. Free some space, or choose a "
            "camera in Settings.",
        )
    if cause == NO_PERMISSION:
        return QCoreApplication.translate(
            "camera_words",
            "The demo video cannot be made: the terminal may not write its file on this "
            "computer. Choose a camera in Settings, or scan with the handheld scanner.",
        )
    return QCoreApplication.translate(
        "camera_words",
        "The demo video cannot be made (the details are in the log). Choose a camera in "
        "Settings, or scan with the handheld scanner.",
    )
