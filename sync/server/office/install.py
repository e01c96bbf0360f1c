"""Putting the back office into the server's app: its routes, its stylesheet, and the
pages its refusals show."""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI, Request, status
from fastapi.responses import RedirectResponse, Response

from sync.server.office import (
    routes_auth,
    routes_cards,
    routes_day,
    routes_programs,
    routes_staff,
    routes_terminals,
)
from sync.server.office.access import NotAllowedError, NotFoundError, SignInNeededError, sign_in_url
from sync.server.office.forms import CsrfError, FormError
from sync.server.office.sessions import Officer
from sync.server.office.web import refusal

_CSS = files("sync.server.office").joinpath("static/office.css").read_bytes()


def _officer(request: Request) -> Officer | None:
    officer: Officer | None = getattr(request.state, "officer", None)
    return officer


def install(app: FastAPI) -> None:
    for module in (
        routes_auth,
        routes_day,
        routes_terminals,
        routes_staff,
        routes_programs,
        routes_cards,
    ):
        app.include_router(module.router)

    @app.get("/office/static/office.css", include_in_schema=False)
    def stylesheet() -> Response:
        return Response(_CSS, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    @app.get("/office", include_in_schema=False)
    def office_root() -> Response:
        return RedirectResponse("/office/", status.HTTP_308_PERMANENT_REDIRECT)

    @app.exception_handler(SignInNeededError)
    def _sign_in(request: Request, exc: SignInNeededError) -> Response:
        if request.method != "GET":
            return refusal(request, 401, "Signed out", "Your session has ended: sign in again.")
        return RedirectResponse(sign_in_url(exc.next_path), status.HTTP_303_SEE_OTHER)

    @app.exception_handler(CsrfError)
    def _csrf(request: Request, exc: CsrfError) -> Response:
        return refusal(
            request,
            status.HTTP_403_FORBIDDEN,
            "Form refused",
            "This form did not come from your signed-in page of the back office, so nothing "
            "was done. Open the page again and send the form from there.",
            _officer(request),
        )

    @app.exception_handler(NotAllowedError)
    def _not_allowed(request: Request, exc: NotAllowedError) -> Response:
        return refusal(
            request,
            status.HTTP_403_FORBIDDEN,
            "Not allowed",
            exc.message,
            _officer(request),
        )

    @app.exception_handler(NotFoundError)
    def _not_found(request: Request, exc: NotFoundError) -> Response:
        return refusal(
            request,
            status.HTTP_404_NOT_FOUND,
            "Not found",
            "There is nothing by that name here.",
            _officer(request),
        )

    @app.exception_handler(FormError)
    def _form(request: Request, exc: FormError) -> Response:
        return refusal(
            request,
            status.HTTP_400_BAD_REQUEST,
            "Not done",
            str(exc),
            _officer(request),
        )
