"""notebook: an index on the group leader (the duty menu asks "does this user lead a group" on
every login check)

Revision ID: 0011_notebook_group_leader
Revises: 0010_notebook_counted_ratings
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011_notebook_group_leader"
down_revision: str | Sequence[str] | None = "0010_notebook_counted_ratings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("notebook_group", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notebook_group_leader_id"), ["leader_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("notebook_group", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notebook_group_leader_id"))
