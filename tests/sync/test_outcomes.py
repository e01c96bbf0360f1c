"""What the manager is finally shown is what the server decided the first time.

A retry of a batch whose answer was lost gets the first answer again (as Stripe's
idempotency keys do); the terminal records that answer and the end of day lists every
refusal, whatever was lost on the way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pos_app.domain.operations import RedeemPoints
from pos_app.services.counter import Done
from pos_app.services.end_of_day import day_report, report_lines
from pos_app.services.sync import PushSummary, server_link, sync_once
from pos_app.services.sync_loop import SyncLoop
from pos_app.store.sync_lock import sync_lock
from sync.engine.client import ServerUnreachable
from sync.server.db import write
from sync.server.models import CARDS
from tests.server.conftest import ROOT, Merchant, ServerProcess, make_merchant
from tests.sync.fault_proxy import Fault, FaultProxy, Request
from tests.sync.harness import Terminal, assert_converged, new_terminal, status_counts_of


def overdrawing_terminals(
    server: ServerProcess, tmp_path: Path
) -> tuple[Merchant, Terminal, Terminal]:
    """Two terminals that, offline, each give the one cake a card's 300 points cover."""
    shop = make_merchant(server, card_count=4)
    card = shop.card(shop.points)
    with write(server.engine) as conn:
        conn.execute(CARDS.update().where(CARDS.c.id == card.id).values(points_balance=300))
    card = replace(card, points_balance=300)
    shop.cards[shop.cards.index(shop.card(shop.points))] = card
    first = new_terminal(server, shop, tmp_path / "a.db", store_index=0)
    second = new_terminal(server, shop, tmp_path / "b.db", store_index=1)
    assert isinstance(first.operate(card, RedeemPoints("cake")), Done)
    assert isinstance(second.operate(card, RedeemPoints("cake")), Done)
    return shop, first, second


def _drop_first_push() -> tuple[list[int], object]:
    dropped: list[int] = []

    def plan(request: Request, index: int) -> Fault:
        if request.path.startswith("/v1/push") and not dropped:
            dropped.append(index)
            return Fault.DROP_RESPONSE
        return Fault.PASS

    return dropped, plan


def test_a_refusal_whose_answer_was_lost_is_recorded_and_reported_as_a_refusal(
    any_server: ServerProcess, tmp_path: Path
) -> None:
    server = any_server
    shop, first, second = overdrawing_terminals(server, tmp_path)
    first.sync()
    upstream = int(server.base_url.rsplit(":", 1)[1])
    dropped, plan = _drop_first_push()
    with FaultProxy(upstream, plan) as proxy:  # type: ignore[arg-type]
        with pytest.raises(ServerUnreachable):
            second.sync(proxy.url)  # the server refused the cake; the answer never arrived
        second.sync(proxy.url)  # the retry
    assert dropped
    assert status_counts_of(second.store) == {"refused": 1}
    entry_day = date.fromisoformat(second.done[-1].entry.local_time[:10])
    text = "\n".join(report_lines(day_report(second.store, entry_day)))
    assert "refused" in text and "costs 300" in text, text
    assert "duplicate" not in text and "Nothing was refused" not in text, text
    assert_converged(server, shop, [first, second])


def _cli_sync(db: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "LOYALTY_POS_DB": str(db), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "pos_app.cli", "sync"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def test_a_second_sync_of_one_terminal_database_waits_for_the_first(
    any_server: ServerProcess, tmp_path: Path
) -> None:
    """`loyalty-pos sync` while the window syncs: it says so, waits, and sends nothing twice."""
    server = any_server
    shop = make_merchant(server, card_count=4)
    t = new_terminal(server, shop, tmp_path / "t.db")
    t.busy_day(30)
    upstream = int(server.base_url.rsplit(":", 1)[1])
    pushing, release = threading.Event(), threading.Event()

    def plan(request: Request, _index: int) -> Fault:
        if request.path.startswith("/v1/push"):
            pushing.set()
            release.wait(60)  # the first sync's push is held until the second has tried
        return Fault.PASS

    summaries: list[PushSummary] = []
    with FaultProxy(upstream, plan) as proxy:

        def first_sync() -> None:
            with t.client(proxy.url) as client:
                summaries.append(sync_once(t.store, client).pushed)

        first = threading.Thread(target=first_sync)
        first.start()
        assert pushing.wait(30)
        second = _cli_sync(tmp_path / "t.db")  # straight to the server, while the first waits
        assert second.stderr is not None
        said = second.stderr.readline()  # its first words (the end of output if it never waits)
        release.set()
        out, err = second.communicate(timeout=120)
        first.join(60)
    assert "Another sync of this terminal is running" in said, (said, out, err)
    assert second.returncode == 0, err
    assert "pushed 0" in out, out
    assert summaries and summaries[0].statuses == Counter({"applied": len(t.done)})
    assert_converged(server, shop, [t])


def test_the_sync_loop_leaves_a_round_to_a_sync_already_running(
    sync_server: ServerProcess, shop: Merchant, tmp_path: Path
) -> None:
    t = new_terminal(sync_server, shop, tmp_path / "t.db")
    t.busy_day(2)  # a stamp and a purchase: neither can be refused at the counter
    loop = SyncLoop(t.store, server_link(t.store))
    with sync_lock(t.store.path):  # another program's sync of this database
        assert not loop.sync_now()
        assert "another sync" in (loop.status().detail or "")
        assert status_counts_of(t.store) == {"pending": 2}
    assert loop.sync_now()
    assert status_counts_of(t.store) == {"applied": 2}


def test_the_end_of_day_totals_show_what_was_asked_and_what_the_server_applied(
    any_server: ServerProcess, tmp_path: Path
) -> None:
    server = any_server
    shop, first, second = overdrawing_terminals(server, tmp_path)
    first.sync()
    second.sync()
    entry_day = date.fromisoformat(second.done[-1].entry.local_time[:10])
    report = day_report(second.store, entry_day)
    redeemed = report.by_kind["redeem_points"]
    assert (redeemed.points, redeemed.applied_points) == (-300, 0)
    assert (report.total.points, report.total.applied_points) == (-300, 0)
    text = "\n".join(report_lines(report))
    assert "refused (-300 points -> nothing)" in text, text
    first_report = day_report(first.store, entry_day)
    assert (first_report.total.points, first_report.total.applied_points) == (-300, -300)
    assert first_report.problems == []
    assert_converged(server, shop, [first, second])
