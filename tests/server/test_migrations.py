"""Server migrations keep every row: a database made by an older version upgrades in place."""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, MetaData, inspect, select, text

from pos_app.domain.card import Card
from pos_app.domain.demo import demo_cards
from pos_app.domain.program import Program, ProgramKind, program_to_dict
from sync.server import admin, reports
from sync.server.cards import card_values
from sync.server.db import (
    alembic_config,
    current_version,
    make_engine,
    migrate,
    next_versions,
    read,
    write,
)
from sync.server.models import CARDS, TRANSACTIONS
from sync.server.reports import Scope
from tests.pg import create_database, drop_database


@pytest.fixture(params=["sqlite", "postgres"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database nobody has created a table in yet, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.db'}"
        return
    admin_url: str = request.getfixturevalue("pg_admin_url")
    url = create_database(admin_url)
    try:
        yield url
    finally:
        drop_database(admin_url, url)


def _merchant(conn: Connection, mid: str, now: datetime) -> Program:
    program = Program(id=f"p-{mid}", merchant_id=mid, name="Coffee", kind=ProgramKind.STAMPS)
    admin.create_merchant(conn, mid, mid, now)
    admin.add_store(conn, f"s-{mid}", mid, "Main street", now)
    admin.add_program(conn, program, now)
    return program


def _old_merchant(conn: Connection, mid: str, now: datetime, version: int = 1) -> Program:
    """A merchant, store and program written as the older schema has them (the server's
    code writes the newest schema)."""
    program = Program(id=f"p-{mid}", merchant_id=mid, name="Coffee", kind=ProgramKind.STAMPS)
    tables = MetaData()
    tables.reflect(conn, only=["merchants", "stores", "programs"])
    conn.execute(tables.tables["merchants"].insert().values(id=mid, name=mid, created_at=now))
    store = {"id": f"s-{mid}", "merchant_id": mid, "name": "Main street", "created_at": now}
    conn.execute(tables.tables["stores"].insert().values(**store))
    rules = program_to_dict(program)
    conn.execute(
        tables.tables["programs"]
        .insert()
        .values(
            id=program.id,
            merchant_id=mid,
            name=program.name,
            rule_version=1,
            rules=json.dumps(rules, sort_keys=True),
            version=version,
            updated_at=now,
        )
    )
    return program


def _insert_as_of_then(conn: Connection, cards: list[Card], now: datetime) -> None:
    """Cards (each with its customer) written with the columns the database has now: the
    models describe the newest schema, and later migrations add columns."""
    tables = MetaData()
    tables.reflect(conn, only=["customers", "cards"])
    customers, card_table = tables.tables["customers"], tables.tables["cards"]
    for c in cards:
        customer = {"id": str(uuid.uuid4()), "merchant_id": c.merchant_id, "name": c.customer_name}
        conn.execute(customers.insert().values(**customer, created_at=now))
        row = {**card_values(c), "customer_id": customer["id"], "created_at": now}
        row |= {"updated_at": now, "version": 1}
        conn.execute(
            card_table.insert().values({k: v for k, v in row.items() if k in card_table.c})
        )


def test_0005_keys_cards_by_merchant_and_id_keeping_every_card(empty_url: str) -> None:
    command.upgrade(alembic_config(empty_url), "0004")
    engine = make_engine(empty_url, pool_size=1)
    now = datetime.now(UTC)
    with write(engine) as conn:
        program = _old_merchant(conn, "m-old", now)
        cards = demo_cards(5, [program], [f"s-{program.merchant_id}"], seed=5)
        _insert_as_of_then(conn, cards, now)
    engine.dispose()

    migrate(empty_url)

    engine = make_engine(empty_url, pool_size=1)
    try:
        with write(engine) as conn:
            kept = conn.execute(
                select(CARDS.c.id, CARDS.c.card_number, CARDS.c.qr_token).order_by(CARDS.c.id)
            ).all()
            assert [tuple(r) for r in kept] == sorted(
                (c.id, c.card_number, c.qr_token) for c in cards
            )
            # Another merchant may now hold the same card id (and number, and token).
            other = _merchant(conn, "m-new", now)
            twin = dataclasses.replace(cards[0], merchant_id="m-new", program_id=other.id)
            admin.insert_cards(conn, [twin], now)
            key = inspect(conn).get_pk_constraint("cards")
        assert key["constrained_columns"] == ["merchant_id", "id"]
    finally:
        engine.dispose()


def _set_old_counter(conn: Connection, value: int) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT setval('change_version_seq', :v)"), {"v": value})
    else:
        conn.execute(text("UPDATE change_counter SET value = :v WHERE id = 1"), {"v": value})


def _old_terminal_and_entry(conn: Connection, mid: str, card: Card, now: datetime) -> str:
    tables = MetaData()
    tables.reflect(conn, only=["terminals", "transactions"])
    terminal_id = str(uuid.uuid4())
    conn.execute(
        tables.tables["terminals"]
        .insert()
        .values(
            id=terminal_id, merchant_id=mid, store_id=f"s-{mid}", name="Till",
            token_hash=uuid.uuid4().hex, created_at=now, last_seq=1, last_hash="a" * 64,
        )
    )  # fmt: skip
    conn.execute(
        tables.tables["transactions"]
        .insert()
        .values(
            merchant_id=mid, terminal_id=terminal_id, seq=1, entry_id=str(uuid.uuid4()),
            card_id=card.id, program_id=card.program_id, kind="stamp", operation="{}",
            stamps_delta=1, points_delta=0, applied_stamps_delta=1, applied_points_delta=0,
            adjusted=False, staff_id="st", store_id=f"s-{mid}", local_time=now,
            local_time_text=now.isoformat(), received_at=now, clock_suspect=False,
            rule_version=1, status="applied", prev_hash="0" * 64, hash="a" * 64,
        )
    )  # fmt: skip
    return terminal_id


def test_0008_gives_each_merchant_the_old_counter_and_keys_every_table_by_merchant(
    empty_url: str,
) -> None:
    command.upgrade(alembic_config(empty_url), "0007")
    engine = make_engine(empty_url, pool_size=1)
    now = datetime.now(UTC)
    with write(engine) as conn:
        cards: list[Card] = []
        for mid in ("m-a", "m-b"):
            program = _old_merchant(conn, mid, now)
            made = demo_cards(2, [program], [f"s-{mid}"], seed=len(cards) + 3)
            _insert_as_of_then(conn, made, now)
            _old_terminal_and_entry(conn, mid, made[0], now)
            cards += made
        _set_old_counter(conn, 41)
    engine.dispose()

    migrate(empty_url)

    engine = make_engine(empty_url, pool_size=1)
    try:
        with write(engine) as conn:
            # No cursor goes back: each merchant continues above the old server-wide value.
            assert {m: current_version(conn, m) for m in ("m-a", "m-b")} == {"m-a": 41, "m-b": 41}
            assert next_versions(conn, "m-a", 2) == [42, 43]
            assert current_version(conn, "m-b") == 41
            kept = conn.execute(select(CARDS.c.merchant_id, CARDS.c.id)).all()
            assert sorted(tuple(r) for r in kept) == sorted((c.merchant_id, c.id) for c in cards)
            entries = conn.execute(select(TRANSACTIONS.c.merchant_id, TRANSACTIONS.c.id)).all()
            assert sorted(r.merchant_id for r in entries) == ["m-a", "m-b"]
            inspector = inspect(conn)
            for table in ("stores", "programs", "staff", "terminals", "transactions"):
                key = inspector.get_pk_constraint(table)["constrained_columns"]
                assert key[0] == "merchant_id", table
            assert "change_counter" not in inspector.get_table_names()
    finally:
        engine.dispose()

    # And back: one counter again, at the highest any merchant drew; the old keys; no row lost.
    command.downgrade(alembic_config(empty_url), "0007")
    engine = make_engine(empty_url, pool_size=1)
    try:
        with engine.connect() as conn:
            inspector = inspect(conn)
            assert inspector.get_pk_constraint("transactions")["constrained_columns"] == ["id"]
            assert "merchant_versions" not in inspector.get_table_names()
            assert len(conn.execute(select(TRANSACTIONS.c.id)).all()) == 2
            if conn.dialect.name == "postgresql":
                value = conn.execute(text("SELECT last_value FROM change_version_seq")).scalar()
            else:
                value = conn.execute(text("SELECT value FROM change_counter")).scalar()
            assert value == 43
    finally:
        engine.dispose()


def test_0011_keeps_every_terminal_and_knows_no_pending_count_until_it_is_reported(
    empty_url: str,
) -> None:
    command.upgrade(alembic_config(empty_url), "0010")
    engine = make_engine(empty_url, pool_size=1)
    now = datetime.now(UTC)
    with write(engine) as conn:
        _merchant(conn, "m-old", now)
        tables = MetaData()
        tables.reflect(conn, only=["terminals"])
        conn.execute(
            tables.tables["terminals"]
            .insert()
            .values(
                id="t-old",
                merchant_id="m-old",
                store_id="s-m-old",
                name="Till",
                token_hash="0" * 64,
                created_at=now,
                last_seq=7,
                last_hash="a" * 64,
                last_seen_at=now,
            )
        )
    engine.dispose()

    migrate(empty_url)

    engine = make_engine(empty_url, pool_size=1)
    try:
        with read(engine) as conn:
            (kept,) = reports.terminal_list(conn, Scope("m-old"), now)
        assert (kept.id, kept.last_seq) == ("t-old", 7)
        assert (kept.pending, kept.pending_as_of) == (None, None)
    finally:
        engine.dispose()
