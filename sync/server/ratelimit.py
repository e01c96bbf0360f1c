"""Failed pairing codes and tokens, counted per client address in a sliding window.

In memory and per worker process: enough to make guessing a token or a code hopeless
(a few hundred guesses an hour), not a distributed quota.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class FailureLimiter:
    max_failures: int = 10
    window_s: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def blocked(self, client: str) -> bool:
        """True while `client` has used up its failures in the window: refuse unchecked."""
        with self._lock:
            recent = self._recent(client)
            return recent is not None and len(recent) >= self.max_failures

    def fail(self, client: str) -> None:
        with self._lock:
            recent = self._recent(client)
            if recent is None:
                recent = self._failures[client] = deque()
            recent.append(self.clock())
            if len(self._failures) > 10_000:
                self._forget_idle()

    def retry_after_s(self, client: str) -> int:
        with self._lock:
            recent = self._recent(client)
            if not recent:
                return 0
            return max(1, int(recent[0] + self.window_s - self.clock()) + 1)

    def _recent(self, client: str) -> deque[float] | None:
        recent = self._failures.get(client)
        if recent is None:
            return None
        horizon = self.clock() - self.window_s
        while recent and recent[0] <= horizon:
            recent.popleft()
        return recent

    def _forget_idle(self) -> None:
        for client in [c for c in self._failures if not self._recent(c)]:
            del self._failures[client]
