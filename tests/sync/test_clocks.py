"""Clocks lie: a terminal days off, and one that jumps mid-session, against the real server."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import Stamp
from pos_app.domain.refusal import RefusalCode, Refused
from pos_app.services.counter import Done, perform
from pos_app.services.end_of_day import day_report, report_lines
from pos_app.services.journal_view import journal_lines
from pos_app.services.sync import server_link
from pos_app.services.sync_loop import SyncLoop
from sync.engine.clock import TrustedClock
from sync.server.db import read
from sync.server.models import TRANSACTIONS
from tests.server.conftest import Merchant, ServerProcess, make_merchant
from tests.sync.harness import assert_converged, new_terminal


class SettableWall:
    """The terminal's wall clock, which a test can set wrong; monotonic time stays real."""

    def __init__(self, skew: timedelta) -> None:
        self.skew = skew

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.skew


def test_a_terminal_days_ahead_is_corrected_by_the_server_and_flagged_when_not(
    sync_server: ServerProcess, shop: Merchant, tmp_path: Path
) -> None:
    t = new_terminal(sync_server, shop, tmp_path / "t.db")
    wall = SettableWall(timedelta(days=3))
    stamp_card, other = shop.card(shop.stamps, 0), shop.card(shop.stamps, 1)
    # Before any exchange the terminal can only believe its own wall clock: the entry
    # carries a time three days ahead, and the server flags it.
    raw = perform(t.store, CardRef.number(stamp_card.card_number), Stamp(), shop.staff_id, wall())
    assert isinstance(raw, Done)
    loop = SyncLoop(t.store, server_link(t.store), TrustedClock(wall, time.monotonic))
    assert loop.sync_now()
    status = loop.clock.status()
    assert status.offset is not None and status.offset < -timedelta(days=2)
    assert "off by" in (status.warning or "")
    corrected = perform(
        t.store, CardRef.number(other.card_number), Stamp(), shop.staff_id, loop.clock.now()
    )
    assert isinstance(corrected, Done)
    assert abs(datetime.fromisoformat(corrected.entry.local_time) - datetime.now(UTC)) < timedelta(
        minutes=1
    )
    assert loop.sync_now()
    with read(sync_server.engine) as conn:
        rows = conn.execute(
            select(
                TRANSACTIONS.c.entry_id, TRANSACTIONS.c.clock_suspect, TRANSACTIONS.c.received_at
            )
            .where(TRANSACTIONS.c.merchant_id == shop.id)
            .order_by(TRANSACTIONS.c.id)
        ).all()
    assert [(r.entry_id, r.clock_suspect) for r in rows] == [
        (raw.entry.entry_id, True),
        (corrected.entry.entry_id, False),
    ]
    assert all(r.received_at is not None for r in rows)
    assert_converged(sync_server, shop, [t])


def test_a_clock_that_jumps_mid_session_does_not_reopen_the_cooldown(
    sync_server: ServerProcess, shop: Merchant, tmp_path: Path
) -> None:
    t = new_terminal(sync_server, shop, tmp_path / "t.db")
    wall = SettableWall(timedelta(0))
    loop = SyncLoop(t.store, server_link(t.store), TrustedClock(wall, time.monotonic))
    assert loop.sync_now()
    card = shop.card(shop.stamps)
    first = perform(
        t.store, CardRef.number(card.card_number), Stamp(), shop.staff_id, loop.clock.now()
    )
    assert isinstance(first, Done)
    wall.skew = timedelta(hours=1)  # someone moves the clock an hour on to stamp again
    second = perform(
        t.store, CardRef.number(card.card_number), Stamp(), shop.staff_id, loop.clock.now()
    )
    assert isinstance(second, Refused) and second.code is RefusalCode.COOLDOWN
    assert loop.clock.status().jumped
    assert any("jumped" in w for w in loop.status().warnings)
    assert loop.sync_now()
    assert_converged(sync_server, shop, [t])


def test_a_terminal_clock_half_a_year_off_gets_its_entry_refused_and_reported(
    any_server: ServerProcess, tmp_path: Path
) -> None:
    shop = make_merchant(any_server, card_count=2)
    t = new_terminal(any_server, shop, tmp_path / "t.db")
    wall = SettableWall(-timedelta(days=200))
    card = shop.card(shop.stamps, 0)
    done = perform(t.store, CardRef.number(card.card_number), Stamp(), shop.staff_id, wall())
    assert isinstance(done, Done)

    t.sync()

    report = day_report(t.store, wall().date())
    assert [(p.status, p.seq) for p in report.problems] == [("refused", done.entry.seq)]
    assert "check the terminal's date and time" in (report.problems[0].outcome or "")
    assert "clock said" in "\n".join(report_lines(report))
    # The next entry, at the right time, goes through: the outbox did not stop.
    again = perform(t.store, CardRef.number(card.card_number), Stamp(), shop.staff_id)
    assert isinstance(again, Done)
    t.sync()
    statuses = {line.seq: line.status for line in journal_lines(t.store)}
    assert statuses[again.entry.seq] == "applied"
