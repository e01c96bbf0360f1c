"""Signing in and out: `/office/sign-in`, `/office/sign-out`, `/office/account`."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import RedirectResponse, Response

from sync.server.auth import client_of, engine_of
from sync.server.db import read, write
from sync.server.office import lockout
from sync.server.office.access import PostedForm, SignedIn
from sync.server.office.forms import FormError, check_csrf, read_form
from sync.server.office.passwords import dummy_hash, password_matches
from sync.server.office.sessions import COOKIE, LIFETIME, close_session, open_session
from sync.server.office.users import find_user, normal_login
from sync.server.office.web import refusal, render, secure_cookies, utcnow

router = APIRouter(prefix="/office", include_in_schema=False)
# The sign-in form's CSRF token, before there is a session: a cookie the form must echo.
SIGN_IN_COOKIE = "office_sign_in"
WRONG = "Wrong merchant, login or password."


def _safe_next(next_path: str | None) -> str:
    """Only a page of the office itself: never another site (an open redirect)."""
    if (
        next_path
        and next_path.startswith("/office/")
        and "\\" not in next_path
        and not next_path.startswith("/office/sign-")
    ):
        return next_path
    return "/office/"


def _sign_in_page(
    request: Request,
    next_path: str,
    status_code: int = 200,
    error: str | None = None,
    merchant: str = "",
    login: str = "",
) -> Response:
    token = secrets.token_urlsafe(32)
    response = render(
        request,
        "sign_in.html",
        None,
        status_code,
        csrf=token,
        next=next_path,
        error=error,
        merchant=merchant,
        login=login,
    )
    response.set_cookie(
        SIGN_IN_COOKIE,
        token,
        max_age=3600,
        path="/office/",
        httponly=True,
        samesite="strict",
        secure=secure_cookies(request),
    )
    return response


@router.get("/sign-in")
def sign_in_form(request: Request, next: Annotated[str | None, Query()] = None) -> Response:
    return _sign_in_page(request, _safe_next(next))


@router.post("/sign-in")
async def sign_in(request: Request) -> Response:
    try:
        form = await read_form(request)
    except FormError as exc:
        return refusal(request, 400, "Not understood", str(exc))
    check_csrf(form, request.cookies.get(SIGN_IN_COOKIE))
    merchant, login = form.text("merchant", ""), normal_login(form.text("login", ""))
    password = form.fields.get("password", "")
    next_path = _safe_next(form.fields.get("next"))
    engine, now = engine_of(request), utcnow()
    keys = lockout.keys(merchant, login, client_of(request))
    with read(engine) as conn:
        wait = lockout.locked_minutes(conn, keys, now)
        user = find_user(conn, merchant, login) if merchant and login else None
    if wait is not None:
        return refusal(
            request,
            status.HTTP_429_TOO_MANY_REQUESTS,
            "Sign-in locked",
            "Too many failed sign-ins for this account or from this address: "
            f"try again in {wait} minute{'s' if wait != 1 else ''}.",
            headers={"Retry-After": str(wait * 60)},
        )
    # A missing account costs one hash too, so the time taken tells nothing.
    matches = password_matches(password, user.password_hash if user else dummy_hash())
    if user is None or not matches or not user.is_active:
        with write(engine) as conn:
            lockout.record_failure(conn, keys, now)
        return _sign_in_page(request, next_path, 401, WRONG, merchant, login)
    with write(engine) as conn:
        lockout.clear_account(conn, keys)
        cookie = open_session(conn, user.merchant_id, user.id, now)
    response = RedirectResponse(next_path, status.HTTP_303_SEE_OTHER)
    response.set_cookie(
        COOKIE,
        cookie,
        max_age=int(LIFETIME.total_seconds()),
        path="/office/",
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
    )
    response.delete_cookie(SIGN_IN_COOKIE, path="/office/")
    return response


@router.post("/sign-out")
def sign_out(request: Request, officer: SignedIn, form: PostedForm) -> Response:
    with write(engine_of(request)) as conn:
        close_session(conn, officer)
    response = RedirectResponse("/office/sign-in", status.HTTP_303_SEE_OTHER)
    response.delete_cookie(COOKIE, path="/office/")
    return response


@router.get("/account")
def account(request: Request, officer: SignedIn) -> Response:
    return render(request, "account.html", officer)
