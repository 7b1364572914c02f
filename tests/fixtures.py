"""Reusable test data and database set-up: real SQLite files, or PostgreSQL when
TEST_DATABASE_URL is set. No mocks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from models.accounts import Role, UserCreate
from models.db import make_engine, session_scope
from services.accounts import auth
from services.accounts import users as accounts
from services.capabilities import SYSTEM
from services.database import upgrade_to_head
from services.settings import Settings, load_settings

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
PASSWORD = "matkhau-thu-nghiem"


def make_settings(tmp_path: Path, database_url: str, **overrides) -> Settings:
    env = {
        "DATABASE_URL": database_url,
        "DATA_DIR": str(tmp_path),
        "DEMO_MODE": "0",
        "SECRET_KEY": "khoa-bi-mat-cho-kiem-thu-du-dai-32-ky-tu",
    }
    return load_settings(env=env, secrets_path=tmp_path / "khong-co.toml", **overrides)


def reset_postgres(engine: Engine) -> None:
    """Empty every table but keep the migrated schema (much faster than re-migrating)."""
    names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


def drop_postgres_schema(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))


def fresh_sqlite(template: Path, tmp_path: Path) -> str:
    target = tmp_path / "test.db"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


def migrated_sqlite_template(directory: Path) -> Path:
    path = directory / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    with engine.connect() as connection:  # fold the WAL into the file before copying it
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def add_user(session: Session, username: str, role: Role = Role.MEMBER, **fields):
    return accounts.create_user(
        session=session,
        actor=SYSTEM,
        user_in=UserCreate(
            username=username,
            full_name=fields.pop("full_name", username.title()),
            role=role,
            password=PASSWORD,
            **fields,
        ),
    )


def login_token(engine: Engine, username: str, role: Role) -> str:
    """A session token for a (new or existing) user of that role, as the login form makes."""
    with session_scope(engine) as session:
        from sqlmodel import select

        from models.accounts import User

        user = session.exec(select(User).where(User.username == username)).first()
        user_id = user.id if user else add_user(session, username, role).id
        return auth.start_session(session=session, user_id=user_id)
