"""An enrolment's customer name beside its journal entry, outside the hash.

Until now the name typed at enrolment was part of the enrolment's operation, inside the
hash chain, so a terminal kept it after the customer was erased. New enrolments carry it
in `enrolment_contacts.name` beside the entry (with the phone and e-mail), sent with the
entry and deleted once the server has answered it; the server's card then holds the name,
and the feed blanks it when the customer is erased.

Entries written before this revision keep their name: it is inside their hash and cannot
be taken out without making the entry look altered (the chain's tamper evidence is what
the end of day and `loyalty-pos verify-journal` rely on). `loyalty-server customer erase` names
the terminals whose journals still hold an erased customer's name this way.

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
    with op.batch_alter_table("enrolment_contacts") as batch:
        batch.add_column(
            sa.Column("name", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("enrolment_contacts") as batch:
        batch.drop_column("name")
