"""When to tell the counter that a code is in view but cannot be read.

A frame now and then with a code zxing sees and cannot read is normal: the phone is still
moving into place, and the next frames read it. A code seen and not read for
`HINT_AFTER_S` on end, with no read in between, is one the customer has to change: a
reflection across it (tilt the phone), a hand that does not stop (hold it still). The
hint ends at a read, or once no unreadable code has been seen for `CLEAR_AFTER_S`.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.scanner.decoders.base import Reading

HINT_AFTER_S = 1.0
CLEAR_AFTER_S = 1.0
"""Also the longest gap (frames where the code was not even seen) a sighting run bridges."""


@dataclass
class UnreadableWatch:
    showing: bool = False
    _since: float | None = None
    """When the current run of sightings began."""
    _last: float | None = None
    """The run's latest sighting."""

    def frame(self, reading: Reading, at: float) -> bool | None:
        """The hint's new state if this frame (captured `at`, seconds) changes it, else None."""
        before = self.showing
        if reading.texts:
            self._since = self._last = None
            self.showing = False
        elif reading.unread_code:
            if self._since is None or self._last is None or at - self._last > CLEAR_AFTER_S:
                self._since = at
            self._last = at
            self.showing = self.showing or at - self._since >= HINT_AFTER_S
        elif self._last is not None and at - self._last > CLEAR_AFTER_S:
            self._since = self._last = None
            self.showing = False
        return self.showing if self.showing != before else None
