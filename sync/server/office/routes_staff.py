"""Staff: the list, adding one, deactivating or reactivating, resetting a PIN. Staff work
at every store of the merchant, so only an owner changes them; a manager sees the list.
Every change is stamped for the change feed (`admin`), so terminals get it at their next
pull, exactly as after the command line's `add-staff`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Annotated

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import RedirectResponse, Response

from sync.server import admin, reports
from sync.server.admin import AdminError
from sync.server.auth import engine_of
from sync.server.db import read, write
from sync.server.office.access import (
    PostedForm,
    SignedIn,
    done_message,
    require_owner,
    scope_of,
)
from sync.server.office.csv_export import csv_response
from sync.server.office.sessions import Officer
from sync.server.office.web import render, utcnow

router = APIRouter(prefix="/office", include_in_schema=False)


def _page(
    request: Request, officer: Officer, status_code: int = 200, **context: object
) -> Response:
    with read(engine_of(request)) as conn:
        staff = reports.staff_list(conn, scope_of(officer))
    return render(request, "staff.html", officer, status_code, staff=staff, **context)


def _done(what: str) -> Response:
    return RedirectResponse(f"/office/staff?done={what}", status.HTTP_303_SEE_OTHER)


@router.get("/staff")
def staff(
    request: Request, officer: SignedIn, done: Annotated[str | None, Query()] = None
) -> Response:
    return _page(request, officer, flash=done_message(done))


@router.post("/staff")
def add(request: Request, officer: SignedIn, form: PostedForm) -> Response:
    require_owner(officer)
    try:
        with write(engine_of(request)) as conn:
            admin.add_staff(
                conn,
                form.text("staff_id"),
                officer.merchant_id,
                form.text("name"),
                form.text("role", "cashier"),
                form.text("pin"),
                utcnow(),
                replace=False,
            )
    except AdminError as exc:
        return _page(request, officer, 400, error=str(exc))
    return _done("staff-added")


@router.post("/staff/{staff_id}/active")
def set_active(request: Request, staff_id: str, officer: SignedIn, form: PostedForm) -> Response:
    require_owner(officer)
    active = form.text("active") == "yes"
    try:
        with write(engine_of(request)) as conn:
            admin.set_staff_active(conn, officer.merchant_id, staff_id, active, utcnow())
    except AdminError as exc:
        return _page(request, officer, 400, error=str(exc))
    return _done("staff-reactivated" if active else "staff-deactivated")


@router.post("/staff/{staff_id}/pin")
def reset_pin(request: Request, staff_id: str, officer: SignedIn, form: PostedForm) -> Response:
    require_owner(officer)
    try:
        with write(engine_of(request)) as conn:
            admin.reset_staff_pin(conn, officer.merchant_id, staff_id, form.text("pin"), utcnow())
    except AdminError as exc:
        return _page(request, officer, 400, error=str(exc))
    return _done("pin-reset")


def _rows(items: Sequence[reports.StaffInfo]) -> Iterator[Sequence[object]]:
    for s in items:
        yield (s.id, s.name, s.role, s.is_active)


@router.get("/staff.csv")
def staff_csv(request: Request, officer: SignedIn) -> Response:
    with read(engine_of(request)) as conn:
        items = reports.staff_list(conn, scope_of(officer))
    return csv_response("staff.csv", ("staff_id", "name", "role", "active"), _rows(items))
