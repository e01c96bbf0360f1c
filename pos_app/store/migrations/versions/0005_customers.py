"""Customers at the counter: contact details waiting for the server, and lookup keys.

`enrolment_contacts` holds the phone, e-mail and consent a customer gave at enrolment,
beside the enrolment's journal entry (never in it), only until the server has answered
that entry. `customer_keys` holds keyed hashes of phone numbers and e-mail addresses, and
the masked forms the cashier confirms with the customer: this terminal never keeps them
readable. `retired_codes` holds replaced cards' old numbers and QR tokens, which answer
"replaced by a new card". No existing table changes: every pending entry stays as it is.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "enrolment_contacts",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["seq"], ["journal.seq"]),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_table(
        "customer_keys",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("masked", sa.String(length=254), nullable=False),
        sa.Column("card_numbers", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("customer_id", "kind"),
    )
    op.create_index("ix_customer_keys_key", "customer_keys", ["key"])
    op.create_table(
        "retired_codes",
        sa.Column("code_kind", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("card_id", sa.String(length=36), nullable=False),
        sa.CheckConstraint("code_kind in ('number', 'token')", name="retired_code_kind"),
        sa.PrimaryKeyConstraint("code_kind", "value"),
    )


def downgrade() -> None:
    op.drop_table("retired_codes")
    op.drop_index("ix_customer_keys_key", table_name="customer_keys")
    op.drop_table("customer_keys")
    op.drop_table("enrolment_contacts")
