"""Failed codes and tokens are counted by every worker together, through the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.server.db import make_engine, migrate
from sync.server.ratelimit import FailureLimiter
from sync.server.shared_failures import shared_failures


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_an_address_spread_over_workers_gets_the_limit_plus_one_try_per_other_worker(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = (
        f"sqlite:///{tmp_path / 'server.db'}"
        if backend == "sqlite"
        else request.getfixturevalue("pg_database_url")
    )
    migrate(url)
    engine = make_engine(url, pool_size=2)
    # Three workers: each its own limiter, all over the one database.
    workers = [FailureLimiter(max_failures=10) for _ in range(3)]
    for worker in workers:
        worker.shared = shared_failures(engine, worker.window_s)
    guesser = f"203.0.113.{len(backend)}"
    tries = 0
    for n in range(40):  # round robin: the spread a guesser opening connections gets
        worker = workers[n % 3]
        if worker.blocked(guesser):
            continue
        worker.fail(guesser)
        tries += 1
    assert tries <= 10 + 2  # not 3 x 10
    assert all(w.blocked(guesser) for w in workers)
    assert not workers[0].blocked("198.51.100.7")  # another address is not affected
    engine.dispose()


def test_a_worker_whose_database_is_down_still_counts_its_own(tmp_path: Path) -> None:
    def down(_client: str) -> int:
        raise OSError("the database is down")

    limiter = FailureLimiter(max_failures=3, shared=down)
    for _ in range(3):
        limiter.fail("192.0.2.1")
    assert limiter.blocked("192.0.2.1")
