"""How far the terminal's clock is from the server's, and whether it jumped.

The rules (cooldowns, expiry, the daily cap) need a time they can trust. A wall clock can be
set wrong by days or jump during a session; the monotonic clock cannot jump. We keep one
trusted reference (a wall time we believe, and the monotonic reading at that moment) and
derive trusted now = reference + monotonic elapsed. The reference comes from the server's
time on each exchange (corrected by half the round trip), and, before any exchange, from the
wall clock at start-up.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sync.engine.connectivity import Notice

JUMP_TOLERANCE = timedelta(minutes=2)
OFFSET_WARNING = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class ClockStatus:
    offset: timedelta | None  # server minus terminal, None before any exchange
    jumped: bool  # the wall clock moved differently from the monotonic clock

    @property
    def warning(self) -> str | None:
        notice = self.notice
        return None if notice is None else notice.text

    @property
    def notice(self) -> Notice | None:
        if self.jumped:
            return Notice(
                "clock_jumped", "The terminal clock jumped; using the last trusted time instead."
            )
        if self.offset is not None and abs(self.offset) > OFFSET_WARNING:
            minutes = round(self.offset.total_seconds() / 60)
            return Notice(
                "clock_off",
                f"The terminal clock is off by {minutes} minutes; using the server's time.",
                (("minutes", abs(minutes)),),  # ahead or behind: the words say "off by"
            )
        return None


class TrustedClock:
    def __init__(
        self,
        wall: Callable[[], datetime] = lambda: datetime.now().astimezone(),
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._wall = wall
        self._monotonic = monotonic
        self._offset: timedelta | None = None
        self._jumped = False
        # The counter reads the clock on its worker while the sync thread re-anchors it.
        self._lock = threading.Lock()
        self._anchor(wall())

    def _anchor(self, trusted: datetime) -> None:
        self._ref_trusted = trusted
        self._ref_mono = self._monotonic()
        # How far the wall clock stood from trusted time when anchored; a change in this
        # difference is a jump, a steady difference is an offset.
        self._ref_skew = self._wall() - trusted

    def wall(self) -> datetime:
        """The terminal's own wall clock, right or wrong (for measuring exchanges)."""
        return self._wall()

    def now(self) -> datetime:
        """Trusted time, expressed in the terminal's local UTC offset."""
        with self._lock:
            wall = self._wall()
            trusted = self._ref_trusted + timedelta(seconds=self._monotonic() - self._ref_mono)
            if abs((wall - trusted) - self._ref_skew) > JUMP_TOLERANCE:
                self._jumped = True
            return trusted.astimezone(wall.tzinfo)

    def observe_server(
        self, sent_at: datetime, received_at: datetime, server_time: datetime
    ) -> None:
        """Re-anchor on the server's clock after one exchange (NTP's midpoint estimate)."""
        midpoint = sent_at + (received_at - sent_at) / 2
        with self._lock:
            self._offset = server_time - midpoint
            self._jumped = False
            self._anchor(server_time + (received_at - midpoint))

    def status(self) -> ClockStatus:
        self.now()
        with self._lock:
            return ClockStatus(self._offset, self._jumped)
