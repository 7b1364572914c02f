"""notebook: counted registrations and reviews of members without an account; proposals;
groups (tổ) and their month notes; inspections

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
    with op.batch_alter_table("notebook_commitment", schema=None) as batch_op:
        batch_op.create_index(
            "ix_notebook_commitment_ratings", ["year_id", "unit_id", "rating"], unique=False
        )
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
        sa.ForeignKeyConstraint(
            ["catalogue_record_id"], ["catalogue_record.id"], ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["commitment_id"], ["notebook_commitment.id"]),
        sa.ForeignKeyConstraint(["proposed_by_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.ForeignKeyConstraint(["year_id"], ["notebook_year.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year_id", "unit_id", "commitment_id", "model", "target"),
    )
    with op.batch_alter_table("notebook_proposal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notebook_proposal_unit_id"), ["unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notebook_proposal_year_id"), ["year_id"], unique=False)

    op.create_table(
        "notebook_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("leader_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["leader_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("unit_id", "name"),
    )
    with op.batch_alter_table("notebook_group", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notebook_group_unit_id"), ["unit_id"], unique=False)
    op.create_table(
        "notebook_group_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["notebook_group.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "group_id"),
    )
    with op.batch_alter_table("notebook_group_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notebook_group_member_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notebook_group_member_user_id"), ["user_id"], unique=False
        )
    op.create_table(
        "notebook_month_summary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["entered_by_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["group_id"], ["notebook_group.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.ForeignKeyConstraint(["year_id"], ["notebook_year.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year_id", "unit_id", "group_id", "month"),
    )
    with op.batch_alter_table("notebook_month_summary", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notebook_month_summary_unit_id"), ["unit_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notebook_month_summary_year_id"), ["year_id"], unique=False
        )
    op.create_table(
        "notebook_inspection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("inspector_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("missing_count", sa.Integer(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["inspector_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.ForeignKeyConstraint(["year_id"], ["notebook_year.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("notebook_inspection", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notebook_inspection_unit_id"), ["unit_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notebook_inspection_year_id"), ["year_id"], unique=False
        )


def downgrade() -> None:
    for table in (
        "notebook_inspection",
        "notebook_month_summary",
        "notebook_group_member",
        "notebook_group",
    ):
        op.drop_table(table)
    with op.batch_alter_table("notebook_commitment", schema=None) as batch_op:
        batch_op.drop_index("ix_notebook_commitment_ratings")
    with op.batch_alter_table("notebook_proposal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notebook_proposal_year_id"))
        batch_op.drop_index(batch_op.f("ix_notebook_proposal_unit_id"))
    op.drop_table("notebook_proposal")
    with op.batch_alter_table("notebook_counted", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notebook_counted_year_id"))
        batch_op.drop_index(batch_op.f("ix_notebook_counted_unit_id"))
    op.drop_table("notebook_counted")
