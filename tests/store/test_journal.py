"""The journal: gapless, hash-chained, and any tampering is named at the first bad entry."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from pos_app.domain.chain import GENESIS_HASH
from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import EarnPoints, Stamp, VoidPoints
from pos_app.services.counter import Done, perform
from pos_app.services.integrity import check_store
from pos_app.services.setup import demo_cards
from pos_app.store import Store
from pos_app.store.errors import JournalTailMissing
from pos_app.store.journal import iter_entries, verify_chain
from tests.conftest import CASHIER

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def fill(store: Store, entries: int = 6) -> None:
    """Alternate stamps and points on two demo cards, an hour apart (past any cooldown)."""
    coffee, bakery = demo_cards(2)
    for i in range(entries):
        now = T0 + timedelta(hours=i)
        if i % 2 == 0:
            outcome = perform(store, CardRef.number(coffee.card_number), Stamp(), CASHIER, now)
        else:
            outcome = perform(
                store, CardRef.number(bakery.card_number), EarnPoints(500), CASHIER, now
            )
        assert isinstance(outcome, Done)


def tamper(store: Store, *statements: str) -> None:
    """What an attacker with the file would do: drop the guards, then edit."""
    with sqlite3.connect(store.path) as conn:
        conn.execute("DROP TRIGGER journal_no_update")
        conn.execute("DROP TRIGGER journal_no_delete")
        for statement in statements:
            conn.execute(statement)


def test_entries_are_numbered_without_gaps_and_chained_from_genesis(demo_store: Store) -> None:
    fill(demo_store)
    with demo_store.read() as conn:
        entries = list(iter_entries(conn))
        report = verify_chain(conn)
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5, 6]
    assert entries[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    assert report.ok and report.entries == 6


def test_each_entry_records_who_where_when_and_under_which_rules(demo_store: Store) -> None:
    fill(demo_store, 1)
    with demo_store.read() as conn:
        (entry,) = iter_entries(conn)
    terminal = demo_store.identity()
    assert entry.terminal_id == terminal.terminal_id
    assert entry.staff_id == CASHIER
    assert entry.store_id == "store-1"
    assert entry.local_time == T0.isoformat()
    assert entry.rule_version == 1
    assert entry.op == Stamp(1)
    assert len(entry.entry_id) == 36


def test_an_adjusted_void_is_recorded_as_adjusted(demo_store: Store) -> None:
    bakery = demo_cards(2)[1]
    outcome = perform(demo_store, CardRef.number(bakery.card_number), VoidPoints(10**6), CASHIER)
    assert isinstance(outcome, Done)
    assert outcome.entry.adjusted
    assert outcome.entry.points_delta == -bakery.points_balance


TAMPERING: dict[str, tuple[list[str], int, str]] = {
    "edited": (["UPDATE journal SET points_delta = 9999 WHERE seq = 4"], 4, "altered"),
    "deleted": (
        ["DELETE FROM journal_sync WHERE seq = 3", "DELETE FROM journal WHERE seq = 3"],
        4,
        "missing",
    ),
    "inserted": (
        [
            "UPDATE journal SET seq = seq + 100 WHERE seq >= 3",
            "UPDATE journal SET seq = seq - 99 WHERE seq >= 103",
            "INSERT INTO journal SELECT 3, 'forged', terminal_id, card_id, program_id, kind,"
            " operation, stamps_delta, points_delta, adjusted, staff_id, store_id, local_time,"
            " rule_version, hash, hash FROM journal WHERE seq = 2",
        ],
        3,
        "altered",
    ),
    # The chain cannot see these: the end is found from what else recorded it.
    "deleted at the end": (["DELETE FROM journal WHERE seq = 6"], 6, "entry 6 missing at the end"),
    "emptied": (["DELETE FROM journal"], 1, "entries 1 to 6 missing at the end"),
    "deleted at the end with its statuses, after the server took them": (
        [
            "DELETE FROM journal_sync WHERE seq >= 5",
            "DELETE FROM journal WHERE seq >= 5",
            "INSERT INTO settings VALUES ('sync.server_last_seq', '6')",
        ],
        5,
        "entries 5 to 6 missing at the end of the journal (deleted): the journal ends at "
        "entry 4, but the server holds them",
    ),
    "reordered": (
        [
            "UPDATE journal SET seq = 100 WHERE seq = 2",
            "UPDATE journal SET seq = 2 WHERE seq = 3",
            "UPDATE journal SET seq = 3 WHERE seq = 100",
        ],
        2,
        "does not chain",
    ),
}


@pytest.mark.parametrize("how", list(TAMPERING))
def test_tampering_is_named_at_the_first_bad_entry(demo_store: Store, how: str) -> None:
    fill(demo_store)
    statements, first_bad, words = TAMPERING[how]
    with sqlite3.connect(demo_store.path) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
    tamper(demo_store, *statements)
    with demo_store.read() as conn:
        report = verify_chain(conn)
    assert not report.ok
    assert report.first_bad_seq == first_bad
    assert words in (report.problem or "")


def test_nothing_is_appended_after_a_deleted_end(demo_store: Store) -> None:
    """The next entry would take a deleted entry's number: refused, never renumbered."""
    fill(demo_store)
    tamper(demo_store, "DELETE FROM journal WHERE seq = 6")
    coffee = demo_cards(1)[0]
    with pytest.raises(JournalTailMissing, match="entry 6 missing at the end"):
        perform(demo_store, CardRef.number(coffee.card_number), Stamp(), CASHIER, T0 + DAY)
    with demo_store.read() as conn:
        assert [e.seq for e in iter_entries(conn)] == [1, 2, 3, 4, 5]


def test_a_card_edited_behind_the_journals_back_is_found(demo_store: Store) -> None:
    fill(demo_store)
    coffee = demo_cards(1)[0]
    with sqlite3.connect(demo_store.path) as conn:
        conn.execute("UPDATE cards SET stamp_count = 99 WHERE id = ?", (coffee.id,))
    report = check_store(demo_store)
    assert report.chain.ok
    assert report.mismatched_cards == (coffee.id,)


def test_an_untouched_store_checks_clean(demo_store: Store) -> None:
    fill(demo_store)
    report = check_store(demo_store)
    assert report.ok
    assert report.cards_checked == 20
