"""catalogue: recompute every stored sort key under the fixed Vietnamese order

f, j, w, z now stand in their Latin places, words compare one by one ("An Vinh" < "Anh Vũ") and
numbers by value ("Tổ 2" < "Tổ 10"); the keys written before this were computed by the old rule.

Revision ID: 0008_vi_sort_keys
Revises: 0002_catalogue_words
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from services.catalogue.search_index import sort_key_for

revision: str = "0008_vi_sort_keys"
down_revision: str | Sequence[str] | None = "0002_catalogue_words"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_records = sa.table(
    "catalogue_record",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("sort_key", sa.String),
)


def recompute(connection: sa.Connection) -> int:
    """Rewrite the keys that differ from the current rule; returns how many changed."""
    rows = connection.execute(sa.select(_records.c.id, _records.c.name, _records.c.sort_key))
    changed = [
        {"row_id": row_id, "key": sort_key_for(name or "")}
        for row_id, name, key in rows
        if sort_key_for(name or "") != key
    ]
    if changed:
        connection.execute(
            _records.update()
            .where(_records.c.id == sa.bindparam("row_id"))
            .values(sort_key=sa.bindparam("key")),
            changed,
        )
    return len(changed)


def upgrade() -> None:
    recompute(op.get_bind())


def downgrade() -> None:
    # The old keys put f, j, w, z after y; nothing needs them back. The order only is affected.
    pass
