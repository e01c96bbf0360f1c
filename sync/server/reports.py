"""Every read the back office shows, scoped to who is looking (`Scope`).

An owner sees every store of their merchant, a store manager one store; no function ever
returns another merchant's rows (each query filters by `merchant_id` first, and every
index it uses leads with it). Each takes the caller's connection and only reads.

Fast on a big merchant (a million cards, ten million transactions): the day and the chart
read the totals kept as entries arrive (`daily_totals`), never the transactions; lists of
transactions are keyset pages on indexes (migration 0010); a card search looks a number up
by prefix and a customer by phone, e-mail or a part of the name (trigrams on PostgreSQL).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Select, func, select

from pos_app.domain.customer import ContactError, normal_email, normal_phone
from pos_app.domain.program import Program, program_from_dict
from sync.server.daily_totals import COUNTERS
from sync.server.models import (
    CARDS,
    CUSTOMERS,
    DAILY_REFUSALS,
    DAILY_TOTALS,
    PROGRAMS,
    STAFF,
    TERMINALS,
    TRANSACTIONS,
)
from sync.server.server_journal import server_terminal_id

CARD_NUMBER_DIGITS = 12


@dataclass(frozen=True)
class Scope:
    """Who is looking: an owner sees every store, a store manager one."""

    merchant_id: str
    store_id: str | None = None  # None = every store of the merchant


@dataclass(frozen=True)
class Counts:
    """What entries came to (the definitions are `daily_totals`')."""

    entries: int = 0
    stamps: int = 0
    points_earned: int = 0
    points_redeemed: int = 0
    points_voided: int = 0
    points_expired: int = 0
    rewards: int = 0
    adjustments: int = 0
    refusals: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f) + getattr(other, f) for f in COUNTERS))


assert tuple(f.name for f in fields(Counts)) == COUNTERS


@dataclass(frozen=True)
class TerminalDay:
    """One terminal's shop day, at one store (a terminal's entries name their store)."""

    store_id: str
    terminal_id: str
    terminal_name: str
    counts: Counts


@dataclass(frozen=True)
class RefusalCount:
    code: str
    reason: str
    count: int


@dataclass(frozen=True)
class DaySummary:
    day: date
    totals: Counts
    terminals: list[TerminalDay] = field(default_factory=list)
    # Most frequent first.
    refusals: list[RefusalCount] = field(default_factory=list)


@dataclass(frozen=True)
class DayPoint:
    day: date
    stamps: int = 0
    points_earned: int = 0
    points_redeemed: int = 0
    rewards: int = 0
    refusals: int = 0


@dataclass(frozen=True)
class TerminalInfo:
    """A paired terminal as the terminals page shows it.

    `pending`: how many entries the terminal held, as of `pending_as_of` (its last
    sync-state call), that the server has not received. The terminal says where its
    journal ends (`SyncStateRequest.journal_seq`), the server holds its entries up to
    `last_seq`; entries made since that call are not known. None for a terminal that
    never said (an older one): the page shows "unknown" rather than a guess.
    """

    id: str
    name: str
    store_id: str
    paired_at: datetime
    last_sync_at: datetime | None  # its last push or sync-state call
    revoked: bool
    revoked_at: datetime | None
    pending: int | None
    refused: int  # its refused entries, all days
    last_seq: int = 0
    pending_as_of: datetime | None = None
    # The merchant's own journal on the server (operator's actions, points expiry): no
    # device, nothing to pair or revoke.
    server_journal: bool = False


@dataclass(frozen=True)
class CardInfo:
    id: str
    card_number: str
    program_id: str
    store_id: str  # where it was enrolled
    customer_id: str | None
    customer_name: str
    phone: str | None
    email: str | None
    is_active: bool
    stamp_count: int
    points_balance: int
    total_stamps_earned: int
    stamps_redeemed: int
    total_points_earned: int
    points_redeemed: int
    last_activity_at: datetime | None
    created_at: datetime
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    entry_id: str
    card_id: str
    program_id: str
    terminal_id: str
    seq: int
    store_id: str
    staff_id: str
    kind: str
    status: str
    code: str | None
    reason: str | None
    stamps_delta: int  # as applied (0 when refused)
    points_delta: int
    local_time_text: str  # the terminal's own time, offset included
    shop_day: date
    received_at: datetime
    clock_suspect: bool


@dataclass(frozen=True)
class StaffInfo:
    id: str
    name: str
    role: str
    is_active: bool
    updated_at: datetime


@dataclass(frozen=True)
class ProgramInfo:
    id: str
    name: str
    rule_version: int
    updated_at: datetime
    program: Program


