"""`journal_sync` records what the server applied of each entry, beside what was asked.

The end of day shows both (a refused redemption asked -300 points and applied none). The
server's answer always carried its applied deltas; they were not kept. On upgrade, entries
answered `applied` get their own deltas (applied means exactly as asked) and `refused` ones
zero; `adjusted` (and legacy `duplicate`) answers did not keep their amounts, so those stay
unknown (NULL) and the report says so. Pending entries are left as they are.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("journal_sync") as batch:
        batch.add_column(sa.Column("applied_stamps", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("applied_points", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE journal_sync SET "
        "applied_stamps = (SELECT stamps_delta FROM journal WHERE journal.seq = journal_sync.seq), "
        "applied_points = (SELECT points_delta FROM journal WHERE journal.seq = journal_sync.seq) "
        "WHERE status = 'applied'"
    )
    op.execute(
        "UPDATE journal_sync SET applied_stamps = 0, applied_points = 0 WHERE status = 'refused'"
    )


def downgrade() -> None:
    with op.batch_alter_table("journal_sync") as batch:
        batch.drop_column("applied_points")
        batch.drop_column("applied_stamps")
