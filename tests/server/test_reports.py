"""The back office's reads (`reports`): what terminals pushed, counted once, by shop day,
and only ever the merchant's (and the store's) own."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import select

from pos_app.domain.operations import Adjust
from pos_app.domain.program import Program, ProgramKind
from sync.protocol import OutcomeStatus, PushRequest, PushResponse
from sync.server import admin, daily_totals, reports
from sync.server.auth import TerminalAuth
from sync.server.card_actions import card_action
from sync.server.db import alembic_config, make_engine, migrate, read, write
from sync.server.entries import EntryChain
from sync.server.models import DAILY_REFUSALS, DAILY_TOTALS, TERMINALS, TRANSACTIONS
from sync.server.push import push
from sync.server.reports import Counts, Scope
from tests.pg import create_database, drop_database
from tests.server.client import Api
from tests.server.conftest import Merchant, ServerProcess, make_merchant, pair_terminal

# Two days back, at 23:00 two hours east of UTC: the last entry, past local midnight, is of
# the next shop day though it is still the same day in UTC.
TZ = timezone(timedelta(hours=2))
DAY = (datetime.now(UTC) - timedelta(days=3)).date()
EVENING = datetime.combine(DAY, time(23, 0), TZ)
PHONE = "+4915112345678"


def _push(api: Api, chain: EntryChain) -> PushResponse:
    response = api.push(chain.terminal_id, chain.entries)
    assert response.status_code == 200, response.text
    return PushResponse.model_validate(response.json())


def _enroll(
    chain: EntryChain, program: Program, at: datetime, name: str, **contact: str
) -> tuple[str, str]:
    card_id = str(uuid.uuid4())
    number = str(uuid.UUID(card_id).int % 10**11).rjust(11, "1") + "7"
    op = {
        "kind": "enroll",
        "card_id": card_id,
        "card_number": number,
        "qr_token": uuid.uuid4().hex,
        "customer_name": name,
    }
    stamps, points = (1, 0) if program.kind == ProgramKind.STAMPS else (0, 20)
    chain.add(
        card_id,
        program.id,
        op,
        stamps_delta=stamps,
        points_delta=points,
        local_time=at,
        customer=dict(contact) or None,
    )
    return card_id, number


def _earn(chain: EntryChain, m: Merchant, card_id: str, minor: int, at: datetime) -> None:
    chain.add(
        card_id,
        m.points.id,
        {"kind": "earn_points", "amount_minor": minor},
        points_delta=minor // 100,
        local_time=at,
    )


@pytest.fixture
def day_of_entries(server: ServerProcess) -> dict[str, Any]:
    """A merchant whose terminal at store 1 pushed a shop day of every kind of entry, and
    whose terminal at store 2, and another merchant's terminal, pushed entries the same day."""
    m = make_merchant(server)
    api, chain = pair_terminal(server, m.stores[0], m.staff_id)
    at = [EVENING + timedelta(minutes=n) for n in range(30)]
    points_card, number = _enroll(chain, m.points, at[0], "Kim Larsson", phone=PHONE)
    _earn(chain, m, points_card, 5000, at[1])
    _earn(chain, m, points_card, 1000, at[2])
    undone = chain.entries[-1]
    chain.add(
        points_card,
        m.points.id,
        {
            "kind": "reverse",
            "of_entry_id": str(undone.entry_id),
            "of_kind": "earn_points",
            "stamps": 0,
            "points": 10,
            "requested_points": None,
        },
        points_delta=-10,
        local_time=at[3],
    )
    chain.add(
        points_card,
        m.points.id,
        {"kind": "redeem_points", "reward_code": "croissant"},
        points_delta=-50,
        local_time=at[4],
    )
    stamps_card, _ = _enroll(chain, m.stamps, at[5], "Ole Berg")
    chain.add(
        stamps_card, m.stamps.id, {"kind": "stamp", "count": 1}, stamps_delta=1, local_time=at[20]
    )
    _earn(chain, m, str(uuid.uuid4()), 1000, at[21])  # no such card: refused
    _earn(chain, m, points_card, 1000, EVENING + timedelta(minutes=90))  # the next shop day
    first = _push(api, chain)
    assert [o.status for o in first.outcomes].count(OutcomeStatus.REFUSED) == 1, first
    assert _push(api, chain).outcomes[0].status == OutcomeStatus.DUPLICATE  # a retry: no-op
    api.sync_state(chain.terminal_id, acknowledged_seq=chain.last_seq)

    other_api, other_store = pair_terminal(server, m.stores[1], m.staff_id)
    elsewhere, _ = _enroll(other_store, m.points, at[6], "Kim Elsewhere")
    _push(other_api, other_store)

    stranger = make_merchant(server)
    stranger_api, stranger_chain = pair_terminal(server, stranger.stores[0], stranger.staff_id)
    _enroll(stranger_chain, stranger.points, at[7], "Kim Stranger", phone=PHONE)
    _push(stranger_api, stranger_chain)
    for client in (api, other_api, stranger_api):
        client.close()
    return {
        "m": m,
        "stranger": stranger,
        "terminal": str(chain.terminal_id),
        "other_terminal": str(other_store.terminal_id),
        "points_card": points_card,
        "number": number,
        "elsewhere": elsewhere,
    }


