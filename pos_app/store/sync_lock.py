"""One sync at a time per terminal database, across threads and processes.

Two syncs of one database at once would both send the same pending entries: a lock file
beside the database, held with `flock` for the whole sync, makes the second wait or give
up. Each holder opens the file itself, and Linux `flock` locks belong to the open file, so
two threads of one process exclude each other as two processes do. The kernel drops the
lock when its holder dies, however it dies: a killed sync never leaves the terminal stuck.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_POLL_S = 0.05


class SyncBusy(Exception):  # noqa: N818 - a state, not a bug
    """Another sync of this terminal database is running."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".sync-lock")


@contextmanager
def sync_lock(database: Path, wait_s: float = 0.0) -> Iterator[None]:
    """Hold the database's sync lock; wait up to `wait_s` for it, then raise SyncBusy."""
    fd = os.open(lock_path(database), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise SyncBusy(
                        f"another sync of {database.name} is running; it goes on by itself"
                    ) from None
                time.sleep(_POLL_S)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock
