"""Provisional cards: cards stamped offline before this terminal knew them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "provisional_cards",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ref_kind", sa.String(length=10), nullable=False),
        sa.Column("ref_value", sa.String(length=64), nullable=False),
        sa.Column("program_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.CheckConstraint("ref_kind in ('token', 'number')", name="provisional_ref_kind"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ref_kind", "ref_value", name="provisional_ref"),
    )


def downgrade() -> None:
    op.drop_table("provisional_cards")
