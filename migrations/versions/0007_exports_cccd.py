"""Registrations: a CCCD is kept as a keyed hash (HMAC-SHA256 under the app's SECRET_KEY) plus
its last four digits; the numbers already stored are converted, then the plain column is dropped.

Revision ID: 0007_exports_cccd
Revises: 0004_contests
"""

import hashlib
import hmac
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0007_exports_cccd"
down_revision: str | Sequence[str] | None = "0004_contests"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _secret_key() -> str:
    """The key the app runs with: handed in by `upgrade_to_head`, else the settings'."""
    key = context.config.attributes.get("secret_key")
    if key:
        return key
    from services.settings import load_settings

    return load_settings().secret_key


def upgrade() -> None:
    with op.batch_alter_table("contestregistration", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("cccd_digest", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("cccd_last4", sa.String(length=4), nullable=False, server_default="")
        )
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, cccd FROM contestregistration WHERE cccd <> ''")).all()
    if rows:
        key = _secret_key().encode()
        bind.execute(
            sa.text(
                "UPDATE contestregistration SET cccd_digest = :digest, cccd_last4 = :last4 "
                "WHERE id = :id"
            ),
            [
                {
                    "id": row_id,
                    # the formula of services.contests.registration.cccd_digest
                    "digest": hmac.new(key, b"cccd:" + cccd.encode(), hashlib.sha256).hexdigest(),
                    "last4": cccd[-4:],
                }
                for row_id, cccd in rows
            ],
        )
    with op.batch_alter_table("contestregistration", schema=None) as batch_op:
        batch_op.drop_column("cccd")
        batch_op.create_index("ix_registration_cccd", ["contest_id", "cccd_digest"], unique=False)


def downgrade() -> None:
    """The numbers cannot come back (that is the point); the column returns empty."""
    with op.batch_alter_table("contestregistration", schema=None) as batch_op:
        batch_op.drop_index("ix_registration_cccd")
        batch_op.add_column(
            sa.Column("cccd", sa.String(length=12), nullable=False, server_default="")
        )
        batch_op.drop_column("cccd_last4")
        batch_op.drop_column("cccd_digest")
