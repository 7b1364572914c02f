"""CCCD numbers (issue 9): stored as a keyed hash plus the last four digits, so a leaked database
reveals none; duplicates within a contest still refused; shown masked; old rows converted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlmodel import select

from models.contests import Contest, ContestUpdate, Registration, RegistrationCreate
from models.db import make_engine, session_scope
from services.capabilities import SYSTEM
from services.contests import contests, registration
from services.database import alembic_config, schema_differences, upgrade_to_head
from services.errors import UserError
from tests.contests_helpers import make_contest
from tests.fixtures import add_user

NUMBER = "001234567890"


def _cccd_contest(session):
    contest_id, _ = make_contest(session)
    contests.update_contest(
        actor=SYSTEM,
        session=session,
        contest_id=contest_id,
        contest_in=ContestUpdate(ask_cccd=True),
    )
    return contest_id


def _register(session, settings, contest_id, username, cccd=NUMBER):
    user = add_user(session, username)
    return registration.register(
        session=session,
        contest_id=contest_id,
        user_id=user.id,
        data=RegistrationCreate(full_name="Nguyễn Văn An", cccd=cccd),
        secret_key=settings.secret_key,
    )


def test_the_number_is_not_stored_only_its_keyed_hash_and_last_digits(session, settings):
    contest_id = _cccd_contest(session)
    reg = _register(session, settings, contest_id, "an", "0012 3456 7890")
    assert (reg.cccd_last4, reg.cccd_masked) == ("7890", "••••••••7890")
    assert reg.cccd_digest == registration.cccd_digest(settings.secret_key, NUMBER)
    assert reg.cccd_digest != registration.cccd_digest("khoa-khac", NUMBER)
    stored = session.exec(select(Registration)).one().model_dump()
    assert not any(NUMBER in str(value) for value in stored.values())


def test_a_leaked_sqlite_file_holds_no_cccd(engine, settings):
    if not settings.is_sqlite:
        pytest.skip("tệp SQLite")
    with session_scope(engine) as session:
        contest_id = _cccd_contest(session)
        _register(session, settings, contest_id, "an")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    data = Path(settings.database_url.split("///", 1)[1]).read_bytes()
    assert NUMBER.encode() not in data


def test_the_same_cccd_twice_in_one_contest_is_refused(session, settings):
    contest_id = _cccd_contest(session)
    first = _register(session, settings, contest_id, "an")
    again = registration.register(
        session=session,
        contest_id=contest_id,
        user_id=first.user_id,
        data=RegistrationCreate(full_name="Nguyễn Văn An", cccd=NUMBER),
        secret_key=settings.secret_key,
    )
    assert again.id == first.id  # the same person may correct their registration
    with pytest.raises(UserError, match="Số CCCD này đã được dùng"):
        _register(session, settings, contest_id, "binh")
    other_contest = _cccd_contest(session)
    assert _register(session, settings, other_contest, "chi").cccd_last4 == "7890"


def test_a_contest_that_does_not_ask_keeps_nothing(session, settings):
    contest_id, _ = make_contest(session)
    reg = _register(session, settings, contest_id, "an")
    assert (reg.cccd_digest, reg.cccd_last4, reg.cccd_masked) == ("", "", "")


def test_the_migration_converts_stored_numbers(tmp_path):
    path = tmp_path / "cu.db"
    engine = make_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004_contests")
    with session_scope(engine) as session:  # these tables are as 0004 left them
        session.add(Contest(title="Cuộc thi cũ"))
    engine.dispose()
    with sqlite3.connect(path) as raw:  # in SQL: today's models have columns 0004 had not
        raw.executemany(
            "INSERT INTO user (username, full_name, email, role, is_active, password_hash, "
            "must_change_password, created_at) VALUES (?, ?, NULL, 'member', 1, 'x', 0, "
            "'2026-05-15 08:00:00')",
            [("an", "Nguyễn Văn An"), ("binh", "Trần Thị Bình")],
        )
        raw.execute(
            "INSERT INTO contestregistration (contest_id, user_id, full_name, phone, "
            "email, cccd, created_at) VALUES (1, 1, 'Nguyễn Văn An', '', '', ?, "
            "'2026-05-15 08:00:00'), (1, 2, 'Trần Thị Bình', '', '', '', "
            "'2026-05-15 08:00:00')",
            (NUMBER,),
        )
    engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(engine, "khoa-bi-mat")
    assert schema_differences(engine) == []
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT cccd_digest, cccd_last4 FROM contestregistration ORDER BY user_id"
        ).all()
    engine.dispose()
    assert rows == [(registration.cccd_digest("khoa-bi-mat", NUMBER), "7890"), ("", "")]
    assert NUMBER.encode() not in path.read_bytes()


def test_the_winners_sheet_shows_the_cccd_masked(demo_engine):
    from io import BytesIO

    from openpyxl import load_workbook

    from services.contests.exports import results_workbook

    with session_scope(demo_engine) as session:
        contest = session.exec(select(Contest)).first()
        assert contest.ask_cccd
        for reg in session.exec(select(Registration)).all():
            reg.cccd_digest, reg.cccd_last4 = "x" * 64, "7890"
            session.add(reg)
        session.flush()
        data = results_workbook(actor=SYSTEM, session=session, contest_id=contest.id)
    rows = list(load_workbook(BytesIO(data))["Người đạt giải"].iter_rows(values_only=True))
    assert rows[0][-1] == "Số CCCD"
    assert len(rows) > 1 and {r[-1] for r in rows[1:]} == {"••••••••7890"}
