"""Catalogue: links that play the slideshow on a tradition-room screen without a login.

Revision ID: 0006_catalogue_display_links
Revises: 0005_contests_round_chain
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006_catalogue_display_links"
down_revision: str | Sequence[str] | None = "0005_contests_round_chain"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "catalogue_display_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("record_ids", sa.JSON(), nullable=False),
        sa.Column("interval_seconds", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("catalogue_display_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_catalogue_display_link_token_hash"), ["token_hash"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("catalogue_display_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalogue_display_link_token_hash"))
    op.drop_table("catalogue_display_link")