def test_the_day_counts_each_entry_once_on_the_terminal_s_local_date(
    server: ServerProcess, day_of_entries: dict[str, Any]
) -> None:
    d = day_of_entries
    m: Merchant = d["m"]
    with read(server.engine) as conn:
        owner = reports.day_summary(conn, Scope(m.id), DAY)
        manager = reports.day_summary(conn, Scope(m.id, m.stores[0]), DAY)
        next_day = reports.day_summary(conn, Scope(m.id), DAY + timedelta(days=1))
        series = reports.daily_series(conn, Scope(m.id), DAY + timedelta(days=1), days=3)

    counter = Counts(
        entries=8, stamps=2, points_earned=70, points_redeemed=50, rewards=1, refusals=1
    )
    elsewhere = Counts(entries=1, points_earned=20)
    assert [(t.store_id, t.terminal_id, t.counts) for t in manager.terminals] == [
        (m.stores[0], d["terminal"], counter)
    ]
    assert manager.totals == counter
    assert owner.totals == counter + elsewhere
    assert {t.terminal_id for t in owner.terminals} == {d["terminal"], d["other_terminal"]}
    assert [(r.code, r.count) for r in owner.refusals] == [("unknown_card", 1)]
    assert owner.refusals[0].reason == "The server does not know this card."
    assert next_day.totals == Counts(entries=1, points_earned=10)
    assert [
        (p.day, p.stamps, p.points_earned, p.points_redeemed, p.rewards, p.refusals) for p in series
    ] == [
        (DAY - timedelta(days=1), 0, 0, 0, 0, 0),
        (DAY, 2, 90, 50, 1, 1),
        (DAY + timedelta(days=1), 0, 10, 0, 0, 0),
    ]


def test_the_operator_s_card_actions_are_counted_like_a_terminal_s(
    server: ServerProcess, day_of_entries: dict[str, Any]
) -> None:
    m: Merchant = day_of_entries["m"]
    now = datetime.now(UTC)
    card_action(server.engine, m.id, day_of_entries["number"], Adjust(5, 0, "goodwill"), now)
    with read(server.engine) as conn:
        today = reports.day_summary(conn, Scope(m.id), now.date())
        journal = [t for t in reports.terminal_list(conn, Scope(m.id), now) if t.server_journal]
    assert today.totals.adjustments == 1 and today.totals.entries == 1
    assert len(journal) == 1 and journal[0].refused == 0


def test_totals_kept_live_equal_totals_counted_afresh(
    server: ServerProcess, day_of_entries: dict[str, Any]
) -> None:
    """The backfill of migration 0010 and the push path count alike (rolled back after)."""

    def snapshot(conn: Any) -> tuple[list[Any], list[Any]]:
        return (
            sorted(tuple(r) for r in conn.execute(DAILY_TOTALS.select()).all()),
            sorted(tuple(r) for r in conn.execute(DAILY_REFUSALS.select()).all()),
        )

    with server.engine.connect() as conn, conn.begin() as tx:
        live = snapshot(conn)
        daily_totals.backfill(conn)
        afresh = snapshot(conn)
        tx.rollback()
    assert live == afresh


