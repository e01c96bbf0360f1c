"""The back office's reads: daily totals kept as entries arrive, and the indexes its pages need.

- `transactions.shop_day` (the terminal's local date of the entry), filled for every row;
- `daily_totals` and `daily_refusals`, keyed by merchant first, BACKFILLED from every
  stored transaction by the same counting rules the push path uses (`daily_totals`);
- `terminals.last_seen_at`, filled from each terminal's last stored entry;
- indexes: a card's history and a day's entries by id (keyset), and on PostgreSQL card
  numbers by prefix and customers' names by any part (trigrams, `pg_trgm`).

Revision ID: 0010
Revises: 0009 (after the back office's users)
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sync.server import daily_totals

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_COUNTER = sa.BigInteger()


def _counters() -> list[sa.Column[int]]:
    return [
        sa.Column(name, _COUNTER, nullable=False, server_default="0")
        for name in daily_totals.COUNTERS
    ]


def _key() -> list[sa.Column[object]]:
    return [
        sa.Column("merchant_id", sa.String(64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("terminal_id", sa.String(36), nullable=False),
    ]


def upgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    op.add_column("terminals", sa.Column("last_seen_at", sa.DateTime(timezone=True)))
    op.add_column("transactions", sa.Column("shop_day", sa.Date()))
    # The terminal's local date is the date its time was written with (ISO text, offset
    # kept); a time out of range was not believed, and the server's UTC date stands in.
    received_day = "(received_at AT TIME ZONE 'UTC')::date" if pg else "substr(received_at, 1, 10)"
    local_day = "substr(local_time_text, 1, 10)" + ("::date" if pg else "")
    op.execute(
        "UPDATE transactions SET shop_day = CASE WHEN code = 'clock_out_of_range' "  # noqa: S608
        f"THEN {received_day} ELSE {local_day} END"
    )
    with op.batch_alter_table("transactions") as batch:
        batch.alter_column("shop_day", existing_type=sa.Date(), nullable=False)
    # A card's history by id supersedes the (merchant_id, card_id) index 0008 made.
    op.drop_index("ix_transactions_card", "transactions")
    op.create_index(
        "ix_transactions_card_history", "transactions", ["merchant_id", "card_id", "id"]
    )
    op.create_index("ix_transactions_shop_day", "transactions", ["merchant_id", "shop_day", "id"])
    op.create_table(
        "daily_totals",
        *_key(),
        *_counters(),
        sa.PrimaryKeyConstraint("merchant_id", "day", "store_id", "terminal_id"),
    )
    op.create_index("ix_daily_totals_terminal", "daily_totals", ["merchant_id", "terminal_id"])
    op.create_table(
        "daily_refusals",
        *_key(),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("count", _COUNTER, nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("merchant_id", "day", "store_id", "terminal_id", "code", "reason"),
    )
    daily_totals.backfill(op.get_bind())
    # A terminal's last stored entry is its highest seq (found on UNIQUE(merchant_id,
    # terminal_id, seq) without reading its other rows): when it last pushed.
    op.execute(
        "UPDATE terminals SET last_seen_at = (SELECT t.received_at FROM transactions t "
        "WHERE t.merchant_id = terminals.merchant_id AND t.terminal_id = terminals.id "
        "ORDER BY t.seq DESC LIMIT 1)"
    )
    if pg:
        # Card numbers by what was typed of them, whatever the database's collation.
        op.execute(
            "CREATE INDEX ix_cards_number_prefix ON cards "
            "(merchant_id, card_number varchar_pattern_ops)"
        )
        # Names by any part of them, as `customers.find_customers` matches (lower-cased).
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_customers_name_trgm ON customers USING gin (lower(name) gin_trgm_ops)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_customers_name_trgm")
        op.execute("DROP INDEX ix_cards_number_prefix")
    op.drop_table("daily_refusals")
    op.drop_index("ix_daily_totals_terminal", "daily_totals")
    op.drop_table("daily_totals")
    op.drop_index("ix_transactions_shop_day", "transactions")
    op.drop_index("ix_transactions_card_history", "transactions")
    op.create_index("ix_transactions_card", "transactions", ["merchant_id", "card_id"])
    with op.batch_alter_table("transactions") as batch:
        batch.drop_column("shop_day")
    with op.batch_alter_table("terminals") as batch:
        batch.drop_column("last_seen_at")
