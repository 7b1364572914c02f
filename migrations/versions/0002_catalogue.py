"""catalogue: records, photos, tags and replications (nhân rộng)

Revision ID: 0002_catalogue
Revises: 0001
Create Date: 2026-12-01 21:15:11.880591
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002_catalogue"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "catalogue_record",
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("year_from", sa.Integer(), nullable=False),
        sa.Column("year_to", sa.Integer(), nullable=False),
        sa.Column("theme", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("story", sa.Text(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("featured", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("search_exact", sa.Text(), nullable=False),
        sa.Column("sort_key", sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )

    with op.batch_alter_table("catalogue_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_catalogue_record_field"), ["field"], unique=False)
        batch_op.create_index(batch_op.f("ix_catalogue_record_kind"), ["kind"], unique=False)
        batch_op.create_index(
            "ix_catalogue_record_listing", ["status", "featured", "year_to", "id"], unique=False
        )
        batch_op.create_index("ix_catalogue_record_sort_key", ["status", "sort_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_catalogue_record_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "catalogue_photo",
        sa.Column("caption", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("is_cover", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("original_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("thumb_path", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("card_path", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("large_path", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["catalogue_record.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )

    with op.batch_alter_table("catalogue_photo", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_catalogue_photo_content_hash"), ["content_hash"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_catalogue_photo_record_id"), ["record_id"], unique=False
        )

    op.create_table(
        "catalogue_replication",
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("unit_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["catalogue_record.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )

    with op.batch_alter_table("catalogue_replication", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_catalogue_replication_record_id"), ["record_id"], unique=False
        )

    op.create_table(
        "catalogue_tag",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["catalogue_record.id"],
        ),
        sa.PrimaryKeyConstraint("record_id", "key"),
    )

    with op.batch_alter_table("catalogue_tag", schema=None) as batch_op:
        batch_op.create_index("ix_catalogue_tag_key_record", ["key", "record_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("catalogue_tag", schema=None) as batch_op:
        batch_op.drop_index("ix_catalogue_tag_key_record")

    op.drop_table("catalogue_tag")

    with op.batch_alter_table("catalogue_replication", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalogue_replication_record_id"))

    op.drop_table("catalogue_replication")

    with op.batch_alter_table("catalogue_photo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalogue_photo_record_id"))
        batch_op.drop_index(batch_op.f("ix_catalogue_photo_content_hash"))

    op.drop_table("catalogue_photo")

    with op.batch_alter_table("catalogue_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalogue_record_unit_id"))
        batch_op.drop_index("ix_catalogue_record_sort_key")
        batch_op.drop_index("ix_catalogue_record_listing")
        batch_op.drop_index(batch_op.f("ix_catalogue_record_kind"))
        batch_op.drop_index(batch_op.f("ix_catalogue_record_field"))

    op.drop_table("catalogue_record")
