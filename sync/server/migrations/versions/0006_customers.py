"""Customers carry a phone number, an e-mail address and their consent to be contacted.

Each in normal form (`pos_app.domain.customer`), indexed within the merchant: an enrolment
naming a phone or e-mail the merchant knows is that customer, and the one-card rule holds
for them. `erased_at` marks a customer whose personal data was erased on request.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("phone", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("email", sa.String(length=254), nullable=True))
        batch.add_column(
            sa.Column("contact_consent", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("version", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("merchants") as batch:
        batch.add_column(sa.Column("lookup_secret", sa.String(length=64), nullable=True))
    op.create_index("ix_customers_phone", "customers", ["merchant_id", "phone"])
    op.create_index("ix_customers_feed", "customers", ["merchant_id", "version"])
    op.create_table(
        "retired_codes",
        sa.Column("merchant_id", sa.String(length=64), nullable=False),
        sa.Column("code_kind", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("card_id", sa.String(length=36), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("code_kind in ('number', 'token')", name="retired_code_kind"),
        sa.ForeignKeyConstraint(["merchant_id"], ["merchants.id"]),
        sa.PrimaryKeyConstraint("merchant_id", "code_kind", "value"),
    )
    op.create_index("ix_retired_codes_feed", "retired_codes", ["merchant_id", "version"])
    op.create_index("ix_customers_email", "customers", ["merchant_id", "email"])


def downgrade() -> None:
    op.drop_index("ix_retired_codes_feed", table_name="retired_codes")
    op.drop_table("retired_codes")
    op.drop_index("ix_customers_feed", table_name="customers")
    op.drop_index("ix_customers_email", table_name="customers")
    op.drop_index("ix_customers_phone", table_name="customers")
    with op.batch_alter_table("merchants") as batch:
        batch.drop_column("lookup_secret")
    with op.batch_alter_table("customers") as batch:
        for column in ("version", "erased_at", "consent_at", "contact_consent", "email", "phone"):
            batch.drop_column(column)
