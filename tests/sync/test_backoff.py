"""Retrying a server that is down: exponential, jittered, capped."""

from __future__ import annotations

import random

from sync.engine.backoff import Backoff


def test_no_failure_means_no_wait() -> None:
    assert Backoff().delay(0) == 0.0


def test_waits_grow_exponentially_within_the_cap() -> None:
    rng = random.Random(1)
    backoff = Backoff(base_s=1, cap_s=30)
    for failures, ceiling in [(1, 1), (2, 2), (3, 4), (5, 16), (6, 30), (40, 30)]:
        samples = [backoff.delay(failures, rng) for _ in range(200)]
        assert all(0 <= s <= ceiling for s in samples)
        assert max(samples) > ceiling * 0.8  # the whole range is used


def test_terminals_do_not_retry_in_lockstep() -> None:
    delays = {round(Backoff().delay(4), 6) for _ in range(50)}
    assert len(delays) > 40
