"""The change feed delivers every change exactly once while every kind of writer writes.

Programs and staff are written by the operator's tools, cards by terminals' pushes, and
other terminals are revoked, all at once, while a terminal pages through the feed with a
small page. Versions are drawn under a lock held to commit, so commit order is version
order; a page read from one snapshot then never jumps over a change still to be seen.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from pos_app.domain.program import Program, ProgramKind
from sync.protocol import (
    CardChange,
    ChangesPage,
    ProgramChange,
    RevocationChange,
    StaffChange,
)
from sync.server import admin
from sync.server.db import next_version, read, write
from sync.server.models import CARDS, PROGRAMS, STAFF
from tests.server.conftest import ServerProcess, make_merchant, pair_terminal

WRITES_EACH = 60
PAGE = 3


def _program(merchant_id: str, n: int) -> Program:
    return Program(
        id=f"feed-{merchant_id}-{n}",
        merchant_id=merchant_id,
        name=f"Program {n}",
        kind=ProgramKind.POINTS,
        points_per_unit=Decimal(1),
    )


def test_a_reader_paging_during_every_kind_of_write_sees_each_change_once(
    server: ServerProcess,
) -> None:
    merchant = make_merchant(server, card_count=40)
    reader, reader_chain = pair_terminal(server, merchant.stores[0], merchant.staff_id)
    pusher, chain = pair_terminal(server, merchant.stores[1], merchant.staff_id)
    doomed = [pair_terminal(server, merchant.stores[0], merchant.staff_id) for _ in range(6)]
    stamp_cards = [c for c in merchant.cards if c.program_id == merchant.points.id]
    done = threading.Event()
    failures: list[BaseException] = []

    def writer(body: Callable[[int], None], count: int) -> Callable[[], None]:
        def run() -> None:
            try:
                for n in range(count):
                    body(n)
            except BaseException as exc:  # reported by the main thread
                failures.append(exc)

        return run

    def write_program(n: int) -> None:
        with write(server.engine) as conn:
            admin.add_program(conn, _program(merchant.id, n % 30), datetime.now(UTC))
            if n >= 30:  # the second round changes the rules: a new version of each
                changed = replace(_program(merchant.id, n % 30), name=f"Renamed {n}")
                admin.add_program(conn, changed, datetime.now(UTC))

    def write_staff(n: int) -> None:
        with write(server.engine) as conn:
            admin.add_staff(
                conn,
                f"feed-{merchant.id}-{n % 30}",
                merchant.id,
                f"Staff {n}",
                "cashier",
                f"{1000 + n}",
                datetime.now(UTC),
            )

    def push_card(n: int) -> None:
        card = stamp_cards[n % len(stamp_cards)]
        entry = chain.add(
            card.id,
            merchant.points.id,
            {"kind": "earn_points", "amount_minor": 100},
            points_delta=1,
        )
        response = pusher.push(chain.terminal_id, [entry])
        assert response.status_code == 200, response.text

    def revoke(n: int) -> None:
        with write(server.engine) as conn:
            admin.revoke_terminal(conn, str(doomed[n][1].terminal_id), datetime.now(UTC))

    seen: dict[tuple[str, str], tuple[int, Any]] = {}
    versions: list[int] = []
    cursor = 0

    def pull_once() -> bool:
        nonlocal cursor
        response = reader.changes(cursor, PAGE)
        assert response.status_code == 200, response.text
        page = ChangesPage.model_validate(response.json())
        for change in page.changes:
            versions.append(change.version)
            match change:
                case ProgramChange():
                    seen["program", change.program.id] = (change.version, change.program.name)
                case StaffChange():
                    seen["staff", change.staff.id] = (change.version, change.staff.name)
                case CardChange():
                    card = change.card
                    seen["card", str(card.id)] = (change.version, card.points_balance)
                case RevocationChange():
                    raise AssertionError("the reader was never revoked")
        cursor = page.next_cursor
        return page.has_more

    threads = [
        threading.Thread(target=writer(write_program, WRITES_EACH)),
        threading.Thread(target=writer(write_staff, WRITES_EACH)),
        threading.Thread(target=writer(push_card, WRITES_EACH)),
        threading.Thread(target=writer(revoke, len(doomed))),
    ]
    for t in threads:
        t.start()

    def wait_writers() -> None:
        for t in threads:
            t.join()
        done.set()

    waiter = threading.Thread(target=wait_writers)
    waiter.start()
    while not done.is_set():
        pull_once()
    while pull_once():
        pass
    waiter.join()
    assert not failures, failures

    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    with read(server.engine) as conn:
        stored: dict[tuple[str, str], tuple[int, Any]] = {}
        for row in conn.execute(
            select(PROGRAMS.c.id, PROGRAMS.c.version, PROGRAMS.c.name).where(
                PROGRAMS.c.merchant_id == merchant.id
            )
        ):
            stored["program", row.id] = (row.version, row.name)
        for row in conn.execute(
            select(STAFF.c.id, STAFF.c.version, STAFF.c.name).where(
                STAFF.c.merchant_id == merchant.id
            )
        ):
            stored["staff", row.id] = (row.version, row.name)
        for row in conn.execute(
            select(CARDS.c.id, CARDS.c.version, CARDS.c.points_balance).where(
                CARDS.c.merchant_id == merchant.id
            )
        ):
            stored["card", row.id] = (row.version, row.points_balance)
    missed = {k: (seen.get(k), v) for k, v in stored.items() if seen.get(k) != v}
    assert not missed, f"{len(missed)} final states never delivered: {list(missed.items())[:5]}"

    # The revocation travels too: the reader, revoked last, learns it on its next pull.
    with write(server.engine) as conn:
        admin.revoke_terminal(conn, str(reader_chain.terminal_id), datetime.now(UTC))
    last = ChangesPage.model_validate(reader.changes(cursor, PAGE).json())
    assert [type(c) for c in last.changes] == [RevocationChange]
    assert last.changes[0].version > cursor


def test_a_program_committed_while_a_page_is_being_read_is_not_jumped_over(
    pg_server: ServerProcess,
) -> None:
    """The interleaving that lost program changes, forced: the page's card read waits on a
    lock while a program, then a card, commit; the page must not skip the program."""
    merchant = make_merchant(pg_server, card_count=2)
    reader, _ = pair_terminal(pg_server, merchant.stores[0], merchant.staff_id)
    cursor = _drain(reader, 0)
    card = merchant.cards[0]
    pages: list[ChangesPage] = []
    with write(pg_server.engine) as blocker:
        blocker.exec_driver_sql("LOCK TABLE cards IN ACCESS EXCLUSIVE MODE")
        pull = threading.Thread(
            target=lambda: pages.append(
                ChangesPage.model_validate(reader.changes(cursor, PAGE).json())
            )
        )
        pull.start()
        _wait_for_a_reader_blocked_on(pg_server, "cards")
        with write(pg_server.engine) as other:
            admin.add_program(other, _program(merchant.id, 1), datetime.now(UTC))
        blocker.execute(
            CARDS.update()
            .where(CARDS.c.merchant_id == merchant.id, CARDS.c.id == card.id)
            .values(customer_name="Changed", version=next_version(blocker, merchant.id))
        )
    pull.join()
    cursor = pages[0].next_cursor
    later = [c for c in pages[0].changes] + _changes_after(reader, cursor)
    assert sorted(type(c).__name__ for c in later) == ["CardChange", "ProgramChange"]


def _wait_for_a_reader_blocked_on(server: ServerProcess, table: str) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with server.engine.connect() as conn:
            waiting = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND query ILIKE %s",
                (f"%FROM {table}%",),
            ).scalar_one()
        if waiting:
            return
        time.sleep(0.02)
    raise AssertionError(f"no page read waited on {table}")


def _changes_after(api: Any, cursor: int) -> list[Any]:
    changes: list[Any] = []
    while True:
        page = ChangesPage.model_validate(api.changes(cursor, PAGE).json())
        changes += page.changes
        cursor = page.next_cursor
        if not page.has_more:
            return changes


def _drain(api: Any, cursor: int) -> int:
    while True:
        page = ChangesPage.model_validate(api.changes(cursor, 1000).json())
        cursor = page.next_cursor
        if not page.has_more:
            return cursor
