"""Cards and customers: search, a card's page (its history, newest first), the card
actions the server offers (`card_actions`: deactivate, reactivate, replace, adjust, merge,
each journalled like a manager's at a terminal), and CSV exports."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine

from pos_app.domain.identifiers import format_card_number
from sync.server import reports
from sync.server.auth import engine_of
from sync.server.card_actions import (
    CardActionError,
    adjust_op,
    card_action,
    deactivate_op,
    merge_cards,
    reactivate_op,
    replace_op,
)
from sync.server.db import read
from sync.server.office.access import NotFoundError, PostedForm, SignedIn, done_message, scope_of
from sync.server.office.csv_export import csv_response
from sync.server.office.forms import Form, FormError
from sync.server.office.routes_day import HEADER as ENTRY_HEADER
from sync.server.office.routes_day import entry_row
from sync.server.office.sessions import Officer
from sync.server.office.web import render, utcnow

router = APIRouter(prefix="/office", include_in_schema=False)
SEARCH_LIMIT = 50
HISTORY_PAGE = 50
QueryText = Annotated[str, Query(max_length=200)]


def _found(request: Request, officer: Officer, q: str) -> list[reports.CardInfo]:
    with read(engine_of(request)) as conn:
        return reports.find_cards(conn, scope_of(officer), q, SEARCH_LIMIT)


@router.get("/cards")
def cards(request: Request, officer: SignedIn, q: QueryText = "") -> Response:
    found = _found(request, officer, q)
    return render(
        request,
        "cards.html",
        officer,
        q=q,
        cards=found,
        limit=SEARCH_LIMIT,
        number=format_card_number,
    )


@dataclass
class CustomerCards:
    customer_id: str | None
    name: str
    phone: str | None
    email: str | None
    cards: list[reports.CardInfo] = field(default_factory=list)


def by_customer(found: Sequence[reports.CardInfo]) -> list[CustomerCards]:
    groups: dict[str, CustomerCards] = {}
    for card in found:
        key = card.customer_id or f"card:{card.id}"
        group = groups.setdefault(
            key, CustomerCards(card.customer_id, card.customer_name, card.phone, card.email)
        )
        group.cards.append(card)
    return list(groups.values())


@router.get("/customers")
def customers(request: Request, officer: SignedIn, q: QueryText = "") -> Response:
    found = by_customer(_found(request, officer, q))
    return render(
        request, "customers.html", officer, q=q, customers=found, number=format_card_number
    )


def _card(request: Request, officer: Officer, card_id: str) -> reports.CardInfo:
    with read(engine_of(request)) as conn:
        card = reports.card_detail(conn, scope_of(officer), card_id)
    if card is None or card.deleted_at is not None:
        raise NotFoundError
    return card


def _card_page(
    request: Request,
    officer: Officer,
    card_id: str,
    before: int | None = None,
    status_code: int = 200,
    **context: object,
) -> Response:
    card = _card(request, officer, card_id)
    with read(engine_of(request)) as conn:
        history = reports.card_history(conn, scope_of(officer), card_id, HISTORY_PAGE, before)
        programs = {p.id: p for p in reports.program_list(conn, officer.merchant_id)}
    return render(
        request,
        "card.html",
        officer,
        status_code,
        card=card,
        history=history,
        program=programs.get(card.program_id),
        older=history[-1].id if len(history) == HISTORY_PAGE else None,
        number=format_card_number,
        **context,
    )


@router.get("/cards/{card_id}")
def card_page(
    request: Request,
    card_id: str,
    officer: SignedIn,
    before: Annotated[int | None, Query(ge=1)] = None,
    done: Annotated[str | None, Query()] = None,
) -> Response:
    return _card_page(request, officer, card_id, before, flash=done_message(done))


def _act(request: Request, officer: Officer, card_id: str, action: str, form: Form) -> str:
    """Do the action on the card (one the officer sees); what was done, for the page."""
    card = _card(request, officer, card_id)
    engine, now, merchant = engine_of(request), utcnow(), officer.merchant_id
    if action == "deactivate":
        card_action(engine, merchant, card.card_number, deactivate_op(form.text("reason", "")), now)
        return "card-deactivated"
    if action == "reactivate":
        card_action(engine, merchant, card.card_number, reactivate_op(), now)
        return "card-reactivated"
    if action == "replace":
        card_action(engine, merchant, card.card_number, replace_op(), now)
        return "card-replaced"
    if action == "adjust":
        op = adjust_op(form.integer("points", 0), form.integer("stamps", 0), form.text("reason"))
        card_action(engine, merchant, card.card_number, op, now)
        return "card-adjusted"
    if action == "merge":
        other = _other_card(engine, officer, form.text("other"))
        merge_cards(engine, merchant, other.card_number, card.card_number, now)
        return "card-merged"
    raise NotFoundError


def _other_card(engine: Engine, officer: Officer, typed: str) -> reports.CardInfo:
    number = typed.replace("-", "").replace(" ", "")
    with read(engine) as conn:
        found = reports.find_cards(conn, scope_of(officer), number, 2)
    exact = [c for c in found if c.card_number == number]
    if not exact:
        raise FormError(f"there is no card {typed} here")
    return exact[0]


@router.post("/cards/{card_id}/{action}")
def card_post(
    request: Request, card_id: str, action: str, officer: SignedIn, form: PostedForm
) -> Response:
    try:
        done = _act(request, officer, card_id, action, form)
    except (CardActionError, FormError) as exc:
        return _card_page(request, officer, card_id, status_code=400, error=str(exc))
    return RedirectResponse(f"/office/cards/{card_id}?done={done}", status.HTTP_303_SEE_OTHER)


CARD_HEADER = (
    "card_id",
    "card_number",
    "program_id",
    "store_id",
    "customer_id",
    "customer_name",
    "phone",
    "email",
    "active",
    "stamps",
    "points",
    "total_stamps_earned",
    "stamps_redeemed",
    "total_points_earned",
    "points_redeemed",
    "last_activity_at",
    "created_at",
)


def _card_rows(found: Sequence[reports.CardInfo]) -> Iterator[Sequence[object]]:
    for c in found:
        yield (
            c.id,
            c.card_number,
            c.program_id,
            c.store_id,
            c.customer_id,
            c.customer_name,
            c.phone,
            c.email,
            c.is_active,
            c.stamp_count,
            c.points_balance,
            c.total_stamps_earned,
            c.stamps_redeemed,
            c.total_points_earned,
            c.points_redeemed,
            c.last_activity_at,
            c.created_at,
        )


@router.get("/cards.csv")
def cards_csv(request: Request, officer: SignedIn, q: QueryText = "") -> Response:
    return csv_response("cards.csv", CARD_HEADER, _card_rows(_found(request, officer, q)))


@router.get("/customers.csv")
def customers_csv(request: Request, officer: SignedIn, q: QueryText = "") -> Response:
    def rows() -> Iterator[Sequence[object]]:
        for group in by_customer(_found(request, officer, q)):
            numbers = " ".join(c.card_number for c in group.cards)
            yield (group.customer_id, group.name, group.phone, group.email, numbers)

    header = ("customer_id", "name", "phone", "email", "card_numbers")
    return csv_response("customers.csv", header, rows())


def _history(engine: Engine, scope: reports.Scope, card_id: str) -> Iterator[Sequence[object]]:
    before: int | None = None
    while True:
        with read(engine) as conn:
            page = reports.card_history(conn, scope, card_id, 1000, before)
        yield from (entry_row(e) for e in page)
        if len(page) < 1000:
            return
        before = page[-1].id


@router.get("/cards/{card_id}/history.csv")
def history_csv(request: Request, card_id: str, officer: SignedIn) -> Response:
    card = _card(request, officer, card_id)
    rows = _history(engine_of(request), scope_of(officer), card.id)
    return csv_response(f"card-{card.card_number}.csv", ENTRY_HEADER, rows)
