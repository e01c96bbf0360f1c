"""Merchants that do not wait for each other: a change counter per merchant, and every key
led by `merchant_id`, so the schema distributes by merchant (docs/scaling.md).

Until now one server-wide counter (a sequence under an advisory lock on PostgreSQL, a
one-row table on SQLite) stamped every merchant's changes, so every merchant's writes
queued on one lock. Each merchant now draws from its own `merchant_versions` row.

Every existing merchant's counter starts at the old server-wide value: each of its stored
versions is at or below it, so no terminal's cursor (nor a wallet pass's update tag)
is ever ahead of its merchant's counter, and every new version is above every cursor.

Keys: stores, customers, programs, staff, terminals, pair codes and transactions are keyed
(merchant_id, ...); foreign keys between them carry merchant_id; unique keys lead with it.
An entry id is unique within its merchant (another merchant's entry may have the same
one). Lookups by a random secret alone (a terminal's token, a pairing code, a pass's
serial or Google object id) keep a plain index. No row changes: every old key held
server-wide, so it holds within each merchant.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _global_value() -> int:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        row = bind.execute(sa.text("SELECT last_value, is_called FROM change_version_seq")).one()
        return int(row.last_value) if row.is_called else 0
    value = bind.execute(sa.text("SELECT value FROM change_counter WHERE id = 1")).scalar()
    return int(value or 0)


_Foreign = tuple[tuple[str, ...], str, tuple[str, ...]]


class Keys:
    """A table's keys: primary, unique (by name), foreign (by name: columns, referred
    table, its columns) and the indexes it keeps or gains (by name)."""

    def __init__(
        self,
        primary: tuple[str, ...],
        unique: dict[str, tuple[str, ...]] | None = None,
        foreign: dict[str, _Foreign] | None = None,
        indexes: dict[str, tuple[str, ...]] | None = None,
        unique_indexes: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.primary = primary
        self.unique = unique or {}
        self.foreign = foreign or {}
        self.indexes = {**(indexes or {}), **(unique_indexes or {})}
        self.unique_indexes = set(unique_indexes or {})


def _fk(table: str, *columns: str) -> _Foreign:
    return (("merchant_id", *columns), table, ("merchant_id", "id"))


_MERCHANT_FK = {"merchant_id_fkey": (("merchant_id",), "merchants", ("id",))}
# In an order where every table is keyed before a table that refers to it.
_NEW = {
    "stores": Keys(("merchant_id", "id"), foreign=dict(_MERCHANT_FK)),
    "customers": Keys(
        ("merchant_id", "id"),
        foreign=dict(_MERCHANT_FK),
        indexes={
            "ix_customers_phone": ("merchant_id", "phone"),
            "ix_customers_email": ("merchant_id", "email"),
            "ix_customers_feed": ("merchant_id", "version"),
        },
    ),
    "programs": Keys(
        ("merchant_id", "id"),
        foreign=dict(_MERCHANT_FK),
        indexes={"ix_programs_feed": ("merchant_id", "version")},
    ),
    "staff": Keys(
        ("merchant_id", "id"),
        foreign=dict(_MERCHANT_FK),
        indexes={"ix_staff_feed": ("merchant_id", "version")},
    ),
    "terminals": Keys(
        ("merchant_id", "id"),
        foreign={**_MERCHANT_FK, "terminals_store_fkey": _fk("stores", "store_id")},
        indexes={"ix_terminals_token_hash": ("token_hash",)},
    ),
    "pair_codes": Keys(
        ("merchant_id", "code_hash"),
        foreign={**_MERCHANT_FK, "pair_codes_store_fkey": _fk("stores", "store_id")},
        indexes={"ix_pair_codes_code_hash": ("code_hash",)},
    ),
    "cards": Keys(
        ("merchant_id", "id"),
        unique={
            "uq_cards_customer_store": ("merchant_id", "customer_id", "enrolled_at_store"),
            "uq_cards_merchant_card_number": ("merchant_id", "card_number"),
            "uq_cards_merchant_qr_token": ("merchant_id", "qr_token"),
            "uq_cards_merchant_apple_serial_number": ("merchant_id", "apple_serial_number"),
            "uq_cards_merchant_google_object_id": ("merchant_id", "google_object_id"),
        },
        foreign={
            **_MERCHANT_FK,
            "cards_customer_fkey": _fk("customers", "customer_id"),
            "cards_program_fkey": _fk("programs", "program_id"),
        },
        indexes={
            "ix_cards_feed": ("merchant_id", "version"),
            "ix_cards_apple_serial_number": ("apple_serial_number",),
            "ix_cards_google_object_id": ("google_object_id",),
        },
    ),
    "transactions": Keys(
        ("merchant_id", "id"),
        unique={
            "uq_transactions_merchant_entry": ("merchant_id", "entry_id"),
            "uq_transactions_terminal_seq": ("merchant_id", "terminal_id", "seq"),
        },
        foreign={"transactions_terminal_fkey": _fk("terminals", "terminal_id")},
        indexes={
            "ix_transactions_merchant_received": ("merchant_id", "received_at"),
            "ix_transactions_card": ("merchant_id", "card_id"),
        },
    ),
    "wallet_devices": Keys(
        ("merchant_id", "device_id", "pass_type_id", "serial_number"),
        foreign={"wallet_devices_card_fkey": _fk("cards", "card_id")},
        indexes={
            "ix_wallet_devices_card": ("merchant_id", "card_id"),
            "ix_wallet_devices_device": ("device_id", "pass_type_id"),
        },
    ),
}
_CHECKS = {
    "staff": {"staff_role": "role in ('cashier', 'manager')"},
    "cards": {
        "cards_points_nonneg": "points_balance >= 0",
        "cards_stamps_nonneg": "stamp_count >= 0",
    },
    "transactions": {"transactions_status": "status in ('applied', 'adjusted', 'refused')"},
}


def _by_id(column: str, table: str) -> _Foreign:
    return ((column,), table, ("id",))


# The keys as 0007 left them, for the downgrade: it fails, changing nothing, while two
# merchants hold one entry id (or any other id the old keys made server-wide).
_OLD = {
    "stores": Keys(
        ("id",), foreign=dict(_MERCHANT_FK), indexes={"ix_stores_merchant_id": ("merchant_id",)}
    ),
    "customers": Keys(
        ("id",),
        foreign=dict(_MERCHANT_FK),
        indexes={"ix_customers_merchant_id": ("merchant_id",), **_NEW["customers"].indexes},
    ),
    "programs": Keys(("id",), foreign=dict(_MERCHANT_FK), indexes=_NEW["programs"].indexes),
    "staff": Keys(("id",), foreign=dict(_MERCHANT_FK), indexes=_NEW["staff"].indexes),
    "terminals": Keys(
        ("id",),
        unique={"terminals_token_hash_key": ("token_hash",)},
        foreign={**_MERCHANT_FK, "store_id_fkey": _by_id("store_id", "stores")},
    ),
    "pair_codes": Keys(
        ("code_hash",), foreign={**_MERCHANT_FK, "store_id_fkey": _by_id("store_id", "stores")}
    ),
    "cards": Keys(
        ("merchant_id", "id"),
        unique={
            "uq_cards_customer_store": ("customer_id", "enrolled_at_store"),
            "uq_cards_merchant_card_number": ("merchant_id", "card_number"),
            "uq_cards_merchant_qr_token": ("merchant_id", "qr_token"),
        },
        unique_indexes={
            "uq_cards_apple_serial_number": ("apple_serial_number",),
            "uq_cards_google_object_id": ("google_object_id",),
        },
        foreign={
            **_MERCHANT_FK,
            "customer_id_fkey": _by_id("customer_id", "customers"),
            "program_id_fkey": _by_id("program_id", "programs"),
        },
        indexes={"ix_cards_feed": ("merchant_id", "version")},
    ),
    "transactions": Keys(
        ("id",),
        unique={
            "transactions_entry_id_key": ("entry_id",),
            "uq_transactions_terminal_seq": ("terminal_id", "seq"),
        },
        foreign={"terminal_id_fkey": _by_id("terminal_id", "terminals")},
        indexes={
            "ix_transactions_card_id": ("card_id",),
            "ix_transactions_merchant_received": ("merchant_id", "received_at"),
        },
    ),
    "wallet_devices": Keys(
        ("device_id", "pass_type_id", "serial_number"),
        foreign={"merchant_id_card_id_fkey": _fk("cards", "card_id")},
        indexes={"ix_wallet_devices_card": ("merchant_id", "card_id")},
    ),
}


def _foreign_name(table: str, name: str) -> str:
    return name if name.startswith(table) else f"{table}_{name}"


def _rekey_postgresql(spec: dict[str, Keys]) -> None:
    """Keys and indexes changed in place (no table is rewritten, the id sequence stays):
    every foreign key among these tables goes first, as a key it refers to is remade."""
    for name in spec:
        for fk in sa.inspect(op.get_bind()).get_foreign_keys(name):
            op.drop_constraint(fk["name"], name, type_="foreignkey")
    for name, keys in spec.items():
        inspector = sa.inspect(op.get_bind())
        for uq in inspector.get_unique_constraints(name):
            op.drop_constraint(uq["name"], name, type_="unique")
        for ix in sa.inspect(op.get_bind()).get_indexes(name):
            if ix["name"] not in keys.indexes:
                op.drop_index(ix["name"], table_name=name)
        pk = inspector.get_pk_constraint(name)
        if tuple(pk["constrained_columns"]) != keys.primary:
            op.drop_constraint(pk["name"], name, type_="primary")
            op.create_primary_key(f"{name}_pkey", name, list(keys.primary))
        for uq_name, columns in keys.unique.items():
            op.create_unique_constraint(uq_name, name, list(columns))
        existing = {ix["name"] for ix in sa.inspect(op.get_bind()).get_indexes(name)}
        for ix_name, columns in keys.indexes.items():
            if ix_name not in existing:
                unique = ix_name in keys.unique_indexes
                op.create_index(ix_name, name, list(columns), unique=unique)
    for name, keys in spec.items():
        for fk_name, (columns, referred, remote) in keys.foreign.items():
            op.create_foreign_key(
                _foreign_name(name, fk_name), name, referred, list(columns), list(remote)
            )


def _rekey_sqlite(spec: dict[str, Keys]) -> None:
    """SQLite cannot alter keys: each table is made anew with them and its rows copied."""
    bind = op.get_bind()
    for name, keys in spec.items():
        old = sa.Table(name, sa.MetaData(), autoload_with=bind)
        columns = [
            sa.Column(
                c.name,
                c.type,
                nullable=c.nullable,
                server_default=None if c.server_default is None else c.server_default.arg,  # type: ignore[attr-defined]
            )
            for c in old.c
        ]
        new = sa.Table(name, sa.MetaData(), *columns)
        new.append_constraint(sa.PrimaryKeyConstraint(*keys.primary, name=f"{name}_pkey"))
        for uq_name, unique in keys.unique.items():
            new.append_constraint(sa.UniqueConstraint(*unique, name=uq_name))
        for fk_name, (local, referred, remote) in keys.foreign.items():
            new.append_constraint(
                sa.ForeignKeyConstraint(
                    list(local),
                    [f"{referred}.{r}" for r in remote],
                    name=_foreign_name(name, fk_name),
                )
            )
        for ck_name, sql in _CHECKS.get(name, {}).items():
            new.append_constraint(sa.CheckConstraint(sql, name=ck_name))
        for ix_name, indexed in keys.indexes.items():
            sa.Index(ix_name, *(new.c[c] for c in indexed), unique=ix_name in keys.unique_indexes)
        with op.batch_alter_table(name, copy_from=new, recreate="always"):
            pass


def _rekey(spec: dict[str, Keys]) -> None:
    if op.get_bind().dialect.name == "postgresql":
        _rekey_postgresql(spec)
    else:
        _rekey_sqlite(spec)


def upgrade() -> None:
    _rekey(_NEW)
    op.create_table(
        "merchant_versions",
        sa.Column("merchant_id", sa.String(length=64), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["merchant_id"], ["merchants.id"]),
        sa.PrimaryKeyConstraint("merchant_id"),
    )
    op.get_bind().execute(
        sa.text("INSERT INTO merchant_versions (merchant_id, value) SELECT id, :v FROM merchants"),
        {"v": _global_value()},
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE change_version_seq")
    op.drop_table("change_counter")


def downgrade() -> None:
    bind = op.get_bind()
    top = int(
        bind.execute(sa.text("SELECT coalesce(max(value), 0) FROM merchant_versions")).scalar_one()
    )
    op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name="single_counter"),
        sa.PrimaryKeyConstraint("id"),
    )
    bind.execute(sa.text("INSERT INTO change_counter (id, value) VALUES (1, :v)"), {"v": top})
    if bind.dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE change_version_seq")
        if top > 0:
            bind.execute(sa.text("SELECT setval('change_version_seq', :v)"), {"v": top})
    op.drop_table("merchant_versions")
    _rekey(_OLD)
