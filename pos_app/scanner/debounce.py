"""One event per presentation of a code, not one per video frame.

The rules, per code text:

- a code not in view before fires at once (so a different code never waits);
- a code held in view fires again only after `repeat_after` seconds since it last
  fired (`math.inf`: never while it is held): a "still in view" read, which the counter
  takes as the same presentation, never as a new customer;
- a code that left the view -- not seen for `gone_after` seconds -- and came back is a
  new presentation and fires at once. A customer who pulls the phone back and shows it
  again means it; guarding against a double stamp is the cooldown rule's job, not the
  camera's. `gone_after` is long enough to bridge the frames a decoder misses while
  the phone moves.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

REPEAT_AFTER_S = 3.0  # a code held in view is read again this often ("still here")
GONE_AFTER_S = 1.0


@dataclass(slots=True)
class _Sighting:
    last_fired: float
    last_seen: float


class Debouncer:
    def __init__(
        self,
        repeat_after: float = REPEAT_AFTER_S,
        gone_after: float = GONE_AFTER_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if repeat_after <= 0 or gone_after <= 0:
            raise ValueError("repeat_after and gone_after must be positive")
        self.repeat_after = repeat_after
        self.gone_after = gone_after
        self._clock = clock
        self._codes: dict[str, _Sighting] = {}

    def accept(self, code: str, now: float | None = None) -> bool:
        """Records that `code` is in view at `now` (default: the clock); True to fire."""
        now = self._clock() if now is None else now
        self._forget_gone(now)
        seen = self._codes.get(code)
        if seen is None:
            self._codes[code] = _Sighting(last_fired=now, last_seen=now)
            return True
        seen.last_seen = now
        if now - seen.last_fired >= self.repeat_after:
            seen.last_fired = now
            return True
        return False

    def accept_frame(self, codes: Iterable[str], now: float | None = None) -> list[str]:
        """The codes of one frame that should fire, in order, each at most once."""
        now = self._clock() if now is None else now
        return [code for code in dict.fromkeys(codes) if self.accept(code, now)]

    def _forget_gone(self, now: float) -> None:
        gone = [c for c, s in self._codes.items() if now - s.last_seen >= self.gone_after]
        for code in gone:
            del self._codes[code]
