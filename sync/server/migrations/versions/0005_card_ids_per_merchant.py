"""A card's id is unique within its merchant: the cards' primary key is (merchant_id, id).

Terminals choose card ids (UUIDs) when they enrol offline. Unique server-wide, an id that
another merchant's card holds had to be refused, and the refusal told the enrolling
terminal that the id exists elsewhere. Every reading and writing of a card is within the
terminal's merchant, so the merchant's own id is all the server needs; the key leads with
`merchant_id`, as every key that distributes by merchant does.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# PostgreSQL named 0001's unnamed primary key itself; SQLite's has no name, and batch mode
# (which rebuilds the table) names it by this convention so it can be dropped.
_NAME = "cards_pkey"
_SQLITE_NAMES = {"pk": _NAME}


def _set_key(columns: list[str]) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(_NAME, "cards", type_="primary")
        op.create_primary_key(_NAME, "cards", columns)
        return
    with op.batch_alter_table("cards", naming_convention=_SQLITE_NAMES) as batch_op:
        batch_op.drop_constraint(_NAME, type_="primary")
        batch_op.create_primary_key(_NAME, columns)


def upgrade() -> None:
    _set_key(["merchant_id", "id"])


def downgrade() -> None:
    # Fails (and changes nothing) while two merchants hold one card id.
    _set_key(["id"])