def test_terminals_show_last_sync_and_refused_counts_of_the_scope_only(
    server: ServerProcess, day_of_entries: dict[str, Any]
) -> None:
    d = day_of_entries
    m: Merchant = d["m"]
    now = datetime.now(UTC)
    with read(server.engine) as conn:
        owner = reports.terminal_list(conn, Scope(m.id), now)
        manager = reports.terminal_list(conn, Scope(m.id, m.stores[1]), now)
    assert {t.id for t in owner} == {d["terminal"], d["other_terminal"]}
    counter = next(t for t in owner if t.id == d["terminal"])
    assert (counter.refused, counter.pending, counter.revoked, counter.last_seq) == (
        1,
        None,
        False,
        9,
    )
    assert counter.last_sync_at is not None and now - counter.last_sync_at < timedelta(minutes=5)
    assert [t.id for t in manager] == [d["other_terminal"]]


def test_cards_are_found_by_number_phone_and_name_within_the_scope(
    server: ServerProcess, day_of_entries: dict[str, Any]
) -> None:
    d = day_of_entries
    m: Merchant = d["m"]
    owner, manager, other = Scope(m.id), Scope(m.id, m.stores[1]), Scope(d["stranger"].id)
    number = d["number"]
    with read(server.engine) as conn:
        by_prefix = reports.find_cards(conn, owner, f"{number[:4]}-{number[4:8]}")
        by_phone = reports.find_cards(conn, owner, "+49 151 1234 5678")
        by_name = {c.customer_name for c in reports.find_cards(conn, owner, "KIM")}
        managers = {c.customer_name for c in reports.find_cards(conn, manager, "kim")}
        strangers = {c.customer_name for c in reports.find_cards(conn, other, "kim")}
        hidden = reports.find_cards(conn, manager, number)
        detail = reports.card_detail(conn, owner, d["points_card"])
        not_theirs = reports.card_detail(conn, manager, d["points_card"])
        not_ours = reports.card_detail(conn, other, d["points_card"])
        wildcard = reports.find_cards(conn, owner, "%")
    assert [c.id for c in by_prefix] == [d["points_card"]]
    assert [c.id for c in by_phone] == [d["points_card"]]
    assert by_name == {"Kim Larsson", "Kim Elsewhere"}
    assert managers == {"Kim Elsewhere"}
    assert strangers == {"Kim Stranger"}
    assert hidden == [] and not_theirs is None and not_ours is None and wildcard == []
    assert detail is not None and detail.phone == PHONE and detail.points_balance == 30
    assert (detail.total_points_earned, detail.points_redeemed) == (80, 50)


def test_history_and_the_day_s_entries_page_by_keyset(
    server: ServerProcess, day_of_entries: dict[str, Any]
) -> None:
    d = day_of_entries
    m: Merchant = d["m"]
    owner = Scope(m.id)
    with read(server.engine) as conn:
        first = reports.card_history(conn, owner, d["points_card"], limit=4)
        rest = reports.card_history(conn, owner, d["points_card"], before_id=first[-1].id)
        hidden = reports.card_history(conn, Scope(m.id, m.stores[1]), d["points_card"])
        foreign = reports.card_history(conn, Scope(d["stranger"].id), d["points_card"])
        pages: list[list[reports.HistoryEntry]] = []
        after: int | None = None
        while page := reports.transactions_page(conn, owner, DAY, limit=3, after_id=after):
            pages.append(page)
            after = page[-1].id
        store_two = reports.transactions_page(conn, Scope(m.id, m.stores[1]), DAY)
    kinds = [e.kind for e in first + rest]
    assert kinds == [
        "earn_points",
        "redeem_points",
        "reverse",
        "earn_points",
        "earn_points",
        "enroll",
    ]
    assert first[0].shop_day == DAY + timedelta(days=1) and rest[-1].shop_day == DAY
    assert hidden == [] and foreign == []
    entries = [e for page in pages for e in page]
    assert [len(p) for p in pages] == [3, 3, 3]
    assert [e.id for e in entries] == sorted(e.id for e in entries)
    assert {e.store_id for e in entries} == set(m.stores)
    assert [e.card_id for e in store_two] == [d["elsewhere"]]


