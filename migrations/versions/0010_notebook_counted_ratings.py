"""notebook: year-end ratings of the members counted from paper notebooks

Revision ID: 0010_notebook_counted_ratings
Revises: 0009_notebook_non_party
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010_notebook_counted_ratings"
down_revision: str | Sequence[str] | None = "0009_notebook_non_party"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notebook_counted_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("rating", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["entered_by_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.ForeignKeyConstraint(["year_id"], ["notebook_year.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year_id", "unit_id", "rating"),
    )
    with op.batch_alter_table("notebook_counted_rating", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notebook_counted_rating_unit_id"), ["unit_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notebook_counted_rating_year_id"), ["year_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("notebook_counted_rating", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notebook_counted_rating_year_id"))
        batch_op.drop_index(batch_op.f("ix_notebook_counted_rating_unit_id"))
    op.drop_table("notebook_counted_rating")
