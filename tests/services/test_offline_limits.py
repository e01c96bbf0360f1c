"""Offline limits: bounded redemptions until the server confirms, and a stop when unsynced."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from pos_app.domain.demo import demo_cards, demo_programs
from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import RedeemPoints, Stamp
from pos_app.domain.program import OfflineLimits
from pos_app.domain.refusal import RefusalCode, Refused
from pos_app.services.counter import Done, perform
from pos_app.services.offline_limits import unsynced_warning
from pos_app.store import Store
from pos_app.store.programs import all_programs, save_program
from pos_app.store.replica import store_server_cards
from pos_app.store.terminal import put_setting
from tests.conftest import CASHIER

NOW = datetime(2026, 8, 3, 15, 0, tzinfo=UTC)
COFFEE, BAKERY = demo_cards(2)


def paired(store: Store, last_sync: datetime | None, max_points: int = 500) -> None:
    with store.write() as conn:
        put_setting(conn, "server.url", "http://127.0.0.1:9")
        if last_sync is not None:
            put_setting(conn, "sync.last_ok_at", last_sync.isoformat())
        bakery = next(p for p in demo_programs() if p.id == "bakery")
        limits = OfflineLimits(
            max_offline_points_redeemed_per_card=max_points,
            warn_unsynced_after_minutes=60,
            stop_redemptions_unsynced_after_minutes=240,
        )
        save_program(conn, replace(bakery, offline=limits))
        store_server_cards(conn, [(replace(BAKERY, points_balance=1000), 1)])


def redeem(store: Store, minutes: int = 0) -> Done | Refused:
    ref = CardRef.number(BAKERY.card_number)
    return perform(store, ref, RedeemPoints("croissant"), CASHIER, NOW + timedelta(minutes=minutes))


def test_a_standalone_terminal_has_no_offline_limits(demo_store: Store) -> None:
    with demo_store.write() as conn:
        store_server_cards(conn, [(replace(BAKERY, points_balance=1000), 1)])
    assert all(isinstance(redeem(demo_store, i), Done) for i in range(12))


def test_unconfirmed_redemptions_per_card_stop_at_the_limit(demo_store: Store) -> None:
    paired(demo_store, last_sync=NOW, max_points=120)
    assert isinstance(redeem(demo_store, 1), Done)  # 50
    assert isinstance(redeem(demo_store, 2), Done)  # 100
    third = redeem(demo_store, 3)  # 150 > 120
    assert isinstance(third, Refused)
    assert third.code is RefusalCode.OFFLINE_LIMIT
    assert "120 points" in third.message


def test_redemptions_stop_when_unsynced_too_long_but_stamps_go_on(demo_store: Store) -> None:
    paired(demo_store, last_sync=NOW - timedelta(hours=5))
    outcome = redeem(demo_store)
    assert isinstance(outcome, Refused) and outcome.code is RefusalCode.OFFLINE_LIMIT
    assert "not synced" in outcome.message
    stamp = perform(demo_store, CardRef.number(COFFEE.card_number), Stamp(), CASHIER, NOW)
    assert isinstance(stamp, Done)


@pytest.mark.parametrize(
    ("hours", "words"),
    [(0.5, None), (2, "Not synced for 2 hours"), (5, "redemptions are stopped")],
)
def test_the_unsynced_warning_grows_with_time(
    demo_store: Store, hours: float, words: str | None
) -> None:
    paired(demo_store, last_sync=NOW - timedelta(hours=hours))
    with demo_store.read() as conn:
        warning = unsynced_warning(conn, all_programs(conn), NOW)
    if words is None:
        assert warning is None
    else:
        assert warning is not None and words in warning


def test_a_terminal_paired_but_never_synced_says_so(demo_store: Store) -> None:
    paired(demo_store, last_sync=None)
    outcome = redeem(demo_store)
    assert isinstance(outcome, Refused) and "first sync" in outcome.message
    with demo_store.read() as conn:
        warning = unsynced_warning(conn, all_programs(conn), NOW)
    assert warning is not None and warning.startswith("Never synced")
