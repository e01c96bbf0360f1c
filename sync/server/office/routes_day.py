"""The day: any shop day's totals per store and terminal, the refusals with their reasons,
the last 30 days as a chart, and the day's transactions as CSV."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy import Engine

from sync.server import reports
from sync.server.auth import engine_of
from sync.server.db import read
from sync.server.office.access import SignedIn, chosen_store, scope_of, store_names
from sync.server.office.chart import Point, daily_chart
from sync.server.office.csv_export import csv_response
from sync.server.office.forms import FormError
from sync.server.office.web import render, utcnow

router = APIRouter(prefix="/office", include_in_schema=False)
CHART_DAYS = 30
CSV_PAGE = 1000


def _day(text: str | None) -> date:
    if not text:
        return utcnow().date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FormError(f"{text!r} is not a day (YYYY-MM-DD)") from None


DayParam = Annotated[str | None, Query(max_length=10)]
StoreParam = Annotated[str | None, Query(max_length=64)]


@router.get("/")
def day_page(
    request: Request, officer: SignedIn, day: DayParam = None, store: StoreParam = None
) -> Response:
    shown = _day(day)
    store_id = chosen_store(request, officer, store)
    scope = scope_of(officer, store_id)
    with read(engine_of(request)) as conn:
        summary = reports.day_summary(conn, scope, shown)
        series = reports.daily_series(conn, scope, shown, CHART_DAYS)
    chart = daily_chart(
        [Point(p.day, p.stamps, p.rewards, p.points_earned, p.points_redeemed) for p in series]
    )
    return render(
        request,
        "day.html",
        officer,
        summary=summary,
        chart=chart,
        stores=store_names(request, officer),
        store=store_id,
        day=shown,
        previous=shown - timedelta(days=1),
        next=shown + timedelta(days=1),
        first_day=series[0].day,
    )


HEADER = (
    "id",
    "entry_id",
    "local_time",
    "shop_day",
    "store_id",
    "terminal_id",
    "seq",
    "staff_id",
    "card_id",
    "program_id",
    "kind",
    "status",
    "stamps",
    "points",
    "code",
    "reason",
    "received_at",
    "clock_suspect",
)


def entry_row(e: reports.HistoryEntry) -> Sequence[object]:
    return (
        e.id,
        e.entry_id,
        e.local_time_text,
        e.shop_day,
        e.store_id,
        e.terminal_id,
        e.seq,
        e.staff_id,
        e.card_id,
        e.program_id,
        e.kind,
        e.status,
        e.stamps_delta,
        e.points_delta,
        e.code,
        e.reason,
        e.received_at,
        e.clock_suspect,
    )


def _entries(engine: Engine, scope: reports.Scope, day: date) -> Iterator[Sequence[object]]:
    """Page after page (keyset), each in its own short read: a long export holds no
    transaction open while the browser downloads."""
    after: int | None = None
    while True:
        with read(engine) as conn:
            page = reports.transactions_page(conn, scope, day, CSV_PAGE, after)
        yield from (entry_row(e) for e in page)
        if len(page) < CSV_PAGE:
            return
        after = page[-1].id


@router.get("/day.csv")
def day_csv(
    request: Request, officer: SignedIn, day: DayParam = None, store: StoreParam = None
) -> Response:
    shown = _day(day)
    scope = scope_of(officer, chosen_store(request, officer, store))
    rows = _entries(engine_of(request), scope, shown)
    return csv_response(f"transactions-{shown}.csv", HEADER, rows)
