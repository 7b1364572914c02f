"""notebook: the non-Party members' form (per year), the member's Party flag, the form a
commitment was written on

Revision ID: 0009_notebook_non_party
Revises: 0008_notebook_counted
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_notebook_non_party"
down_revision: str | Sequence[str] | None = "0008_notebook_counted"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Constant defaults (a string, not sa.true()): SQLite then adds each column with a plain
    # ALTER TABLE ... ADD COLUMN. An expression default makes Alembic rebuild the table, and
    # rebuilding `user` fails on any database that has data, its rows being referenced.
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("party_member", sa.Boolean(), server_default="1", nullable=False)
        )
    with op.batch_alter_table("notebook_year", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("non_party_parts", sa.Text(), server_default="", nullable=False)
        )
    with op.batch_alter_table("notebook_commitment", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("party_form", sa.Boolean(), server_default="1", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("notebook_commitment", schema=None) as batch_op:
        batch_op.drop_column("party_form")
    with op.batch_alter_table("notebook_year", schema=None) as batch_op:
        batch_op.drop_column("non_party_parts")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("party_member")
