"""Alembic owns the schema: an empty database upgrades to head, and models and migrations agree."""

import pytest
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


_OLD_KEYS = {  # names and the keys the rule before 0008 stored (f, w, z after y; "Tổ 10" < "Tổ 2")
    "Zalo tổ dân phố": "z",
    "Wifi miễn phí": "w",
    "Tổ 10": "t10",
    "Tổ 2": "t2",
    "Yên Bái": "y",
    "An Vinh": "anv",
    "Anh Vũ": "anh",
}
_NEW_ORDER = ["An Vinh", "Anh Vũ", "Tổ 2", "Tổ 10", "Wifi miễn phí", "Yên Bái", "Zalo tổ dân phố"]


def _insert_records(connection):
    for name, key in _OLD_KEYS.items():
        connection.exec_driver_sql(
            "INSERT INTO catalogue_record (kind, name, field, year_from, year_to, theme, summary,"
            " story, figures, tags, featured, status, search_text, search_exact, sort_key,"
            " created_at, updated_at) VALUES ('model', %s, '', 2020, 2020, '', '', '', '[]', '[]',"
            " false, 'published', '', '', %s, '2020-01-01', '2020-01-01')"
            if connection.dialect.name == "postgresql"
            else "INSERT INTO catalogue_record (kind, name, field, year_from, year_to, theme, summary,"
            " story, figures, tags, featured, status, search_text, search_exact, sort_key,"
            " created_at, updated_at) VALUES ('model', ?, '', 2020, 2020, '', '', '', '[]', '[]',"
            " 0, 'published', '', '', ?, '2020-01-01', '2020-01-01')",
            (name, key),
        )


def _names_by_sort_key(engine):
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT name FROM catalogue_record ORDER BY sort_key, id"
        ).all()
    return [name for (name,) in rows]


def test_0008_recomputes_the_sort_keys_of_rows_already_stored(tmp_path):
    from alembic import command

    from services.catalogue.search_index import sort_key_for
    from services.database import alembic_config

    engine = make_engine(f"sqlite:///{tmp_path / 'cu.db'}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002_catalogue_words")
        _insert_records(connection)
    assert _names_by_sort_key(engine) != _NEW_ORDER
    upgrade_to_head(engine)
    assert _names_by_sort_key(engine) == _NEW_ORDER
    with engine.connect() as connection:
        keys = dict(connection.exec_driver_sql("SELECT name, sort_key FROM catalogue_record").all())
    assert keys == {name: sort_key_for(name) for name in _OLD_KEYS}


@pytest.mark.db
def test_0008_recompute_orders_the_column_in_the_database(engine):
    import importlib

    migration = importlib.import_module("migrations.versions.0008_vi_sort_keys")
    with engine.begin() as connection:
        _insert_records(connection)
        assert migration.recompute(connection) == len(_OLD_KEYS)
        assert migration.recompute(connection) == 0  # a second run changes nothing
    assert _names_by_sort_key(engine) == _NEW_ORDER