# -- the day and the chart: from the daily totals ------------------------------------------

D = DAILY_TOTALS.c


def _totals_where(scope: Scope) -> list[Any]:
    where = [D.merchant_id == scope.merchant_id]
    if scope.store_id is not None:
        where.append(D.store_id == scope.store_id)
    return where


def day_summary(conn: Connection, scope: Scope, day: date) -> DaySummary:
    """The shop day's totals, per (store, terminal), and its refusals by code and reason."""
    rows = conn.execute(
        select(DAILY_TOTALS, TERMINALS.c.name)
        .outerjoin(
            TERMINALS,
            (TERMINALS.c.merchant_id == D.merchant_id) & (TERMINALS.c.id == D.terminal_id),
        )
        .where(*_totals_where(scope), D.day == day)
        .order_by(D.store_id, TERMINALS.c.name, D.terminal_id)
    ).all()
    terminals = [
        TerminalDay(
            r.store_id,
            r.terminal_id,
            r.name or r.terminal_id,
            Counts(*(int(getattr(r, c)) for c in COUNTERS)),
        )
        for r in rows
    ]
    totals = sum((t.counts for t in terminals), Counts())
    r_ = DAILY_REFUSALS.c
    where = [r_.merchant_id == scope.merchant_id, r_.day == day]
    if scope.store_id is not None:
        where.append(r_.store_id == scope.store_id)
    total = func.sum(r_["count"])
    refusals = conn.execute(
        select(r_.code, r_.reason, total.label("n"))
        .where(*where)
        .group_by(r_.code, r_.reason)
        .order_by(total.desc(), r_.code, r_.reason)
    ).all()
    return DaySummary(
        day, totals, terminals, [RefusalCount(r.code, r.reason, int(r.n)) for r in refusals]
    )


def daily_series(conn: Connection, scope: Scope, last_day: date, days: int = 30) -> list[DayPoint]:
    """One point per day up to `last_day`, oldest first, zeros for days without entries."""
    first = last_day - timedelta(days=days - 1)
    names = ("stamps", "points_earned", "points_redeemed", "rewards", "refusals")
    rows = conn.execute(
        select(D.day, *(func.sum(D[n]).label(n) for n in names))
        .where(*_totals_where(scope), D.day.between(first, last_day))
        .group_by(D.day)
    ).all()
    found = {r.day: r for r in rows}
    points = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        r = found.get(day)
        points.append(
            DayPoint(day) if r is None else DayPoint(day, *(int(getattr(r, n)) for n in names))
        )
    return points


# -- terminals -----------------------------------------------------------------------------


def terminal_list(conn: Connection, scope: Scope, now: datetime) -> list[TerminalInfo]:
    """The merchant's (or the store's) terminals, newest paired first; the server's own
    journal last. `now` is the caller's clock (kept for pages that show ages)."""
    del now  # nothing here depends on the time yet; the signature is the contract's
    where = [TERMINALS.c.merchant_id == scope.merchant_id]
    if scope.store_id is not None:
        where.append(TERMINALS.c.store_id == scope.store_id)
    terminals = conn.execute(
        select(TERMINALS).where(*where).order_by(TERMINALS.c.created_at.desc(), TERMINALS.c.id)
    ).all()
    refused = dict(
        conn.execute(
            select(D.terminal_id, func.sum(D.refusals))
            .where(D.merchant_id == scope.merchant_id, D.terminal_id.in_([t.id for t in terminals]))
            .group_by(D.terminal_id)
        ).all()
    )
    journal = server_terminal_id(scope.merchant_id)
    infos = [
        TerminalInfo(
            id=t.id,
            name=t.name,
            store_id=t.store_id,
            paired_at=t.created_at,
            last_sync_at=t.last_seen_at,
            revoked=t.revoked_at is not None,
            revoked_at=t.revoked_at,
            pending=_pending(t.journal_seq, int(t.last_seq)),
            refused=int(refused.get(t.id) or 0),
            last_seq=int(t.last_seq),
            pending_as_of=t.journal_seq_at,
            server_journal=t.id == journal,
        )
        for t in terminals
    ]
    return sorted(infos, key=lambda i: i.server_journal)


def _pending(journal_seq: int | None, last_seq: int) -> int | None:
    """Entries up to `journal_seq` beyond the server's `last_seq`: seqs are contiguous, and
    the server takes a terminal's entries only in order. None where the terminal never
    said; 0 where the server holds more than that journal."""
    return None if journal_seq is None else max(0, int(journal_seq) - last_seq)


# -- cards and customers -------------------------------------------------------------------

