"""Where each terminal's journal ends, as it says at each sync: the back office's pending count.

- `terminals.journal_seq`: the seq of the last entry in the terminal's journal, as it gave it
  in its last `POST /v1/sync-state`; its entries after `last_seq` are those the server has
  not received;
- `terminals.journal_seq_at`: when it said so.

Both NULL for every terminal until it calls with the field (older terminals never do): the
back office shows its pending count as unknown.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("terminals", sa.Column("journal_seq", sa.BigInteger()))
    op.add_column("terminals", sa.Column("journal_seq_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("terminals") as batch:
        batch.drop_column("journal_seq_at")
        batch.drop_column("journal_seq")
