"""The back office: the merchant's people who sign in to it (owners and store managers),
and their sessions (server-side rows, so signing out and revoking are real).

Both tables lead their keys with merchant_id, to distribute by merchant.

Revision ID: 0009
Revises: 0008 (after the keys led by merchant_id)
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "office_users",
        sa.Column("merchant_id", sa.String(64), sa.ForeignKey("merchants.id"), nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("login", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("store_id", sa.String(64), nullable=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("merchant_id", "id", name="office_users_pkey"),
        sa.UniqueConstraint("merchant_id", "login", name="uq_office_users_login"),
        # A manager's store is one of the same merchant's (and the key distributes with it).
        sa.ForeignKeyConstraint(
            ["merchant_id", "store_id"],
            ["stores.merchant_id", "stores.id"],
            name="office_users_store_fkey",
        ),
        sa.CheckConstraint(
            "(role = 'owner' AND store_id IS NULL) OR (role = 'manager' AND store_id IS NOT NULL)",
            name="office_users_role_store",
        ),
    )
    op.create_table(
        "office_sessions",
        sa.Column("merchant_id", sa.String(64), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("last_seen_at", _TIME, nullable=False),
        sa.Column("expires_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("merchant_id", "token_hash", name="office_sessions_pkey"),
        sa.ForeignKeyConstraint(
            ["merchant_id", "user_id"], ["office_users.merchant_id", "office_users.id"]
        ),
    )
    op.create_index("ix_office_sessions_user", "office_sessions", ["merchant_id", "user_id"])


def downgrade() -> None:
    op.drop_index("ix_office_sessions_user", table_name="office_sessions")
    op.drop_table("office_sessions")
    op.drop_table("office_users")
