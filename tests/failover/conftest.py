"""One pg_auto_failover formation per test module (it takes about half a minute to build)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.pgaf import AutoFailover, auto_failover, available


@pytest.fixture(scope="module")
def formation() -> Iterator[AutoFailover]:
    why = available()
    if why:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"pg_auto_failover is required in CI: {why}")
        pytest.skip(why)
    with auto_failover() as cluster:
        yield cluster
