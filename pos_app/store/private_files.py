"""Files for this user alone: the terminal database holds the terminal's token.

SQLite creates a database with mode 0644 (less the umask) and gives its -wal and -shm files
the database file's mode. So the file is made 0600 before SQLite first opens it, and the
folder made for it 0700; a database found readable by others is tightened when opened.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
# What a chmod may meet that is no reason to refuse the database: a file of another user
# (shared deliberately), or a read-only file system (which then says so when written).
_CANNOT_CHMOD = (errno.EPERM, errno.EACCES, errno.EROFS)


def companions(path: Path) -> tuple[Path, Path, Path]:
    """The database file and the two files SQLite keeps beside it in WAL mode."""
    return path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def make_private_folder(folder: Path) -> None:
    """Create `folder` (and its parents) if missing; the folder itself gets mode 0700.

    A folder that already exists is left as it is: it may be shared (like /tmp) and is not
    this program's to close; the database files in it are private in any case.
    """
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 unless it exists (SQLite takes an empty file as a
    new database)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def make_private(path: Path) -> None:
    """Take group and other permissions off the database and its -wal and -shm files."""
    for file in companions(path):
        try:
            mode = stat.S_IMODE(file.stat().st_mode)
            if mode & 0o077:
                file.chmod(mode & 0o700)
        except FileNotFoundError:
            continue
        except OSError as exc:
            if exc.errno not in _CANNOT_CHMOD:
                raise
