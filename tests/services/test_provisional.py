"""Offline, a card this terminal does not know yet may be stamped provisionally, within limits."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from pos_app.domain.demo import demo_programs
from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import EarnPoints, Stamp
from pos_app.domain.refusal import RefusalCode, Refused
from pos_app.services.counter import Done, perform, undo
from pos_app.services.errors import UnknownCardError
from pos_app.services.integrity import check_store
from pos_app.services.lookup import CardView, NotFound, find_card, find_or_fetch
from pos_app.store import Store
from pos_app.store.programs import save_program
from pos_app.store.terminal import put_setting
from tests.conftest import CASHIER

NOW = datetime(2026, 8, 3, 15, 0, tzinfo=UTC)
NEWCOMER = CardRef.token("Nw3bXh0dVq8kQ2m4ZpL7sRt5YcA9eFgH1iJ6oUuWxYz")
COFFEE = next(p for p in demo_programs() if p.has_stamps)


def offline_and_paired(store: Store, allow_unknown_cards: bool = True) -> None:
    """Paired with a server that does not answer (nothing listens on port 9)."""
    with store.write() as conn:
        put_setting(conn, "server.url", "http://127.0.0.1:9")
        put_setting(conn, "server.token", "not-used")
        limits = replace(COFFEE.offline, allow_unknown_cards=allow_unknown_cards)
        save_program(conn, replace(COFFEE, offline=limits))


def test_offline_an_unknown_card_is_offered_as_a_provisional_card(demo_store: Store) -> None:
    offline_and_paired(demo_store)
    view = find_or_fetch(demo_store, NEWCOMER, timeout_s=0.5)
    assert isinstance(view, CardView) and view.provisional
    assert view.program.id == COFFEE.id and view.card.stamp_count == 0
    assert find_card(demo_store, NEWCOMER) is None  # offered, nothing written yet


def test_a_provisional_stamp_is_journalled_with_the_scanned_card_and_follows_the_rules(
    demo_store: Store,
) -> None:
    offline_and_paired(demo_store)
    done = perform(demo_store, NEWCOMER, Stamp(), CASHIER, NOW, provisional=True)
    assert isinstance(done, Done) and done.card.stamp_count == 1
    assert done.entry.op == Stamp(1, NEWCOMER)  # the server resolves the card from this

    view = find_card(demo_store, NEWCOMER)
    assert view is not None and view.provisional and view.card.stamp_count == 1
    again = perform(demo_store, NEWCOMER, Stamp(), CASHIER, NOW, provisional=True)
    assert isinstance(again, Refused) and again.code is RefusalCode.COOLDOWN
    later = NOW + timedelta(minutes=COFFEE.cooldown_minutes + 1)
    second = perform(demo_store, NEWCOMER, Stamp(), CASHIER, later, provisional=True)
    assert isinstance(second, Done) and second.card.id == done.card.id  # the same card
    assert second.card.stamp_count == 2
    assert check_store(demo_store).ok


def test_a_provisional_card_takes_stamps_only(demo_store: Store) -> None:
    offline_and_paired(demo_store)
    assert isinstance(perform(demo_store, NEWCOMER, Stamp(), CASHIER, NOW, provisional=True), Done)
    with pytest.raises(UnknownCardError):
        perform(demo_store, NEWCOMER, EarnPoints(500), CASHIER, NOW, provisional=True)


def test_a_program_that_forbids_unknown_cards_names_its_offline_limit(demo_store: Store) -> None:
    offline_and_paired(demo_store, allow_unknown_cards=False)
    view = find_or_fetch(demo_store, NEWCOMER, timeout_s=0.5)
    assert isinstance(view, NotFound) and "offline limit" in view.message
    refused = perform(demo_store, NEWCOMER, Stamp(), CASHIER, NOW, provisional=True)
    assert isinstance(refused, Refused) and refused.code is RefusalCode.OFFLINE_LIMIT


def test_a_standalone_terminal_never_stamps_a_card_it_does_not_know(demo_store: Store) -> None:
    view = find_or_fetch(demo_store, NEWCOMER)
    assert isinstance(view, NotFound)
    refused = perform(demo_store, NEWCOMER, Stamp(), CASHIER, NOW, provisional=True)
    assert isinstance(refused, Refused) and refused.code is RefusalCode.UNKNOWN_CARD


def test_a_provisional_stamp_can_be_undone_at_once(demo_store: Store) -> None:
    offline_and_paired(demo_store)
    done = perform(demo_store, NEWCOMER, Stamp(), CASHIER, NOW, provisional=True)
    assert isinstance(done, Done)
    undone = undo(demo_store, done.entry.seq, CASHIER, NOW)
    assert isinstance(undone, Done) and undone.entry.card_id == done.entry.card_id
    view = find_card(demo_store, NEWCOMER)
    assert view is not None and view.provisional and view.card.stamp_count == 0
    assert check_store(demo_store).ok
