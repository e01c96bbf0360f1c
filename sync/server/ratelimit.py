"""Failed pairing codes and tokens, counted per client address in a sliding window.

Each worker keeps its own count in memory, so a blocked address is refused without a
query. With `shared`, each failure is also recorded where every worker counts it (the
database, see `shared_failures`), and a worker that sees the address over the limit
there blocks it too: with N workers an address gets at most the limit plus N - 1 tries
in a window, not N times the limit.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass
class FailureLimiter:
    max_failures: int = 10
    window_s: float = 60.0
    clock: Callable[[], float] = time.monotonic
    # Records a failure of the address where all workers count, and returns how many it
    # has there within the window.
    shared: Callable[[str], int] | None = None
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def blocked(self, client: str) -> bool:
        """True while `client` has used up its failures in the window: refuse unchecked."""
        with self._lock:
            recent = self._recent(client)
            return recent is not None and len(recent) >= self.max_failures

    def fail(self, client: str) -> None:
        everywhere = self._record_shared(client)
        with self._lock:
            recent = self._recent(client)
            if recent is None:
                recent = self._failures[client] = deque()
            now = self.clock()
            recent.append(now)
            # Failures seen by other workers count here too (as if just now).
            while len(recent) < min(everywhere, self.max_failures):
                recent.append(now)
            if len(self._failures) > 10_000:
                self._forget_idle()

    def _record_shared(self, client: str) -> int:
        if self.shared is None:
            return 0
        try:
            return self.shared(client)
        except Exception:  # the database is down: this worker's own count still holds
            log.warning("auth failure not shared with other workers", exc_info=True)
            return 0

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
