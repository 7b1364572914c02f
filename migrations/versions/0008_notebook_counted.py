"""notebook: counted registrations and reviews of members without an account; proposals

Revision ID: 0008_notebook_counted
Revises: 0007_notebook_sotay
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008_notebook_counted"
# The proposals link to the catalogue, so this also follows the catalogue's revisions.
down_revision: str | Sequence[str] | None = ("0007_notebook_sotay", "0002_catalogue")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notebook_counted",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["entered_by_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.ForeignKeyConstraint(["year_id"], ["notebook_year.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year_id", "unit_id", "month"),
    )
    with op.batch_alter_table("notebook_counted", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notebook_counted_unit_id"), ["unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notebook_counted_year_id"), ["year_id"], unique=False)
    op.create_table(
        "notebook_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=True),
        sa.Column("model", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("target", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("catalogue_record_id", sa.Integer(), nullable=True),
        sa.Column("proposed_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["catalogue_record_id"], ["catalogue_record.id"],
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["commitment_id"], ["notebook_commitment.id"]),
        sa.ForeignKeyConstraint(["proposed_by_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.ForeignKeyConstraint(["year_id"], ["notebook_year.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year_id", "unit_id", "commitment_id", "model", "target"),
    )
    with op.batch_alter_table("notebook_proposal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notebook_proposal_unit_id"), ["unit_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_notebook_proposal_year_id"), ["year_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("notebook_proposal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notebook_proposal_year_id"))
        batch_op.drop_index(batch_op.f("ix_notebook_proposal_unit_id"))
    op.drop_table("notebook_proposal")
    with op.batch_alter_table("notebook_counted", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notebook_counted_year_id"))
        batch_op.drop_index(batch_op.f("ix_notebook_counted_unit_id"))
    op.drop_table("notebook_counted")
