"""Background jobs let go of their work once it is answered: nothing a job held survives it.

The counter runs a job per lookup, hundreds in a shift. PySide 6.11 kept about a third of
the Python QRunnable objects it had run alive, each with its closure and its arguments,
which the refcount guard saw as None and False gaining references per scan.
"""

from __future__ import annotations

import gc
import weakref

from pytestqt.qtbot import QtBot

from pos_app.ui.workers import Jobs

JOBS = 300


class Work:
    """What a job's closure holds: a card reference, a store, a view."""

    def value(self) -> int:
        return 1


def test_every_job_and_what_it_held_is_freed_once_answered(qtbot: QtBot) -> None:
    jobs = Jobs(1)
    answers: list[int] = []
    held: list[weakref.ref[Work]] = []
    for _ in range(JOBS):  # one at a time, as the counter looks cards up
        work = Work()
        held.append(weakref.ref(work))
        with qtbot.waitSignal(jobs.idle, timeout=10_000):
            jobs.submit(work.value, answers.append)
        del work
    gc.collect()
    assert len(answers) == JOBS
    assert sum(ref() is not None for ref in held) == 0
