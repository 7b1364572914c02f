"""Opening the database: connect, migrate to head, seed the demo; plus backup and restore."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table)
from models.db import make_engine, session_scope
from services.errors import UserError
from services.settings import PROJECT_ROOT, Settings

ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"
UNREACHABLE = (
    "Không kết nối được cơ sở dữ liệu. Vui lòng kiểm tra DATABASE_URL và máy chủ cơ sở dữ liệu, "
    "rồi tải lại trang."
)


def is_busy(exc: OperationalError) -> bool:
    """SQLite's "database is locked": the data is fine, another writer held the lock too long."""
    return "database is locked" in str(exc).lower() or "database is busy" in str(exc).lower()


SWEEP_LOCK_KEY = 7_301_202_605  # any constant shared by every process of one deployment


def try_sweep_lock(session) -> bool:
    """Whether this process should run the overdue-attempt sweep now: on PostgreSQL, the one
    process that takes a transaction-scoped advisory lock (held until the sweep commits; the
    others skip this round). On SQLite every process is on one machine and meets at the
    database write lock, and the sweep is idempotent, so it always runs."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    return bool(
        session.execute(
            text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": SWEEP_LOCK_KEY}
        ).scalar()
    )


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    return config


def upgrade_to_head(engine: Engine, secret_key: str | None = None) -> None:
    """`secret_key` is the app's, for migrations that store keyed hashes (CCCD)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        config.attributes["secret_key"] = secret_key
        command.upgrade(config, "heads")


def schema_differences(engine: Engine) -> list:
    """What the models declare and the migrated database lacks (empty when they agree)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        return compare_metadata(context, SQLModel.metadata)


def prepare_database(engine: Engine, settings: Settings, *, seed: bool) -> None:
    """The schema at head and, when `seed`, the demo data in an empty database."""
    from services.demo import seed_demo

    upgrade_to_head(engine, settings.secret_key)
    if seed:
        with session_scope(engine) as session:
            seed_demo(session=session, settings=settings)


def open_database(settings: Settings, *, seed: bool | None = None) -> Engine:
    """A new engine, migrated and in demo mode seeded: for commands and benchmarks. The app
    itself opens its database once per process with services.app.create_app."""
    engine = make_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout,
    )
    try:
        prepare_database(engine, settings, seed=settings.demo_mode if seed is None else seed)
    except OperationalError as exc:
        engine.dispose()
        raise UserError(UNREACHABLE) from exc
    return engine


def _sqlite_path(settings: Settings) -> Path:
    if not settings.is_sqlite:
        raise UserError(
            "Sao lưu và khôi phục bằng lệnh này chỉ dành cho SQLite; với PostgreSQL hãy dùng "
            "pg_dump và pg_restore."
        )
    return Path(settings.database_url.split("///", 1)[1])


def backup(settings: Settings, destination: Path) -> Path:
    """SQLite's online backup: a consistent copy even while the app is writing."""
    source_path = _sqlite_path(settings)
    if not source_path.exists():
        raise UserError(f"Không tìm thấy tệp cơ sở dữ liệu: {source_path}.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source_path) as source, sqlite3.connect(destination) as target:
        source.backup(target)
    return destination


def restore(settings: Settings, backup_file: Path) -> None:
    """Copy a backup over the live database, after checking it is one of ours."""
    target_path = _sqlite_path(settings)
    if not backup_file.exists():
        raise UserError(f"Không tìm thấy tệp sao lưu: {backup_file}.")
    try:
        with sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True) as probe:
            probe.execute("SELECT version_num FROM alembic_version").fetchone()
            if probe.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise UserError(f"Tệp sao lưu bị hỏng: {backup_file}.")
    except sqlite3.DatabaseError as exc:
        raise UserError(f"Tệp {backup_file} không phải bản sao lưu của ứng dụng.") from exc
    target_path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(backup_file) as source, sqlite3.connect(target_path) as target:
        source.backup(target)
