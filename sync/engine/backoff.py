"""When to try the server again: exponential backoff with full jitter, capped."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Backoff:
    base_s: float = 1.0
    cap_s: float = 60.0

    def delay(self, failures: int, rng: random.Random | None = None) -> float:
        """Seconds to wait after `failures` consecutive failures (0 means none yet).

        Full jitter (uniform over [0, min(cap, base * 2^n)]) keeps a shop's terminals from
        hammering a recovering server in lockstep.
        """
        if failures <= 0:
            return 0.0
        ceiling = min(self.cap_s, self.base_s * 2 ** min(failures - 1, 30))
        return (rng or random).uniform(0, ceiling)