_CARD_COLUMNS = (
    CARDS.c.id,
    CARDS.c.card_number,
    CARDS.c.program_id,
    CARDS.c.enrolled_at_store,
    CARDS.c.customer_id,
    CARDS.c.customer_name,
    CUSTOMERS.c.name.label("name"),
    CUSTOMERS.c.phone,
    CUSTOMERS.c.email,
    CARDS.c.is_active,
    CARDS.c.stamp_count,
    CARDS.c.points_balance,
    CARDS.c.total_stamps_earned,
    CARDS.c.stamps_redeemed,
    CARDS.c.total_points_earned,
    CARDS.c.points_redeemed,
    CARDS.c.last_activity_at,
    CARDS.c.created_at,
    CARDS.c.deleted_at,
)


def _cards(scope: Scope) -> Select[Any]:
    query = (
        select(*_CARD_COLUMNS)
        .outerjoin(
            CUSTOMERS,
            (CUSTOMERS.c.merchant_id == CARDS.c.merchant_id)
            & (CUSTOMERS.c.id == CARDS.c.customer_id),
        )
        .where(CARDS.c.merchant_id == scope.merchant_id)
    )
    if scope.store_id is not None:
        query = query.where(CARDS.c.enrolled_at_store == scope.store_id)
    return query


def _card(r: Any) -> CardInfo:
    return CardInfo(
        id=r.id,
        card_number=r.card_number,
        program_id=r.program_id,
        store_id=r.enrolled_at_store,
        customer_id=r.customer_id,
        # The customer's name when known (an erased customer's is gone from both).
        customer_name=r.name or r.customer_name or "",
        phone=r.phone,
        email=r.email,
        is_active=bool(r.is_active),
        stamp_count=int(r.stamp_count),
        points_balance=int(r.points_balance),
        total_stamps_earned=int(r.total_stamps_earned),
        stamps_redeemed=int(r.stamps_redeemed),
        total_points_earned=int(r.total_points_earned),
        points_redeemed=int(r.points_redeemed),
        last_activity_at=r.last_activity_at,
        created_at=r.created_at,
        deleted_at=r.deleted_at,
    )


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def find_cards(conn: Connection, scope: Scope, query: str, limit: int = 50) -> list[CardInfo]:
    """Cards by number (what was typed of it, from the start; dashes and spaces ignored),
    by the customer's phone or e-mail (in normal form, as `customers.find_customers`), or
    by a part of the customer's name (any case). Cards removed are left out."""
    text = query.strip()
    if not text or limit <= 0:
        return []
    base = _cards(scope).where(CARDS.c.deleted_at.is_(None))
    found: dict[str, CardInfo] = {}
    # Said of the customer too, so their (merchant_id, phone / email) indexes answer.
    mine = (CUSTOMERS.c.merchant_id == scope.merchant_id,)

    def take(q: Select[Any]) -> None:
        for r in conn.execute(q.limit(limit)).all():
            found.setdefault(r.id, _card(r))

    digits = text.replace("-", "").replace(" ", "")
    if digits.isdigit() and len(digits) <= CARD_NUMBER_DIGITS:
        pattern = _like_escape(digits) + "%"
        take(
            base.where(CARDS.c.card_number.like(pattern, escape="\\")).order_by(CARDS.c.card_number)
        )
    if "@" in text:
        try:
            email = normal_email(text)
        except ContactError:
            email = ""
        if email:
            take(base.where(*mine, CUSTOMERS.c.email == email).order_by(CARDS.c.card_number))
    else:
        try:
            phone = normal_phone(text)
        except ContactError:
            phone = ""
        if phone:
            take(base.where(*mine, CUSTOMERS.c.phone == phone).order_by(CARDS.c.card_number))
    if not digits.lstrip("+").isdigit():
        take(base.where(CARDS.c.customer_id.in_(_named(scope, text, limit))).order_by(
            CUSTOMERS.c.name, CARDS.c.card_number
        ))  # fmt: skip
    return list(found.values())[:limit]


def _named(scope: Scope, part: str, limit: int) -> Select[Any]:
    """The first `limit` customers by name whose name holds `part` (any case) and who have
    a card in the scope. Customers first, then their cards: a common name matches
    thousands of a big merchant's customers, and only the first few need their cards."""
    pattern = "%" + _like_escape(part.lower()) + "%"
    in_scope = select(CARDS.c.id).where(
        CARDS.c.customer_id == CUSTOMERS.c.id,
        CARDS.c.merchant_id == scope.merchant_id,
        CARDS.c.deleted_at.is_(None),
    )
    if scope.store_id is not None:
        in_scope = in_scope.where(CARDS.c.enrolled_at_store == scope.store_id)
    return (
        select(CUSTOMERS.c.id)
        .where(
            CUSTOMERS.c.merchant_id == scope.merchant_id,
            CUSTOMERS.c.erased_at.is_(None),
            func.lower(CUSTOMERS.c.name).like(pattern, escape="\\"),
            in_scope.exists(),
        )
        .order_by(CUSTOMERS.c.name, CUSTOMERS.c.id)
        .limit(limit)
    )


