"""The terminal's log: a rotating file in the platform's log folder, secrets scrubbed.

`install_logging()` sends every logger (and, through `install_excepthooks`, every uncaught
exception, on the GUI thread or a worker) to `terminal.log` in `pos_app.paths.log_dir()`,
rotated at 1 MB with five old files kept, and WARNING and worse to stderr as before. Qt's
own messages are routed here by pos_app.ui.qt_log. Qt-free.

Nothing secret is written: each formatted line, traceback included, passes through
`redact`, which blanks the terminal's bearer token, pairing codes, PINs and card QR tokens
wherever they appear as values (`token=…`, `Bearer …`, `"pin": "…"`) and any run of 20 or
more URL-safe characters that is not a UUID or a hex digest (how the tokens look).
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOG_NAME = "terminal.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
REDACTED = "[redacted]"
HANDLER_NAME = "loyalty-pos"  # ours, replaced when the log is installed again
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"

_SECRET_KEYS = r"token|qr|qr_token|qr_code_data|pin|new_pin|code|pair_code|password|secret"  # noqa: S105 - names of secrets, not one
_KEYED = re.compile(
    rf"""(?ix)
    (?P<key>\b(?:{_SECRET_KEYS})\b["']?\s*[=:]\s*["']?)  # token=…, "pin": "…", code: …
    (?P<value>[^\s"'&,;)}}\]]+)
    """
)
_BEARER = re.compile(r"(?i)\b(bearer\s+)\S+")
_LONG_RUN = re.compile(r"[A-Za-z0-9_-]{20,}")
_NOT_SECRET = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"  # a UUID
    r"|[0-9a-fA-F]+"  # a hash of the journal chain, a digest
    r"|[a-z_]+"  # a snake_case name (a token is never all lower case: 1 in 10^12)
)

_installed: Path | None = None


def redact(text: str) -> str:
    """`text` with every secret value replaced by `[redacted]`."""
    text = _BEARER.sub(rf"\g<1>{REDACTED}", text)
    text = _KEYED.sub(lambda m: m["key"] + REDACTED, text)

    def long_run(match: re.Match[str]) -> str:
        run = match[0]
        return run if _NOT_SECRET.fullmatch(run) else REDACTED

    return _LONG_RUN.sub(long_run, text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def log_file() -> Path | None:
    """The file the log is written to, once `install_logging` has run."""
    return _installed


def install_logging(folder: Path, level: int = logging.INFO) -> Path:
    """Log to `folder`/terminal.log (created 0700, as the database's folder is); returns it."""
    global _installed  # noqa: PLW0603 - one log per process, set up once at start
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / LOG_NAME
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(handler)
        handler.close()
    to_file = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    to_file.setFormatter(RedactingFormatter(FORMAT))
    to_stderr = logging.StreamHandler(sys.stderr)
    to_stderr.setLevel(logging.WARNING)
    # On stderr, lines look as they did before the log existed (Python's and Qt's own form).
    to_stderr.setFormatter(RedactingFormatter("%(message)s"))
    for handler in (to_file, to_stderr):
        handler.set_name(HANDLER_NAME)
        root.addHandler(handler)
    root.setLevel(level)
    # One line per HTTP request every few seconds would drown the rest; failures still show.
    for chatty in ("httpx", "httpcore"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
    install_excepthooks()
    _installed = path
    return path


def install_excepthooks() -> None:
    """Uncaught exceptions are logged, so also shown on stderr, both with secrets blanked."""
    log = logging.getLogger("pos_app.crash")

    def on_uncaught(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
        else:
            log.critical("uncaught exception", exc_info=(kind, error, trace))

    def on_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
            name = args.thread.name if args.thread else "?"
            info = (args.exc_type, args.exc_value, args.exc_traceback)
            log.critical("uncaught exception in thread %s", name, exc_info=info)

    sys.excepthook = on_uncaught
    threading.excepthook = on_thread