def test_staff_and_programs_are_the_merchant_s(
    server: ServerProcess, day_of_entries: dict[str, Any]
) -> None:
    m: Merchant = day_of_entries["m"]
    with read(server.engine) as conn:
        staff = reports.staff_list(conn, Scope(m.id, m.stores[0]))
        programs = reports.program_list(conn, m.id)
    assert [(s.id, s.role, s.is_active) for s in staff] == [(m.staff_id, "cashier", True)]
    assert sorted(p.id for p in programs) == sorted([m.stamps.id, m.points.id])
    stamps = next(p for p in programs if p.id == m.stamps.id)
    assert (stamps.name, stamps.program.kind, stamps.rule_version) == (
        "Coffee card",
        m.stamps.kind,
        1,
    )


def test_nothing_is_counted_before_the_first_entry(server: ServerProcess) -> None:
    m = make_merchant(server)
    with write(server.engine) as conn:
        summary = reports.day_summary(conn, Scope(m.id), date(2026, 1, 1))
    assert summary.totals == Counts() and summary.terminals == [] and summary.refusals == []


@pytest.fixture(params=["sqlite", "postgres"])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of its own (migrations go up and down in it), on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.db'}"
        return
    admin_url: str = request.getfixturevalue("pg_admin_url")
    url = create_database(admin_url)
    try:
        yield url
    finally:
        drop_database(admin_url, url)


def test_migration_0010_counts_the_transactions_stored_before_it(fresh_url: str) -> None:
    """Entries stored before the totals existed: going down to 0009 and up again finds
    each one's shop day and counts it as the push path did."""
    migrate(fresh_url)
    engine = make_engine(fresh_url, pool_size=1)
    now = datetime.now(UTC)
    program = Program(id="p-big", merchant_id="m-big", name="Points", kind=ProgramKind.POINTS)
    terminal = TerminalAuth(str(uuid.uuid4()), "m-big", "s-big", revoked=False)
    with write(engine) as conn:
        admin.create_merchant(conn, "m-big", "Big", now)
        admin.add_store(conn, "s-big", "m-big", "Main street", now)
        admin.add_program(conn, program, now)
        conn.execute(
            TERMINALS.insert().values(
                id=terminal.terminal_id, merchant_id="m-big", store_id="s-big", name="Till",
                token_hash="0" * 64, created_at=now,
            )
        )  # fmt: skip
    chain = EntryChain(uuid.UUID(terminal.terminal_id), "s-big", "staff")
    card_id, _ = _enroll(chain, program, EVENING, "Kim")
    for minutes in (10, 70):  # before and after the shop's midnight
        earn = {"kind": "earn_points", "amount_minor": 1000}
        chain.add(card_id, program.id, earn, points_delta=10,
                  local_time=EVENING + timedelta(minutes=minutes))  # fmt: skip
    chain.add(card_id, program.id, {"kind": "earn_points", "amount_minor": 100},
              points_delta=1, local_time=datetime(2001, 1, 1, tzinfo=TZ))  # fmt: skip
    request = PushRequest(terminal_id=chain.terminal_id, entries=chain.entries, terminal_time=now)
    push(engine, terminal, request, now)

    def stored() -> tuple[list[Any], list[Any], list[Any]]:
        with read(engine) as conn:
            return (
                sorted(tuple(r) for r in conn.execute(DAILY_TOTALS.select()).all()),
                sorted(tuple(r) for r in conn.execute(DAILY_REFUSALS.select()).all()),
                sorted(conn.execute(select(TRANSACTIONS.c.seq, TRANSACTIONS.c.shop_day)).all()),
            )

    live = stored()
    command.downgrade(alembic_config(fresh_url), "0009")
    command.upgrade(alembic_config(fresh_url), "head")
    try:
        assert stored() == live
        assert [day for _, day in live[2]] == [DAY, DAY, DAY + timedelta(days=1), now.date()]
        assert [(r[4], r[6]) for r in live[1]] == [("clock_out_of_range", 1)]
    finally:
        engine.dispose()
