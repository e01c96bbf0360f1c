"""The back office against the real server process on PostgreSQL: each test makes its own
merchant (two stores, programs, cards), its owner and a manager of the first store."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import pytest

from sync.server.db import write
from sync.server.office.users import add_user
from tests.server.conftest import Merchant, ServerProcess, make_merchant, start_server

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class Shop:
    merchant: Merchant
    owner: str
    manager: str  # of merchant.stores[0]

    @property
    def id(self) -> str:
        return self.merchant.id


def make_shop(server: ServerProcess) -> Shop:
    merchant = make_merchant(server)
    now = datetime.now(UTC)
    with write(server.engine) as conn:
        add_user(conn, merchant.id, "owner", "Olive Owner", "owner", None, PASSWORD, now)
        add_user(
            conn,
            merchant.id,
            "manager",
            "Manu Manager",
            "manager",
            merchant.stores[0],
            PASSWORD,
            now,
        )
    return Shop(merchant, "owner", "manager")


@pytest.fixture(scope="session")
def office_server(
    pg_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    """The server on PostgreSQL, one process: uvicorn's supervisor of several workers
    kills a worker that takes over 5 s to start, which a loaded machine can make it do
    again and again. Several processes are tried in test_sign_in (two servers)."""
    tmp = tmp_path_factory.mktemp("office-server")
    server = start_server("postgres", pg_database_url, tmp / "server.log")
    yield server
    server.stop()


@pytest.fixture
def shop(office_server: ServerProcess) -> Shop:
    return make_shop(office_server)


def csrf_of(page: httpx.Response) -> str:
    found = _CSRF.search(page.text)
    assert found, f"no CSRF token on {page.url}"
    return found.group(1)


class Browser:
    """A plain HTTP client acting as a browser: cookies kept, forms sent with the page's
    CSRF token, redirects not followed (the tests look at them)."""

    def __init__(self, server: ServerProcess, source: str | None = None) -> None:
        transport = httpx.HTTPTransport(local_address=source) if source else None
        self.http = httpx.Client(base_url=server.base_url, timeout=30, transport=transport)

    def close(self) -> None:
        self.http.close()

    def get(self, path: str, **params: str) -> httpx.Response:
        # Without params, a query written in the path is kept (httpx replaces it otherwise).
        return self.http.get(path, params=params) if params else self.http.get(path)

    def sign_in(self, merchant: str, login: str, password: str = PASSWORD) -> httpx.Response:
        page = self.http.get("/office/sign-in")
        form = {
            "csrf": csrf_of(page),
            "merchant": merchant,
            "login": login,
            "password": password,
            "next": "/office/account",
        }
        return self.http.post("/office/sign-in", data=form)

    def post(self, form_page: str, action: str, **fields: str) -> httpx.Response:
        """Send a form of `form_page` (its CSRF token) to `action`."""
        token = csrf_of(self.http.get(form_page))
        return self.http.post(action, data={"csrf": token, **fields})


def fresh_address() -> str:
    """A loopback address of its own: failed sign-ins count per address too, and a test's
    failures must not lock out the next test's browser."""
    a, b, c = (secrets.randbelow(250) + 2 for _ in range(3))
    return f"127.{a}.{b}.{c}"


@pytest.fixture
def browser(office_server: ServerProcess) -> Iterator[Browser]:
    b = Browser(office_server, source=fresh_address())
    yield b
    b.close()