def card_detail(conn: Connection, scope: Scope, card_id: str) -> CardInfo | None:
    """The card, if it is the merchant's (and, for a store manager, enrolled at the store)."""
    row = conn.execute(_cards(scope).where(CARDS.c.id == card_id)).first()
    return None if row is None else _card(row)


T = TRANSACTIONS.c
_ENTRY_COLUMNS = (
    T.id,
    T.entry_id,
    T.card_id,
    T.program_id,
    T.terminal_id,
    T.seq,
    T.store_id,
    T.staff_id,
    T.kind,
    T.status,
    T.code,
    T.reason,
    T.applied_stamps_delta,
    T.applied_points_delta,
    T.local_time_text,
    T.shop_day,
    T.received_at,
    T.clock_suspect,
)


def _entry(r: Any) -> HistoryEntry:
    # Positional: a day's export builds thousands (the columns are in the fields' order).
    return HistoryEntry(*r)


assert len(_ENTRY_COLUMNS) == len(fields(HistoryEntry))


def card_history(
    conn: Connection, scope: Scope, card_id: str, limit: int = 100, before_id: int | None = None
) -> list[HistoryEntry]:
    """The card's entries, newest first, `limit` at a time: pass the last one's id as
    `before_id` for the next page. Every entry of a card the scope sees (a store manager's
    card may have been used at another store of the merchant); none of a card it does not."""
    visible = select(CARDS.c.id).where(
        CARDS.c.merchant_id == scope.merchant_id, CARDS.c.id == card_id
    )
    if scope.store_id is not None:
        visible = visible.where(CARDS.c.enrolled_at_store == scope.store_id)
    if conn.execute(visible).first() is None:
        return []
    query = select(*_ENTRY_COLUMNS).where(T.merchant_id == scope.merchant_id, T.card_id == card_id)
    if before_id is not None:
        query = query.where(T.id < before_id)
    rows = conn.execute(query.order_by(T.id.desc()).limit(limit)).all()
    return [_entry(r) for r in rows]


def transactions_page(
    conn: Connection, scope: Scope, day: date, limit: int = 200, after_id: int | None = None
) -> list[HistoryEntry]:
    """The shop day's entries (of the store, for a store manager), oldest first, `limit` at
    a time: pass the last one's id as `after_id` for the next page."""
    query = select(*_ENTRY_COLUMNS).where(T.merchant_id == scope.merchant_id, T.shop_day == day)
    if scope.store_id is not None:
        query = query.where(T.store_id == scope.store_id)
    if after_id is not None:
        query = query.where(T.id > after_id)
    rows = conn.execute(query.order_by(T.id).limit(limit)).all()
    return [_entry(r) for r in rows]


# -- staff and programs --------------------------------------------------------------------


def staff_list(conn: Connection, scope: Scope) -> list[StaffInfo]:
    """The merchant's staff, active first, by name. Staff belong to the merchant, not to a
    store (a PIN works at every store), so a store manager sees the same list."""
    rows = conn.execute(
        select(STAFF.c.id, STAFF.c.name, STAFF.c.role, STAFF.c.is_active, STAFF.c.updated_at)
        .where(STAFF.c.merchant_id == scope.merchant_id)
        .order_by(STAFF.c.is_active.desc(), STAFF.c.name, STAFF.c.id)
    ).all()
    return [StaffInfo(r.id, r.name, r.role, bool(r.is_active), r.updated_at) for r in rows]


def program_list(conn: Connection, merchant_id: str) -> list[ProgramInfo]:
    """The merchant's programs by name, each with its rules as terminals apply them."""
    rows = conn.execute(
        select(
            PROGRAMS.c.id,
            PROGRAMS.c.name,
            PROGRAMS.c.rule_version,
            PROGRAMS.c.updated_at,
            PROGRAMS.c.rules,
        )
        .where(PROGRAMS.c.merchant_id == merchant_id)
        .order_by(PROGRAMS.c.name, PROGRAMS.c.id)
    ).all()
    return [
        ProgramInfo(
            r.id, r.name, int(r.rule_version), r.updated_at, program_from_dict(json.loads(r.rules))
        )
        for r in rows
    ]
