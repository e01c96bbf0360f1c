"""Server migrations keep every row: a database made by an older version upgrades in place."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, MetaData, inspect, select

from pos_app.domain.card import Card
from pos_app.domain.demo import demo_cards
from pos_app.domain.program import Program, ProgramKind
from sync.server import admin, reports
from sync.server.cards import card_values
from sync.server.db import alembic_config, make_engine, migrate, read, write
from sync.server.models import CARDS
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
        program = _merchant(conn, "m-old", now)
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


def test_0011_keeps_every_terminal_and_knows_no_pending_count_until_it_is_reported(
    empty_url: str,
) -> None:
    command.upgrade(alembic_config(empty_url), "0009")
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
