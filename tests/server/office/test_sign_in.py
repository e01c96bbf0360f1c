"""Signing in and out of the back office over real HTTP: the session cookie, CSRF on every
form, lockout per account and per address (counted together by two server processes)."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator

import pytest

from sync.server.cli import main
from sync.server.office import lockout
from sync.server.office.sessions import COOKIE
from tests.server.conftest import ServerProcess, start_server
from tests.server.office.conftest import PASSWORD, Browser, Shop, csrf_of, fresh_address


def test_signing_in_opens_a_secure_session_and_signing_out_ends_it(
    browser: Browser, shop: Shop
) -> None:
    assert browser.get("/office/account").headers["location"].startswith("/office/sign-in")
    signed = browser.sign_in(shop.id, "Owner")  # logins are not case-sensitive
    assert signed.status_code == 303 and signed.headers["location"] == "/office/account"
    cookie = next(c for c in signed.headers.get_list("set-cookie") if c.startswith(COOKIE))
    flags = {part.strip().lower() for part in cookie.split(";")}
    assert {"httponly", "samesite=lax", "path=/office/"} <= flags
    assert "secure" not in flags  # plain http here; https sets it (web.secure_cookies)
    account = browser.get("/office/account")
    assert account.status_code == 200 and "Owner: every store" in account.text
    assert account.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in account.headers["content-security-policy"]
    stolen = browser.http.cookies[COOKIE]

    out = browser.post("/office/account", "/office/sign-out")
    assert out.status_code == 303
    # The session row is gone: the old cookie, replayed, opens nothing.
    browser.http.cookies.set(COOKIE, stolen, path="/office/")
    assert browser.get("/office/account").status_code == 303


def test_a_wrong_password_or_login_is_refused_alike(browser: Browser, shop: Shop) -> None:
    wrong_password = browser.sign_in(shop.id, "owner", "not the password")
    unknown_login = browser.sign_in(shop.id, "nobody", PASSWORD)
    other_merchant = browser.sign_in("no-such-merchant", "owner", PASSWORD)
    for refused in (wrong_password, unknown_login, other_merchant):
        assert refused.status_code == 401
        assert "Wrong merchant, login or password." in refused.text
        assert COOKIE not in refused.headers.get("set-cookie", "")


def test_a_form_without_this_session_s_csrf_token_is_refused(
    browser: Browser, shop: Shop, office_server: ServerProcess
) -> None:
    browser.sign_in(shop.id, "owner")
    other = Browser(office_server, source=fresh_address())
    other.sign_in(shop.id, "manager")
    foreign_token = csrf_of(other.get("/office/account"))
    other.close()
    for fields in ({}, {"csrf": "forged"}, {"csrf": foreign_token}):
        refused = browser.http.post("/office/sign-out", data=fields)
        assert refused.status_code == 403
        assert "Form refused" in refused.text and "nothing was done" in refused.text
    assert browser.get("/office/account").status_code == 200  # still signed in

    # The sign-in form too: its token must match the cookie the form page set.
    anonymous = Browser(office_server, source=fresh_address())
    token = csrf_of(anonymous.get("/office/sign-in"))
    anonymous.http.cookies.clear()
    forged = anonymous.http.post(
        "/office/sign-in",
        data={"csrf": token, "merchant": shop.id, "login": "owner", "password": PASSWORD},
    )
    anonymous.close()
    assert forged.status_code == 403


@pytest.fixture(scope="module")
def second_server(
    office_server: ServerProcess, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    """Another server process on the same database, as behind a load balancer."""
    tmp = tmp_path_factory.mktemp("office-second")
    server = start_server("postgres", office_server.db_url, tmp / "server.log")
    yield server
    server.stop()


def test_an_account_locks_after_repeated_failures_counted_by_every_server(
    office_server: ServerProcess, second_server: ServerProcess, shop: Shop
) -> None:
    address = fresh_address()
    first = Browser(office_server, source=address)
    second = Browser(second_server, source=address)
    for attempt in range(lockout.PER_ACCOUNT):
        server = first if attempt % 2 else second
        assert server.sign_in(shop.id, "owner", "guess").status_code == 401
    locked = first.sign_in(shop.id, "owner")  # even with the right password
    assert locked.status_code == 429 and "try again in 15 minutes" in locked.text
    assert second.sign_in(shop.id, "owner").status_code == 429
    # Only that account: the manager of the same merchant still signs in.
    assert second.sign_in(shop.id, "manager").status_code == 303
    first.close()
    second.close()


def test_an_address_locks_after_failures_across_accounts(
    office_server: ServerProcess, shop: Shop
) -> None:
    guesser = Browser(office_server, source=fresh_address())
    for n in range(lockout.PER_ADDRESS):
        # A different login each time: no account reaches its own limit.
        assert guesser.sign_in(shop.id, f"guess-{n}", "guess").status_code == 401
    assert guesser.sign_in(shop.id, "owner").status_code == 429
    guesser.close()
    elsewhere = Browser(office_server, source=fresh_address())
    assert elsewhere.sign_in(shop.id, "owner").status_code == 303
    elsewhere.close()


def test_an_open_redirect_is_not_possible(browser: Browser, shop: Shop) -> None:
    page = browser.http.get("/office/sign-in")
    for target in ("https://evil.example/", "//evil.example/", "/v1/health"):
        form = {
            "csrf": csrf_of(page),
            "merchant": shop.id,
            "login": "owner",
            "password": PASSWORD,
            "next": target,
        }
        signed = browser.http.post("/office/sign-in", data=form)
        assert signed.headers["location"] == "/office/"
        page = browser.http.get("/office/sign-in")


def _cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    db_url: str,
    *args: str,
    stdin: str,
) -> tuple[int, str, str]:
    """`loyalty-server office ...` in this process (its import is the slow part of a
    subprocess here), with `stdin` as its standard input."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["office", *args, "--db", db_url])
    out, err = capsys.readouterr()
    return code, out, err


def test_office_users_are_made_and_stopped_from_the_command_line(
    office_server: ServerProcess,
    shop: Shop,
    browser: Browser,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, store = office_server.db_url, shop.merchant.stores[1]
    code, out, err = _cli(
        capsys,
        monkeypatch,
        db,
        "add-user",
        "Sam@Example.com",
        "--merchant",
        shop.id,
        "--name",
        "Sam",
        "--role",
        "manager",
        "--store",
        store,
        "--password-stdin",
        stdin="a long enough password\n",
    )
    assert code == 0, err
    assert out.strip() == f"office user sam@example.com of {shop.id} added (manager, store {store})"
    short = _cli(
        capsys,
        monkeypatch,
        db,
        "add-user",
        "tim",
        "--merchant",
        shop.id,
        "--name",
        "Tim",
        "--role",
        "owner",
        "--password-stdin",
        stdin="short\n",
    )
    assert short[0] == 1 and "at least 10 characters" in short[2]
    assert browser.sign_in(shop.id, "sam@example.com", "a long enough password").status_code == 303
    assert f"Store manager of {store}" in browser.get("/office/account").text
    stopped = _cli(
        capsys,
        monkeypatch,
        db,
        "deactivate-user",
        "sam@example.com",
        "--merchant",
        shop.id,
        stdin="",
    )
    assert stopped[0] == 0, stopped[2]
    # Signed out at once, and no sign-in any more.
    assert browser.get("/office/account").status_code == 303
    assert browser.sign_in(shop.id, "sam@example.com", "a long enough password").status_code == 401
