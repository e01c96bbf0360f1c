"""Reference counts of None, True and False at rest: what the soak and the pytest guard read.

A count read while something is still finishing (the counter's last lookup, a thread that
wakes now and then, events still queued on a busy machine) is high by the references it
holds for that while; they only add. So a count at rest is the least of readings taken,
with the event loop running between them, until that least has held for `settle_s`.
(Measured: a reading taken as soon as the camera stopped was 3 references to None above
one taken 3 s later, every time.)
"""

from __future__ import annotations

import gc
import sys
import time

SETTLE_S = 1.0


def counts() -> dict[str, int]:
    return {
        "none": sys.getrefcount(None),
        "true": sys.getrefcount(True),
        "false": sys.getrefcount(False),
    }


def at_rest(settle_s: float = SETTLE_S) -> dict[str, int]:
    """The least of repeated readings once it has held for `settle_s` (at most 10 times
    that in all). Runs the Qt event loop between readings: call it on the GUI thread."""
    # QTest.qWait runs the loop without a Python timer or callable (each of those would
    # make references of its own in PySide6 6.11).
    from PySide6.QtTest import QTest

    least: dict[str, int] = {}
    steady_since = deadline = time.monotonic()
    deadline += 10 * settle_s
    while True:
        gc.collect()
        now, reading = time.monotonic(), counts()
        lower = {k: min(v, least.get(k, v)) for k, v in reading.items()}
        if lower != least:
            # A binding that loses references (PySide6 6.12) never holds still: the
            # deadline ends the wait, and the count it has lost by then is read.
            least, steady_since = lower, now
        if now > deadline or now - steady_since >= settle_s:
            return least
        QTest.qWait(50)
