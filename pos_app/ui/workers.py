"""Running slow work off the GUI thread and getting the answer back on it.

`Jobs.submit(fn, on_done, on_error)` runs `fn` in a thread pool; the callbacks run on the
GUI thread. The hand-over goes through a signal of a QObject that lives on the GUI thread,
so Qt queues it: callbacks never run on a worker thread, whatever they are.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)
T = TypeVar("T")
ErrorHandler = Callable[[Exception], None]


def _run_job(jobs: Jobs, job_id: int, fn: Callable[[], Any]) -> None:
    """On a pool thread: run `fn`, hand its result or its error to the GUI thread."""
    try:
        result: Any = fn()
        error: Exception | None = None
    except Exception as exc:  # handed to the GUI thread, which shows it in words
        result, error = None, exc
    with contextlib.suppress(RuntimeError):  # the window closed: nobody is waiting
        jobs.finished.emit(job_id, result, error)


class Jobs(QObject):
    """A pool of `threads` workers; with one thread, jobs run in the order submitted."""

    finished = Signal(int, object, object)
    idle = Signal()

    def __init__(self, threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._ids = itertools.count(1)
        self._waiting: dict[int, tuple[Callable[[Any], None], ErrorHandler | None]] = {}
        self.finished.connect(self._deliver)

    @property
    def pending(self) -> int:
        return len(self._waiting)

    def submit(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: ErrorHandler | None = None,
    ) -> None:
        job_id = next(self._ids)
        self._waiting[job_id] = (on_done, on_error)
        # A plain callable, not a QRunnable subclass: PySide 6.11 keeps some of those
        # Python runnables alive after the pool has run them, a leak per lookup.
        self._pool.start(functools.partial(_run_job, self, job_id, fn))

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the pool is empty: for shutting down, never for the counter."""
        return self._pool.waitForDone(timeout_ms)

    @Slot(int, object, object)
    def _deliver(self, job_id: int, result: object, error: object) -> None:
        on_done, on_error = self._waiting.pop(job_id)
        try:
            if isinstance(error, Exception):
                # Logged whoever shows it: the window's words promise the details are here.
                log.error("background job failed", exc_info=error)
                if on_error is not None:
                    on_error(error)
            else:
                on_done(result)
        finally:
            if not self._waiting:
                self.idle.emit()
