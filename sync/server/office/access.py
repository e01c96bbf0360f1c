"""Who may see what: the signed-in officer of a request, the form they post (CSRF
checked), and the Scope every read is made in (an owner: the merchant; a manager: their
store). Nothing here trusts a merchant or store named by the browser."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from sqlalchemy import select

from sync.server.auth import engine_of
from sync.server.db import read
from sync.server.models import STORES
from sync.server.office.forms import Form, check_csrf, read_form
from sync.server.office.sessions import COOKIE, Officer, session_officer
from sync.server.office.web import utcnow
from sync.server.reports import Scope


class SignInNeededError(Exception):
    """No live session: the browser is sent to the sign-in page, then back."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class NotAllowedError(Exception):
    """The officer may not do or see this (another store, an owner's action)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(Exception):
    """Nothing of this merchant (and store) by that name: the same answer as for another
    merchant's, so a guessed id tells nothing."""


def current_officer(request: Request) -> Officer:
    cookie = request.cookies.get(COOKIE, "")
    officer = None
    if cookie:
        officer = session_officer(engine_of(request), cookie, utcnow())
    if officer is None:
        raise SignInNeededError(request.url.path)
    request.state.officer = officer
    return officer


SignedIn = Annotated[Officer, Depends(current_officer)]


async def posted_form(request: Request, officer: SignedIn) -> Form:
    form = await read_form(request)
    check_csrf(form, officer.csrf_token)
    return form


PostedForm = Annotated[Form, Depends(posted_form)]


def require_owner(officer: Officer) -> None:
    if not officer.is_owner:
        raise NotAllowedError("Only the merchant's owner can change this.")


def sign_in_url(next_path: str) -> str:
    return f"/office/sign-in?next={quote(next_path, safe='/')}"


def store_names(request: Request, officer: Officer) -> dict[str, str]:
    """The stores this officer sees, id to name (a manager: their own)."""
    query = select(STORES.c.id, STORES.c.name).where(STORES.c.merchant_id == officer.merchant_id)
    if officer.store_id is not None:
        query = query.where(STORES.c.id == officer.store_id)
    with read(engine_of(request)) as conn:
        return {r.id: r.name for r in conn.execute(query.order_by(STORES.c.id))}


def chosen_store(request: Request, officer: Officer, store: str | None) -> str | None:
    """The store a page is narrowed to: a manager's own always; an owner's choice (None:
    every store), refused if it is not one of the merchant's."""
    if officer.store_id is not None:
        if store and store != officer.store_id:
            raise NotAllowedError("A store manager sees their own store only.")
        return officer.store_id
    if not store:
        return None
    if store not in store_names(request, officer):
        raise NotFoundError
    return store


def scope_of(officer: Officer, store_id: str | None = None) -> Scope:
    """What a read may see: the officer's merchant, narrowed to a manager's store (or the
    store an owner chose, already checked by `chosen_store`)."""
    return Scope(officer.merchant_id, officer.store_id or store_id)


DONE = {
    "revoked": "The terminal was revoked: it stops at its next contact.",
    "staff-added": "Staff member added: terminals know them after their next pull.",
    "staff-deactivated": "Staff member deactivated: terminals refuse their PIN after their "
    "next pull.",
    "staff-reactivated": "Staff member reactivated.",
    "pin-reset": "PIN changed: terminals take it with their next pull.",
    "program-saved": "Program saved: terminals apply the new rules after their next pull.",
    "program-unchanged": "Nothing changed in the rules.",
    "card-deactivated": "Card deactivated: it stops at every counter; its balances stay.",
    "card-reactivated": "Card reactivated.",
    "card-replaced": "Card replaced: its new number is below, with the balances and history; "
    "the old number and QR code now answer “replaced by a new card”.",
    "card-adjusted": "Balance adjusted.",
    "card-merged": "The other card was merged into this one.",
}


def done_message(done: str | None) -> str | None:
    """The message of a finished action (a fixed text: the query names which)."""
    return DONE.get(done or "")
