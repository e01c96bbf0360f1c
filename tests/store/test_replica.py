"""What the server says lands in the replica; local work is rebased on top, never erased."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from pos_app.domain.demo import demo_cards
from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import EarnPoints, RedeemPoints, Stamp
from pos_app.services.counter import Done, perform
from pos_app.services.integrity import check_store
from pos_app.store import Store
from pos_app.store.cards import LOCAL, REPLICA, get_card
from pos_app.store.outbox import Answer, record_answers
from pos_app.store.replica import store_server_cards
from tests.conftest import CASHIER

T0 = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
COFFEE, BAKERY = demo_cards(2)


def do(store: Store, card_number: str, op: Stamp | EarnPoints | RedeemPoints, minutes: int) -> Done:
    outcome = perform(
        store, CardRef.number(card_number), op, CASHIER, T0 + timedelta(minutes=minutes)
    )
    assert isinstance(outcome, Done), outcome
    return outcome


def test_a_pull_keeps_pending_local_work_on_top_of_the_servers_card(demo_store: Store) -> None:
    do(demo_store, BAKERY.card_number, EarnPoints(10_000), 0)  # +100 points, not yet synced
    # Meanwhile another store gave the customer 40 points; the server now says so.
    server = replace(
        BAKERY,
        points_balance=BAKERY.points_balance + 40,
        total_points_earned=BAKERY.total_points_earned + 40,
    )
    with demo_store.write() as conn:
        store_server_cards(conn, [(server, 7)])
    with demo_store.read() as conn:
        local = get_card(conn, BAKERY.id)
    assert local is not None
    assert local.points_balance == BAKERY.points_balance + 40 + 100
    assert check_store(demo_store).ok


def test_an_older_server_answer_never_overwrites_a_newer_one(demo_store: Store) -> None:
    newer = replace(COFFEE, stamp_count=6)
    older = replace(COFFEE, stamp_count=2)
    with demo_store.write() as conn:
        store_server_cards(conn, [(newer, 10)])
        store_server_cards(conn, [(older, 9)])
        replica = get_card(conn, COFFEE.id, REPLICA)
    assert replica is not None and replica.stamp_count == 6


def test_a_confirmed_entry_stops_being_replayed(demo_store: Store) -> None:
    done = do(demo_store, COFFEE.card_number, Stamp(), 0)
    confirmed = replace(
        COFFEE,
        stamp_count=COFFEE.stamp_count + 1,
        total_stamps_earned=COFFEE.total_stamps_earned + 1,
        stamps_on_day=1,
        stamp_day=T0.date(),
        last_stamp_at=T0,
        last_activity_at=T0,
    )
    with demo_store.write() as conn:
        record_answers(conn, [Answer(done.entry.seq, "applied", None, None, None)], T0.isoformat())
        store_server_cards(conn, [(confirmed, 3)])
    with demo_store.read() as conn:
        local = get_card(conn, COFFEE.id)
    assert local == confirmed  # counted once, not twice
    with demo_store.read() as conn:
        assert get_card(conn, COFFEE.id, LOCAL) is None  # the replica says it all again
    assert check_store(demo_store).ok


def test_a_card_without_local_work_is_kept_once_as_the_server_sent_it(demo_store: Store) -> None:
    pulled = replace(COFFEE, customer_name="Pulled", stamp_count=4)
    with demo_store.write() as conn:
        store_server_cards(conn, [(pulled, 12)])
    with demo_store.read() as conn:
        assert get_card(conn, COFFEE.id) == pulled
        assert get_card(conn, COFFEE.id, REPLICA) == pulled
        assert get_card(conn, COFFEE.id, LOCAL) is None


def test_work_at_the_counter_gives_a_card_its_own_version_until_the_server_answers(
    demo_store: Store,
) -> None:
    done = do(demo_store, COFFEE.card_number, Stamp(), 0)
    with demo_store.read() as conn:
        local = get_card(conn, COFFEE.id, LOCAL)
        replica = get_card(conn, COFFEE.id, REPLICA)
    assert local == done.card and local != replica
    assert replica == COFFEE


def test_a_local_redemption_the_server_can_no_longer_cover_shows_as_unaffordable(
    demo_store: Store,
) -> None:
    rich = replace(BAKERY, points_balance=400, total_points_earned=400)
    with demo_store.write() as conn:
        store_server_cards(conn, [(rich, 1)])
    do(demo_store, BAKERY.card_number, RedeemPoints("cake"), 0)  # 300 of 400, offline
    # Another terminal's cake was applied first: the server card holds 100 points.
    spent = replace(rich, points_balance=100, points_redeemed=300)
    with demo_store.write() as conn:
        store_server_cards(conn, [(spent, 2)])
    with demo_store.read() as conn:
        local = get_card(conn, BAKERY.id)
    assert local is not None and local.points_balance == 100  # never negative
