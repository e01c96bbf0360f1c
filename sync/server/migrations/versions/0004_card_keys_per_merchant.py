"""A card's number and QR token are unique within its merchant, no longer server-wide.

Every lookup by number or token is within the terminal's merchant. Unique server-wide,
an enrolment whose number or token another merchant holds had to be refused, and the
refusal told the enrolling terminal that the other merchant has that card.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# 0001 left the server-wide constraints unnamed: PostgreSQL named them itself; on SQLite
# batch mode names the reflected ones by this convention so they can be dropped.
_SQLITE_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
_COLUMNS = ("card_number", "qr_token")


def _old_name(column: str) -> str:
    if op.get_bind().dialect.name == "postgresql":
        return f"cards_{column}_key"
    return f"uq_cards_{column}"


def upgrade() -> None:
    with op.batch_alter_table("cards", naming_convention=_SQLITE_NAMES) as batch_op:
        for column in _COLUMNS:
            batch_op.drop_constraint(_old_name(column), type_="unique")
            batch_op.create_unique_constraint(
                f"uq_cards_merchant_{column}", ["merchant_id", column]
            )


def downgrade() -> None:
    with op.batch_alter_table("cards", naming_convention=_SQLITE_NAMES) as batch_op:
        for column in _COLUMNS:
            batch_op.drop_constraint(f"uq_cards_merchant_{column}", type_="unique")
            batch_op.create_unique_constraint(_old_name(column), [column])
