"""Wallet passes: the server's wallet set-up, merchants' pass looks, Apple devices
registered for passes, and the outbox of pass updates owed after a push. Cards are keyed
(merchant_id, id) since 0005: devices and outbox rows name a card by both, and a pass's
Apple serial and Google object id (random, made at issue) are unique server-wide.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "wallet_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_url", sa.String(300), nullable=False),
        sa.Column("pass_type_id", sa.String(200), nullable=True),
        sa.Column("team_id", sa.String(20), nullable=True),
        sa.Column("apple_cert_path", sa.Text(), nullable=True),
        sa.Column("apple_key_path", sa.Text(), nullable=True),
        sa.Column("apple_wwdr_path", sa.Text(), nullable=True),
        sa.Column("apns_url", sa.String(300), nullable=False),
        sa.Column("google_issuer_id", sa.String(40), nullable=True),
        sa.Column("google_key_path", sa.Text(), nullable=True),
        sa.Column("google_token_url", sa.String(300), nullable=False),
        sa.Column("google_api_url", sa.String(300), nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.CheckConstraint("id = 1", name="single_wallet_settings"),
    )
    op.create_table(
        "wallet_brands",
        sa.Column("merchant_id", sa.String(64), sa.ForeignKey("merchants.id"), nullable=False),
        sa.Column("logo_png", sa.LargeBinary(), nullable=True),
        sa.Column("background", sa.String(40), nullable=False),
        sa.Column("foreground", sa.String(40), nullable=False),
        sa.Column("label", sa.String(40), nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("merchant_id"),
    )
    op.create_table(
        "wallet_devices",
        sa.Column("device_id", sa.String(128), nullable=False),
        sa.Column("pass_type_id", sa.String(200), nullable=False),
        sa.Column("serial_number", sa.String(200), nullable=False),
        sa.Column("card_id", sa.String(36), nullable=False),
        sa.Column("merchant_id", sa.String(64), nullable=False),
        sa.Column("push_token", sa.String(200), nullable=False),
        sa.Column("registered_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("device_id", "pass_type_id", "serial_number"),
        # Cards are keyed (merchant_id, id) since 0005.
        sa.ForeignKeyConstraint(["merchant_id", "card_id"], ["cards.merchant_id", "cards.id"]),
    )
    op.create_index("ix_wallet_devices_card", "wallet_devices", ["merchant_id", "card_id"])
    op.create_table(
        "wallet_outbox",
        sa.Column("merchant_id", sa.String(64), nullable=False),
        sa.Column("card_id", sa.String(36), nullable=False),
        sa.Column("target", sa.String(160), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("due_at", _TIME, nullable=False),
        sa.Column("claimed_until", _TIME, nullable=True),
        sa.PrimaryKeyConstraint("merchant_id", "card_id", "target"),
    )
    op.create_index("ix_wallet_outbox_due", "wallet_outbox", ["due_at"])
    # Card ids are the merchant's own (0005): a pass's serial and Google object id are
    # made at issue and name one card server-wide.
    op.create_index("uq_cards_apple_serial_number", "cards", ["apple_serial_number"], unique=True)
    op.create_index("uq_cards_google_object_id", "cards", ["google_object_id"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_cards_google_object_id", table_name="cards")
    op.drop_index("uq_cards_apple_serial_number", table_name="cards")
    op.drop_index("ix_wallet_outbox_due", table_name="wallet_outbox")
    op.drop_table("wallet_outbox")
    op.drop_index("ix_wallet_devices_card", table_name="wallet_devices")
    op.drop_table("wallet_devices")
    op.drop_table("wallet_brands")
    op.drop_table("wallet_settings")
