"""Restore epochs: one per merchant, renewed when the server is found restored from a backup.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rows are made on first use: a merchant without one gets a fresh epoch then.
    op.create_table(
        "sync_epochs",
        sa.Column("merchant_id", sa.String(length=64), nullable=False),
        sa.Column("epoch", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("merchant_id"),
    )


def downgrade() -> None:
    op.drop_table("sync_epochs")
