"""Forwarded headers: trusted only from the proxies the operator names, never by default.

A local process that could name any address in `X-Forwarded-For` would get a fresh
allowance of failed tokens for every address it made up.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server.client import Api
from tests.server.conftest import ServerProcess, start_server

LIMIT = 3


def _serve(tmp_path: Path, *extra: str) -> Iterator[ServerProcess]:
    server = start_server(
        "sqlite",
        f"sqlite:///{tmp_path / 'server.db'}",
        tmp_path / "server.log",
        extra=("--auth-failures-per-minute", str(LIMIT), *extra),
    )
    yield server
    server.stop()


@pytest.fixture
def default_server(tmp_path: Path) -> Iterator[ServerProcess]:
    yield from _serve(tmp_path)


@pytest.fixture
def proxied_server(tmp_path: Path) -> Iterator[ServerProcess]:
    yield from _serve(tmp_path, "--forwarded-allow-ips", "127.0.0.1")


def _bad_token_from(api: Api, forwarded_for: str) -> int:
    headers = {"Authorization": "Bearer not-a-token", "X-Forwarded-For": forwarded_for}
    return api.http.get("/v1/changes", headers=headers).status_code


def test_by_default_a_made_up_forwarded_address_counts_as_the_real_peer(
    default_server: ServerProcess,
) -> None:
    local = Api(default_server.base_url)  # from 127.0.0.1, like any process on the machine
    statuses = [_bad_token_from(local, f"203.0.113.{n}") for n in range(1, LIMIT + 3)]
    assert statuses == [401] * LIMIT + [429, 429]


def test_behind_a_named_proxy_each_forwarded_client_is_counted_apart(
    proxied_server: ServerProcess,
) -> None:
    proxy = Api(proxied_server.base_url)
    first = [_bad_token_from(proxy, "203.0.113.7") for _ in range(LIMIT + 1)]
    other = _bad_token_from(proxy, "198.51.100.9")
    assert first == [401] * LIMIT + [429]
    assert other == 401
