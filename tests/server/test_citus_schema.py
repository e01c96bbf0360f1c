"""The schema distributes by merchant on Citus: the rules Citus enforces, checked here where
Citus itself cannot be installed (docs/scaling.md), over every table the models declare and
every table the migrations make on PostgreSQL -- a table added later is checked as well.

Citus's rules, for a table distributed by a column: its primary key and every unique key
contain that column; a foreign key between two distributed tables joins the one column to
the other (both colocated by merchant); a reference table (a copy on every node) may not
refer to a distributed table. Ours are stricter: keys *lead* with `merchant_id`, so every
key is also the index a merchant's lookups need.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from sqlalchemy import (
    Column,
    ForeignKeyConstraint,
    Index,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
    create_engine,
    inspect,
)

from sync.server.db import migrate
from sync.server.models import DISTRIBUTION_COLUMN, REFERENCE_TABLES, Base
from tests.pg import create_database, drop_database

ALEMBIC = "alembic_version"


@dataclass
class Foreign:
    columns: list[str]
    referred: str
    referred_columns: list[str]


@dataclass
class Keys:
    """A table's columns and keys, however they were read (models or a live database)."""

    name: str
    columns: set[str]
    primary: list[str]
    unique: list[list[str]] = field(default_factory=list)
    foreign: list[Foreign] = field(default_factory=list)


def from_metadata(metadata: MetaData) -> list[Keys]:
    return [_table_keys(t) for t in metadata.sorted_tables]


def _table_keys(table: Table) -> Keys:
    unique = [
        [c.name for c in con.columns]
        for con in table.constraints
        if isinstance(con, UniqueConstraint)
    ]
    unique += [[c.name for c in ix.columns] for ix in table.indexes if _is_unique(ix)]
    unique += [[c.name] for c in table.columns if c.unique]
    foreign = [
        Foreign(
            [e.parent.name for e in fk.elements],
            fk.referred_table.name,
            [e.column.name for e in fk.elements],
        )
        for fk in table.foreign_key_constraints
    ]
    return Keys(
        table.name,
        set(table.columns.keys()),
        [c.name for c in table.primary_key.columns],
        unique,
        foreign,
    )


def _is_unique(index: Index) -> bool:
    return bool(index.unique)


def from_database(url: str) -> list[Keys]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            inspector = inspect(conn)
            found = []
            for name in inspector.get_table_names():
                if name == ALEMBIC:
                    continue
                unique = [u["column_names"] for u in inspector.get_unique_constraints(name)]
                unique += [
                    [c for c in ix["column_names"] if c is not None]
                    for ix in inspector.get_indexes(name)
                    if ix["unique"]
                ]
                foreign = [
                    Foreign(f["constrained_columns"], f["referred_table"], f["referred_columns"])
                    for f in inspector.get_foreign_keys(name)
                ]
                found.append(
                    Keys(
                        name,
                        {c["name"] for c in inspector.get_columns(name)},
                        inspector.get_pk_constraint(name)["constrained_columns"],
                        unique,
                        foreign,
                    )
                )
    finally:
        engine.dispose()
    return found


def distribution_column(table: str) -> str:
    return DISTRIBUTION_COLUMN.get(table, "merchant_id")


def violations(tables: list[Keys]) -> list[str]:
    """Every way these tables break the rules, in words; empty when they distribute."""
    wrong: list[str] = []
    distributed = {t.name for t in tables if t.name not in REFERENCE_TABLES}
    for t in tables:
        if t.name in REFERENCE_TABLES:
            if "merchant_id" in t.columns:
                wrong.append(f"{t.name}: a reference table holding merchant_id")
            wrong += [
                f"{t.name}: a reference table referring to distributed {f.referred}"
                for f in t.foreign
                if f.referred in distributed
            ]
            continue
        column = distribution_column(t.name)
        if column not in t.columns:
            wrong.append(f"{t.name}: no {column} (distribute it, or list it as a reference)")
            continue
        if t.primary[:1] != [column]:
            wrong.append(f"{t.name}: primary key {t.primary} does not lead with {column}")
        wrong += [
            f"{t.name}: unique key {u} does not lead with {column}"
            for u in t.unique
            if u[:1] != [column]
        ]
        for f in t.foreign:
            if f.referred not in distributed:
                continue  # to a reference table: allowed from any node
            pairs = set(zip(f.columns, f.referred_columns, strict=True))
            if (column, distribution_column(f.referred)) not in pairs:
                wrong.append(
                    f"{t.name}: foreign key {f.columns} -> {f.referred}{f.referred_columns} "
                    f"does not join {column} to {distribution_column(f.referred)}"
                )
    return wrong


def test_every_table_the_models_declare_distributes_by_merchant() -> None:
    tables = from_metadata(Base.metadata)
    assert violations(tables) == []
    # The reference tables named are tables that exist (a rename must not hide one).
    assert {t.name for t in tables} >= REFERENCE_TABLES


@pytest.fixture
def migrated_pg(pg_admin_url: str) -> Iterator[str]:
    url = create_database(pg_admin_url)
    try:
        migrate(url)
        yield url
    finally:
        drop_database(pg_admin_url, url)


def test_every_table_the_migrations_make_on_postgresql_distributes_by_merchant(
    migrated_pg: str,
) -> None:
    tables = from_database(migrated_pg)
    assert violations(tables) == []
    assert {t.name for t in tables} == set(Base.metadata.tables)


def test_the_rules_catch_a_table_that_would_not_distribute() -> None:
    """The checker itself: a server-wide unique key, a key without the merchant, a foreign
    key that crosses merchants and a table neither distributed nor listed are each found."""
    metadata = MetaData()
    for table in Base.metadata.sorted_tables:
        table.to_metadata(metadata)
    Table(
        "gift_cards",
        metadata,
        Column("merchant_id", String(64)),
        Column("id", String(36)),
        Column("code", String(20), unique=True),
        Column("store_id", String(64)),
        PrimaryKeyConstraint("id"),
        ForeignKeyConstraint(["store_id"], ["stores.id"]),
    )
    Table("audit", metadata, Column("id", String(36), primary_key=True))
    found = violations(from_metadata(metadata))
    assert any("gift_cards: primary key ['id']" in w for w in found)
    assert any("gift_cards: unique key ['code']" in w for w in found)
    assert any("gift_cards: foreign key ['store_id']" in w for w in found)
    assert any(w.startswith("audit: no merchant_id") for w in found)
