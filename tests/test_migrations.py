"""Alembic owns the schema: an empty database upgrades to head, and models and migrations agree."""

from sqlalchemy import inspect
from sqlmodel import SQLModel

from models.db import make_engine
from services.database import schema_differences, upgrade_to_head


def test_empty_database_upgrades_to_head_and_matches_the_models(database_url):
    engine = make_engine(database_url)
    upgrade_to_head(engine)  # idempotent: the fixture database is already at head
    assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
    assert schema_differences(engine) == []


def test_a_brand_new_sqlite_file_is_migrated_from_nothing(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'moi.db'}")
    upgrade_to_head(engine)
    assert schema_differences(engine) == []
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
