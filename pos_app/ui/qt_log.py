"""Qt's own messages (warnings about fonts, plugins, multimedia) go to the terminal's log."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")

LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def route_qt_messages() -> object:
    """From now on Qt writes through `logging` (to the log file, warnings also to stderr).

    Returns the handler it replaced, for `qInstallMessageHandler` to put back."""
    return qInstallMessageHandler(_handle)


def _handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # As Qt itself writes them: "qt.multimedia.symbolsresolver: Couldn't load ...".
    category = context.category if context.category and context.category != "default" else ""
    log.log(LEVELS.get(kind, logging.WARNING), "%s%s", f"{category}: " if category else "", message)
