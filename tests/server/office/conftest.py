"""The back office against the real server process on PostgreSQL: each test makes its own
merchant (two stores, programs, cards), its owner and a manager of the first store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import pytest

from sync.server.db import write
from sync.server.office.users import add_user
from tests.server.conftest import Merchant, ServerProcess, make_merchant

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
            conn, merchant.id, "manager", "Manu Manager", "manager", merchant.stores[0],
            PASSWORD, now,
        )
    return Shop(merchant, "owner", "manager")


@pytest.fixture
def shop(pg_server: ServerProcess) -> Shop:
    return make_shop(pg_server)


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
        return self.http.get(path, params=params)

    def sign_in(self, merchant: str, login: str, password: str = PASSWORD) -> httpx.Response:
        page = self.http.get("/office/sign-in")
        form = {"csrf": csrf_of(page), "merchant": merchant, "login": login,
                "password": password, "next": "/office/account"}
        return self.http.post("/office/sign-in", data=form)

    def post(self, form_page: str, action: str, **fields: str) -> httpx.Response:
        """Send a form of `form_page` (its CSRF token) to `action`."""
        token = csrf_of(self.http.get(form_page))
        return self.http.post(action, data={"csrf": token, **fields})


@pytest.fixture
def browser(pg_server: ServerProcess) -> Iterator[Browser]:
    b = Browser(pg_server)
    yield b
    b.close()
