"""catalogue: word index for accent-free search and covering indexes for the facets

Revision ID: 0002_catalogue_words
Revises: 0002_catalogue
Create Date: 2026-12-01 21:45:00

Fills the index for records that exist already, so search keeps working after the upgrade.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002_catalogue_words"
down_revision: str | Sequence[str] | None = "0002_catalogue"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "catalogue_word",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("word", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["catalogue_record.id"],
        ),
        sa.PrimaryKeyConstraint("record_id", "word"),
    )
    with op.batch_alter_table("catalogue_word", schema=None) as batch_op:
        batch_op.create_index("ix_catalogue_word_word_record", ["word", "record_id"], unique=False)

    with op.batch_alter_table("catalogue_record", schema=None) as batch_op:
        batch_op.create_index("ix_catalogue_record_status_field", ["status", "field"], unique=False)
        batch_op.create_index("ix_catalogue_record_status_kind", ["status", "kind"], unique=False)
        batch_op.create_index(
            "ix_catalogue_record_status_years", ["status", "year_from", "year_to"], unique=False
        )

    connection = op.get_bind()
    records = sa.table("catalogue_record", sa.column("id"), sa.column("search_text"))
    words = sa.table("catalogue_word", sa.column("record_id"), sa.column("word"))
    rows = []
    for record_id, text in connection.execute(sa.select(records.c.id, records.c.search_text)):
        rows.extend({"record_id": record_id, "word": w[:64]} for w in set((text or "").split()))
    if rows:
        connection.execute(sa.insert(words), rows)


def downgrade() -> None:
    with op.batch_alter_table("catalogue_record", schema=None) as batch_op:
        batch_op.drop_index("ix_catalogue_record_status_years")
        batch_op.drop_index("ix_catalogue_record_status_kind")
        batch_op.drop_index("ix_catalogue_record_status_field")

    with op.batch_alter_table("catalogue_word", schema=None) as batch_op:
        batch_op.drop_index("ix_catalogue_word_word_record")

    op.drop_table("catalogue_word")
