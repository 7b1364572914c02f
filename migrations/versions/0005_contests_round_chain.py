"""Contests: a round may have its own ranking chain (empty = the contest's).

Revision ID: 0005_contests_round_chain
Revises: 0004_contests
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_contests_round_chain"
down_revision: str | Sequence[str] | None = "0004_contests"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contestround", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("ranking_chain", sa.JSON(), nullable=False, server_default="[]")
        )


def downgrade() -> None:
    with op.batch_alter_table("contestround", schema=None) as batch_op:
        batch_op.drop_column("ranking_chain")
