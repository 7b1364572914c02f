"""Builders shared by the contests tests: a small bank, a published contest, members."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from models.accounts import Role
from models.contests import (
    ContestCreate,
    QuestionCreate,
    QuestionType,
    RegistrationCreate,
    RoundCreate,
)
from services.capabilities import SYSTEM
from services.contests import contests, publishing, registration
from services.contests.questions import create_category, create_question
from tests.fixtures import add_user

T0 = datetime(2026, 5, 15, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội


def make_bank(session: Session, *, singles: int = 8, multiples: int = 2, truefalse: int = 2) -> int:
    cat = create_category(actor=SYSTEM, session=session, name="Ngân hàng kiểm thử").id
    for i in range(singles):
        create_question(
            actor=SYSTEM,
            session=session,
            question_in=QuestionCreate(
                category_id=cat,
                qtype=QuestionType.SINGLE,
                text=f"Câu một đáp án số {i + 1}?",
                options=[
                    {"text": f"Đúng {i}", "correct": True},
                    {"text": f"Sai {i}a"},
                    {"text": f"Sai {i}b"},
                    {"text": f"Sai {i}c"},
                ],
                explanation=f"Giải thích {i}",
            ),
        )
    for i in range(multiples):
        create_question(
            actor=SYSTEM,
            session=session,
            question_in=QuestionCreate(
                category_id=cat,
                qtype=QuestionType.MULTIPLE,
                text=f"Câu nhiều đáp án số {i + 1}?",
                options=[
                    {"text": "Phải 1", "correct": True},
                    {"text": "Phải 2", "correct": True},
                    {"text": "Trái 1"},
                    {"text": "Trái 2"},
                ],
            ),
        )
    for i in range(truefalse):
        create_question(
            actor=SYSTEM,
            session=session,
            question_in=QuestionCreate(
                category_id=cat,
                qtype=QuestionType.TRUE_FALSE,
                text=f"Câu đúng sai số {i + 1}.",
                options=[{"text": "Đúng", "correct": True}, {"text": "Sai"}],
            ),
        )
    return cat


def make_contest(
    session: Session,
    *,
    questions: int = 10,
    minutes: int = 15,
    max_attempts: int = 1,
    review: str = "after_submit",
    opens: datetime = T0,
    hours: float = 24,
    **round_fields,
) -> tuple[int, int]:
    """A published contest with one round; returns (contest_id, round_id)."""
    cat = make_bank(session)
    contest = contests.create_contest(
        actor=SYSTEM,
        session=session,
        contest_in=ContestCreate(
            title="Cuộc thi kiểm thử", rules="Thể lệ", ask_phone_or_email=False
        ),
    )
    rnd = contests.create_round(
        actor=SYSTEM,
        session=session,
        round_in=RoundCreate(
            contest_id=contest.id,
            name="Tuần 1",
            opens_at=opens,
            closes_at=opens + timedelta(hours=hours),
            quotas={str(cat): questions},
            time_limit_minutes=minutes,
            max_attempts=max_attempts,
            review_policy=review,
            prediction_text="Bao nhiêu người đúng hết?",
            **round_fields,
        ),
    )
    publishing.publish_contest(actor=SYSTEM, session=session, contest_id=contest.id)
    return contest.id, rnd.id


def make_member(
    session: Session, contest_id: int, username: str, unit_id: int | None = None
) -> int:
    user = add_user(
        session, username, Role.MEMBER, full_name=f"Thí sinh {username}", unit_id=unit_id
    )
    registration.register(
        session=session,
        contest_id=contest_id,
        user_id=user.id,
        data=RegistrationCreate(full_name=f"Thí sinh {username.title()}"),
    )
    return user.id
