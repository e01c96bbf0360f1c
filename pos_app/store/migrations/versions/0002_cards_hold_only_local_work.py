"""`cards` holds only what differs from the replica; `card_view` is what the cashier sees.

Until now every card the server sent was written twice, to `card_replica` and to `cards`,
so a first pull of a million cards paid for two million upserts. From here `cards` keeps
only this terminal's own versions: cards with entries not yet answered by the server
(their replica with those entries replayed on top) and cards the server has never sent.
Every other card is read from the replica, through `card_view`.

The upgrade deletes the copies that the new design no longer keeps: rows of cards the
server has sent and this terminal has no pending entry for, whose local view is by
definition their replica. Pending entries and the cards they touch are kept as they are:
a terminal that upgrades in the middle of an outage loses nothing.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Written out, not imported from the code: a migration must keep meaning what it meant.
_COLUMNS = (
    "id, card_number, qr_token, merchant_id, program_id, enrolled_at_store, customer_name, "
    "is_active, stamp_count, total_stamps_earned, stamps_redeemed, stamps_on_day, stamp_day, "
    "points_balance, total_points_earned, points_redeemed, total_points_voided, "
    "last_stamp_at, last_points_at, last_redemption_at, last_activity_at"
)
_PENDING_CARDS = (
    "SELECT journal.card_id FROM journal JOIN journal_sync ON journal_sync.seq = journal.seq "
    "WHERE journal_sync.status IN ('pending', 'sent')"
)


def upgrade() -> None:
    op.execute(
        f"CREATE VIEW card_view AS SELECT {_COLUMNS} FROM cards "  # noqa: S608
        f"UNION ALL SELECT {_COLUMNS} FROM card_replica AS replica "
        "WHERE NOT EXISTS (SELECT 1 FROM cards AS local WHERE local.id = replica.id)"
    )
    op.execute(
        "DELETE FROM cards WHERE id IN (SELECT id FROM card_replica) "  # noqa: S608
        f"AND id NOT IN ({_PENDING_CARDS})"
    )


def downgrade() -> None:
    op.execute(
        f"INSERT INTO cards ({_COLUMNS}) SELECT {_COLUMNS} FROM card_replica "  # noqa: S608
        "WHERE id NOT IN (SELECT id FROM cards)"
    )
    op.execute("DROP VIEW card_view")
