"""Undo at the counter: a compensating journal entry, never a deletion, and only once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pos_app.domain.demo import demo_cards
from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import EarnPoints, Reverse, Stamp
from pos_app.domain.refusal import RefusalCode, Refused
from pos_app.services.counter import Done, perform, undo
from pos_app.services.integrity import check_store
from pos_app.store import Store
from pos_app.store.journal import iter_entries
from tests.conftest import CASHIER

NOW = datetime(2026, 10, 5, 11, 0, tzinfo=UTC)
COFFEE, BAKERY = demo_cards(2)


def test_undo_appends_a_reversal_and_restores_the_card(demo_store: Store) -> None:
    stamped = perform(demo_store, CardRef.number(COFFEE.card_number), Stamp(), CASHIER, NOW)
    assert isinstance(stamped, Done)
    undone = undo(demo_store, stamped.entry.seq, CASHIER, NOW + timedelta(seconds=3))
    assert isinstance(undone, Done)
    assert undone.card.stamp_count == COFFEE.stamp_count
    assert undone.entry.op == Reverse(stamped.entry.entry_id, stamped.entry.op.kind, 1, 0)
    with demo_store.read() as conn:
        assert [e.kind for e in iter_entries(conn)] == ["stamp", "reverse"]
    assert check_store(demo_store).ok


def test_an_entry_is_undone_only_once(demo_store: Store) -> None:
    earned = perform(demo_store, CardRef.number(BAKERY.card_number), EarnPoints(500), CASHIER, NOW)
    assert isinstance(earned, Done)
    assert isinstance(undo(demo_store, earned.entry.seq, CASHIER, NOW), Done)
    again = undo(demo_store, earned.entry.seq, CASHIER, NOW)
    assert isinstance(again, Refused) and again.code is RefusalCode.NOT_UNDOABLE
    assert "already undone" in again.message


def test_an_undo_cannot_itself_be_undone(demo_store: Store) -> None:
    earned = perform(demo_store, CardRef.number(BAKERY.card_number), EarnPoints(500), CASHIER, NOW)
    assert isinstance(earned, Done)
    reversal = undo(demo_store, earned.entry.seq, CASHIER, NOW)
    assert isinstance(reversal, Done)
    refused = undo(demo_store, reversal.entry.seq, CASHIER, NOW)
    assert isinstance(refused, Refused) and refused.code is RefusalCode.NOT_UNDOABLE
