"""commendations: awards and their vocabulary (forms and titles, issuers, occasions)

Revision ID: 0003_commendations
Revises: 0001
Create Date: 2026-12-01 21:14:37.112766

Awards link to catalogue records (`award.catalogue_record_id`, set to NULL when the record is
deleted), hence the dependency on the catalogue's revision.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003_commendations"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = "0002_catalogue"

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "award_form",
        sa.Column("name", TEXT(length=255), nullable=False),
        sa.Column("kind", TEXT(length=16), nullable=False),
        sa.Column("scope", TEXT(length=16), nullable=False),
        sa.Column("legal_basis", TEXT(length=255), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "award_issuer",
        sa.Column("name", TEXT(length=255), nullable=False),
        sa.Column("level", TEXT(length=16), nullable=False),
        sa.Column("tier", TEXT(length=16), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "award_occasion",
        sa.Column("name", TEXT(length=255), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "award",
        sa.Column("recipient_type", TEXT(length=16), nullable=False),
        sa.Column("recipient_name", TEXT(length=255), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("catalogue_record_id", sa.Integer(), nullable=True),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("form_class", TEXT(length=64), nullable=False),
        sa.Column("issuer_id", sa.Integer(), nullable=False),
        sa.Column("occasion_id", sa.Integer(), nullable=True),
        sa.Column("decision_number", TEXT(length=64), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("achievement", TEXT(length=2000), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", TEXT(length=16), nullable=False),
        sa.Column("issuer_level", TEXT(length=16), nullable=False),
        sa.Column("recipient_key", TEXT(length=300), nullable=False),
        sa.Column("status", TEXT(length=16), nullable=False),
        sa.Column("revoked_reason", TEXT(length=500), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["catalogue_record_id"], ["catalogue_record.id"], ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["created_by"], ["user.id"]),
        sa.ForeignKeyConstraint(["form_id"], ["award_form.id"]),
        sa.ForeignKeyConstraint(["issuer_id"], ["award_issuer.id"]),
        sa.ForeignKeyConstraint(["occasion_id"], ["award_occasion.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "award_tally",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", TEXT(length=16), nullable=False),
        sa.Column("issuer_level", TEXT(length=16), nullable=False),
        sa.Column("recipient_type", TEXT(length=16), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("issuer_id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "year", "kind", "issuer_level", "recipient_type", "form_id", "issuer_id"
        ),
    )
    op.create_table(
        "award_unit_tally",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", TEXT(length=16), nullable=False),
        sa.Column("unit_key", sa.Integer(), nullable=False),
        sa.Column("recipient_type", TEXT(length=16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "kind", "unit_key", "recipient_type"),
    )
    with op.batch_alter_table("award", schema=None) as batch_op:
        batch_op.create_index("ix_award_catalogue_record", ["catalogue_record_id"], unique=False)
        batch_op.create_index(
            "ix_award_chart_form",
            ["status", "kind", "year", "form_id", "issuer_level", "recipient_type"],
            unique=False,
        )
        batch_op.create_index(
            "ix_award_chart_level",
            [
                "status",
                "kind",
                "year",
                "issuer_level",
                "recipient_type",
                "unit_id",
                "recipient_key",
            ],
            unique=False,
        )
        batch_op.create_index(
            "ix_award_chart_unit",
            ["status", "kind", "year", "unit_id", "recipient_type", "recipient_key"],
            unique=False,
        )
        batch_op.create_index(
            "ix_award_duplicate", ["recipient_key", "year", "form_id"], unique=False
        )
        batch_op.create_index(
            "ix_award_report",
            ["status", "year", "issuer_id", "form_id", "recipient_type"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("award", schema=None) as batch_op:
        for name in (
            "ix_award_report",
            "ix_award_duplicate",
            "ix_award_chart_unit",
            "ix_award_chart_level",
            "ix_award_chart_form",
            "ix_award_catalogue_record",
        ):
            batch_op.drop_index(name)
    op.drop_table("award_unit_tally")
    op.drop_table("award_tally")
    op.drop_table("award")
    op.drop_table("award_occasion")
    op.drop_table("award_issuer")
    op.drop_table("award_form")
