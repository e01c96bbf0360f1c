"""Terminals: the list (last sync, pending, refused), pairing a new one (the code as text
and as a QR code), revoking one. A store manager sees and pairs their store's only."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import RedirectResponse, Response

from sync.server import reports
from sync.server.admin import AdminError, revoke_terminal
from sync.server.auth import engine_of
from sync.server.db import read, write
from sync.server.office.access import (
    PostedForm,
    SignedIn,
    chosen_store,
    done_message,
    scope_of,
    store_names,
)
from sync.server.office.csv_export import csv_response
from sync.server.office.qr import qr_svg
from sync.server.office.sessions import Officer
from sync.server.office.web import render, utcnow
from sync.server.pairing import PairingError, create_pair_code

router = APIRouter(prefix="/office", include_in_schema=False)
CODE_MINUTES = 15


def _page(
    request: Request,
    officer: Officer,
    status_code: int = 200,
    **context: object,
) -> Response:
    with read(engine_of(request)) as conn:
        terminals = reports.terminal_list(conn, scope_of(officer), utcnow())
    return render(
        request,
        "terminals.html",
        officer,
        status_code,
        terminals=terminals,
        stores=store_names(request, officer),
        **context,
    )


@router.get("/terminals")
def terminals(
    request: Request, officer: SignedIn, done: Annotated[str | None, Query()] = None
) -> Response:
    return _page(request, officer, flash=done_message(done))


@router.post("/terminals/pair")
def pair(request: Request, officer: SignedIn, form: PostedForm) -> Response:
    store = chosen_store(request, officer, form.text("store", "") or None)
    if store is None:
        return _page(request, officer, 400, error="Choose the store of the new terminal.")
    try:
        with write(engine_of(request)) as conn:
            code = create_pair_code(conn, store, utcnow(), timedelta(minutes=CODE_MINUTES))
    except PairingError as exc:
        return _page(request, officer, 400, error=str(exc))
    return _page(
        request,
        officer,
        code=code,
        code_store=store,
        code_minutes=CODE_MINUTES,
        code_qr=qr_svg(code, f"Pairing code {code}"),
    )


@router.post("/terminals/{terminal_id}/revoke")
def revoke(request: Request, terminal_id: str, officer: SignedIn, form: PostedForm) -> Response:
    try:
        with write(engine_of(request)) as conn:
            revoke_terminal(
                conn,
                terminal_id,
                utcnow(),
                merchant_id=officer.merchant_id,
                store_id=officer.store_id,
            )
    except AdminError as exc:
        return _page(request, officer, 400, error=str(exc))
    return RedirectResponse("/office/terminals?done=revoked", status.HTTP_303_SEE_OTHER)


HEADER = (
    "terminal_id",
    "name",
    "store_id",
    "paired_at",
    "last_sync_at",
    "revoked",
    "entries_received",
    "pending",
    "pending_as_of",
    "refused",
)


def _rows(items: Sequence[reports.TerminalInfo]) -> Iterator[Sequence[object]]:
    for t in items:
        yield (
            t.id,
            t.name,
            t.store_id,
            t.paired_at,
            t.last_sync_at,
            t.revoked,
            t.last_seq,
            t.pending,  # empty where the terminal has not reported it
            t.pending_as_of,
            t.refused,
        )


@router.get("/terminals.csv")
def terminals_csv(request: Request, officer: SignedIn) -> Response:
    with read(engine_of(request)) as conn:
        items = reports.terminal_list(conn, scope_of(officer), utcnow())
    return csv_response("terminals.csv", HEADER, _rows(items))
