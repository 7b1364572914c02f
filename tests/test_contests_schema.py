"""The migration matches the models; the demo data is what the issue asks for."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func
from sqlmodel import select

from models.contests import Attempt, Contest, Question, Round
from models.db import session_scope
from services.database import schema_differences
from services.demo import contests as demo

MY_TABLES = ("question", "contest")


def test_migration_matches_models(engine):
    diffs = [d for d in schema_differences(engine) if any(t in str(d) for t in MY_TABLES)]
    assert diffs == []


def test_demo_contest(demo_engine, settings):
    with session_scope(demo_engine) as session:
        assert session.exec(select(func.count()).select_from(Question)).one() >= 40
        contest = session.exec(select(Contest).where(Contest.title == demo.CONTEST_TITLE)).one()
        rounds = session.exec(select(Round).where(Round.contest_id == contest.id)).all()
        assert len(rounds) == 2
        now = datetime.now(UTC)
        assert any(
            r.opens_at.replace(tzinfo=UTC) <= now < r.closes_at.replace(tzinfo=UTC) for r in rounds
        )
        people = session.exec(select(func.count(func.distinct(Attempt.user_id)))).one()
        assert people >= 50
        before = session.exec(select(func.count()).select_from(Attempt)).one()
        demo.seed(session=session, settings=settings)  # idempotent
        assert session.exec(select(func.count()).select_from(Attempt)).one() == before
