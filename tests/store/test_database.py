"""Opening a terminal database: pragmas, migrations, and refusing files that are not ours."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from pos_app.domain.demo import demo_cards
from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import Stamp
from pos_app.services.counter import Done, perform
from pos_app.store import Store, open_store
from pos_app.store.cards import find_card
from pos_app.store.errors import NewerDatabaseError, NotInitialisedError, NotOurDatabaseError
from pos_app.store.schema import APPLICATION_ID, Base, JournalRow
from tests.conftest import CASHIER

NOON = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


def test_a_new_database_is_durable_by_configuration(tmp_path: Path) -> None:
    store = open_store(tmp_path / "t.db")
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        # Checkpoints rarely enough to stay off a stamp's p99 (see benchmarks/store.py).
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 3000
        assert conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
    store.close()


def test_the_migrations_build_exactly_the_schema_the_code_declares(tmp_path: Path) -> None:
    store = open_store(tmp_path / "t.db")
    with store.read() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    store.close()
    assert diff == []


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"shopping list: milk, eggs\n")
    with pytest.raises(NotOurDatabaseError, match="not a SQLite database"):
        open_store(path)
    assert _bytes(path) == b"shopping list: milk, eggs\n"


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    before = _bytes(path)
    with pytest.raises(NotOurDatabaseError, match="another program"):
        open_store(path)
    assert _bytes(path) == before


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = _bytes(path)
    with pytest.raises(NewerDatabaseError, match="newer version"):
        open_store(path)
    assert _bytes(path) == before


def test_opening_without_creating_needs_an_existing_database(tmp_path: Path) -> None:
    with pytest.raises(NotInitialisedError, match="init"):
        open_store(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_the_journal_refuses_updates_and_deletes(demo_store: Store) -> None:
    card = demo_cards(1)[0]
    assert isinstance(perform(demo_store, CardRef.number(card.card_number), Stamp(), CASHIER), Done)
    for statement in ("UPDATE journal SET points_delta = 99", "DELETE FROM journal"):
        with pytest.raises(IntegrityError, match="append-only"), demo_store.write() as conn:
            conn.execute(text(statement))


def test_a_failed_journal_append_leaves_the_card_as_it_was(demo_store: Store) -> None:
    """One operation is one transaction: no card change without its journal entry."""
    card = demo_cards(1)[0]
    ref = CardRef.number(card.card_number)
    with demo_store.write() as conn:
        conn.execute(
            text(
                "CREATE TRIGGER refuse_insert BEFORE INSERT ON journal "
                "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            )
        )
    with pytest.raises(IntegrityError, match="disk full"):
        perform(demo_store, ref, Stamp(), CASHIER, now=NOON)
    with demo_store.read() as conn:
        assert find_card(conn, ref) == card
        assert conn.execute(select(JournalRow)).first() is None
