"""A terminal and the real server: pairing, push, pull, rebase, and what the manager sees."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import RedeemPoints, Stamp
from pos_app.services.counter import Done
from pos_app.services.end_of_day import day_report, report_lines
from pos_app.services.pairing import pair_terminal
from pos_app.store.outbox import status_counts
from sync.server.db import read, write
from sync.server.models import CARDS, TRANSACTIONS
from tests.server.conftest import Merchant, ServerProcess, make_merchant
from tests.sync.harness import assert_converged, issue_card, new_terminal, status_counts_of


def test_a_paired_terminal_pulls_the_merchants_cards_programs_and_staff(
    sync_server: ServerProcess, shop: Merchant, tmp_path: Path
) -> None:
    t = new_terminal(sync_server, shop, tmp_path / "t.db")
    with t.store.read() as conn:
        counts = status_counts(conn)
    assert counts == {}
    identity = t.store.identity()
    assert (identity.merchant_id, identity.store_id) == (shop.id, shop.stores[0])
    stamp_card = shop.card(shop.stamps)
    assert isinstance(t.operate(stamp_card, Stamp()), Done)
    assert_converged(sync_server, shop, [t])


def test_a_busy_day_syncs_in_batches_exactly_once(
    sync_server: ServerProcess, shop: Merchant, tmp_path: Path
) -> None:
    t = new_terminal(sync_server, shop, tmp_path / "t.db")
    t.busy_day(120)
    t.sync(batch_size=7)
    assert status_counts_of(t.store).get("pending", 0) == 0
    assert_converged(sync_server, shop, [t])


def test_a_refused_pairing_code_leaves_nothing_behind(
    sync_server: ServerProcess, tmp_path: Path
) -> None:
    from sync.engine.client import AuthRejected

    with pytest.raises(AuthRejected):
        pair_terminal(tmp_path / "t.db", sync_server.base_url, "WRONG-CODE1")
    assert not (tmp_path / "t.db").exists()


def test_two_offline_terminals_overdrawing_a_card_the_later_is_refused_and_reported(
    any_server: ServerProcess, tmp_path: Path
) -> None:
    server = any_server
    shop = make_merchant(server, card_count=4)
    card = shop.card(shop.points)
    with write(server.engine) as conn:  # the customer holds exactly one cake's worth
        conn.execute(CARDS.update().where(CARDS.c.id == card.id).values(points_balance=300))
    first = new_terminal(server, shop, tmp_path / "a.db", store_index=0)
    second = new_terminal(server, shop, tmp_path / "b.db", store_index=1)
    card = replace(card, points_balance=300)
    shop.cards[shop.cards.index(shop.card(shop.points))] = card
    # The network is down: both counters give the cake, each within its own balance.
    assert isinstance(first.operate(card, RedeemPoints("cake")), Done)
    assert isinstance(second.operate(card, RedeemPoints("cake")), Done)
    first.sync()
    second.sync()
    with read(server.engine) as conn:
        statuses = conn.execute(
            select(TRANSACTIONS.c.status, TRANSACTIONS.c.code)
            .where(TRANSACTIONS.c.card_id == card.id)
            .order_by(TRANSACTIONS.c.id)
        ).all()
        balance = conn.execute(select(CARDS.c.points_balance).where(CARDS.c.id == card.id)).scalar()
    assert [tuple(s) for s in statuses] == [("applied", None), ("refused", "insufficient_points")]
    assert balance == 0
    entry_day = date.fromisoformat(second.done[-1].entry.local_time[:10])
    report = day_report(second.store, entry_day)
    assert [p.kind for p in report.problems] == ["redeem_points"]
    assert "costs 300" in "\n".join(report_lines(report))
    assert_converged(server, shop, [first, second])


def test_a_card_enrolled_elsewhere_since_the_last_pull_is_fetched_at_the_scan(
    sync_server: ServerProcess, shop: Merchant, tmp_path: Path
) -> None:
    from pos_app.services.lookup import CardView, find_card, find_or_fetch

    t = new_terminal(sync_server, shop, tmp_path / "t.db")
    newcomer = issue_card(sync_server, shop, seed=4242)
    ref = CardRef.token(newcomer.qr_token)
    assert find_card(t.store, ref) is None  # not pulled yet
    view = find_or_fetch(t.store, ref)
    assert isinstance(view, CardView) and view.card.id == newcomer.id
    assert isinstance(t.operate(view.card, Stamp()), Done)
    assert_converged(sync_server, shop, [t])


def test_a_server_restored_from_an_older_backup_still_reaches_every_terminal(
    any_server: ServerProcess, tmp_path: Path
) -> None:
    """The terminal's cursor is ahead of the restored counter: it starts over, missing nothing."""
    from sqlalchemy import text

    from pos_app.services.lookup import find_card
    from sync.server.db import heal_version_counter

    server = any_server
    shop = make_merchant(server, card_count=4)
    t = new_terminal(server, shop, tmp_path / "t.db")
    with write(server.engine) as conn:  # what a restore does to the merchant's counter
        conn.execute(
            text("UPDATE merchant_versions SET value = 1 WHERE merchant_id = :m"), {"m": shop.id}
        )
    newcomer = issue_card(server, shop, seed=777)
    t.sync()
    assert find_card(t.store, CardRef.token(newcomer.qr_token)) is not None
    with write(server.engine) as conn:  # as the next start-up would: other tests share it
        heal_version_counter(conn)


def test_a_revoked_terminal_learns_it_from_the_feed_and_stops(
    sync_server: ServerProcess, shop: Merchant, tmp_path: Path
) -> None:
    from pos_app.store.terminal import REVOKED_KEY, get_setting
    from sync.engine.client import AuthRejected
    from sync.server import admin

    t = new_terminal(sync_server, shop, tmp_path / "t.db")
    with write(sync_server.engine) as conn:
        admin.revoke_terminal(conn, t.store.identity().terminal_id, datetime.now(UTC))
    with pytest.raises(AuthRejected, match="revoked"):
        t.sync()  # nothing to push: the feed tells it
    with t.store.read() as conn:
        assert get_setting(conn, REVOKED_KEY) == "1"
