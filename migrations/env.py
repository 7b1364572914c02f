"""Alembic environment: runs on a connection handed in by the app, or on DATABASE_URL."""

from alembic import context
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table)
from models.db import make_engine
from services.settings import load_settings

target_metadata = SQLModel.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = make_engine(load_settings().database_url)
    with engine.connect() as conn:
        _run(conn)
