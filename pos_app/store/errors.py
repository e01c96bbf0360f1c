"""Failures of the local store, each with a message a person can act on."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

# Where docs/operators.md says what to do with a database that cannot be used.
HELP = "docs/operators.md, 'A terminal database that cannot be used'"


class StoreError(Exception):
    """The database cannot be used as it is; the message says why and what to do."""


class NotOurDatabaseError(StoreError):
    pass


class NewerDatabaseError(StoreError):
    pass


class NotInitialisedError(StoreError):
    pass


class DatabaseFailure(StoreError):  # noqa: N818 - a state of the file, not a bug
    """SQLite could not read or write the file: damaged, full, read-only, locked..."""


class JournalTailMissing(StoreError):  # noqa: N818
    """The journal ends before entries recorded elsewhere: its last entries were deleted."""


def is_database_failure(exc: BaseException) -> bool:
    """SQLite failed (directly or through SQLAlchemy), or the store said it cannot be used."""
    from sqlalchemy.exc import DBAPIError

    return isinstance(exc, (StoreError, sqlite3.Error, DBAPIError))


def database_failure(path: Path, exc: BaseException) -> DatabaseFailure:
    """One line naming the file, what is wrong with it and what to do.

    `exc` is what SQLite (through sqlite3 or SQLAlchemy) or the file system raised; its
    result code says what kind of failure it is, and the file system, asked afterwards,
    tells a read-only or full disk from a damaged file.
    """
    reason = _reason(exc)
    code = _sqlite_code(exc)
    os_errno = exc.errno if isinstance(exc, OSError) else None
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        text = (
            f"{path} is damaged ({reason}): restore it from a backup, or pair a new "
            f"terminal database ({HELP})"
        )
    elif code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        text = f"{path} is busy: another program holds it ({reason}); try again"
    elif code == sqlite3.SQLITE_CONSTRAINT:
        text = (
            f"{path} refused a change ({reason}); nothing was written: run `loyalty-pos "
            f"verify-journal` ({HELP})"
        )
    elif code in _FILE_CODES or isinstance(exc, OSError):
        text = _file_failure(path, reason, code, os_errno)
    else:
        text = f"{path} cannot be used ({reason}) ({HELP})"
    return DatabaseFailure(text)


# Failures of the file rather than of its content: the disk is asked which one it is.
_FILE_CODES = (
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_PERM,
)


def _file_failure(path: Path, reason: str, code: int | None, os_errno: int | None) -> str:
    if code == sqlite3.SQLITE_FULL or os_errno == errno.ENOSPC or _disk_full(path):
        return f"{path} cannot be written: the disk is full ({reason}); free space and try again"
    if os_errno == errno.EROFS or _read_only_file_system(path):
        return (
            f"{path} is on a read-only file system ({reason}): mount it read-write, or move "
            "the database to a writable disk, and try again"
        )
    if code == sqlite3.SQLITE_READONLY or _read_only_file(path):
        return (
            f"{path} is read-only ({reason}): let this user write the file and its folder "
            "(or run as the user who owns them), and try again"
        )
    if code == sqlite3.SQLITE_IOERR:
        return f"{path} cannot be read or written ({reason}): check the disk ({HELP})"
    return (
        f"{path} cannot be opened ({reason}): check that its folder exists and that this "
        "user may read and write both"
    )


def _sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code, from sqlite3's error or the one SQLAlchemy wraps."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def _reason(exc: BaseException) -> str:
    """The driver's own words, first line only (never SQLAlchemy's SQL text)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


def _existing(path: Path) -> Path:
    """`path`, or its nearest folder that exists (what statvfs can ask about)."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path("/")


def _statvfs(path: Path) -> os.statvfs_result | None:
    try:
        return os.statvfs(_existing(path))
    except OSError:
        return None


def _read_only_file_system(path: Path) -> bool:
    info = _statvfs(path)
    return info is not None and bool(info.f_flag & os.ST_RDONLY)


def _disk_full(path: Path) -> bool:
    info = _statvfs(path)
    return info is not None and info.f_bavail == 0 and info.f_blocks > 0


def _read_only_file(path: Path) -> bool:
    folder = path.parent if path.parent.exists() else _existing(path)
    if path.exists() and not os.access(path, os.W_OK):
        return True
    return not os.access(folder, os.W_OK)
