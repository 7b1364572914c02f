"""Where a new round's form starts, with the clock pinned to the awkward instants of an organiser
working near midnight in Việt Nam (the server itself usually runs in UTC)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models.contests import ContestCreate, QuestionCreate, QuestionType, RoundCreate
from services.capabilities import SYSTEM
from services.contests import contests, publishing, questions
from services.vi import LOCAL_TZ, local_today

# (local instant, the local day a fresh round should open on)
AWKWARD = [
    (datetime(2026, 12, 2, 23, 30, tzinfo=LOCAL_TZ), datetime(2026, 12, 3, 7, 0, tzinfo=LOCAL_TZ)),
    (datetime(2026, 12, 3, 0, 30, tzinfo=LOCAL_TZ), datetime(2026, 12, 4, 7, 0, tzinfo=LOCAL_TZ)),
    (datetime(2026, 12, 3, 6, 59, tzinfo=LOCAL_TZ), datetime(2026, 12, 4, 7, 0, tzinfo=LOCAL_TZ)),
    (datetime(2026, 11, 30, 23, 45, tzinfo=LOCAL_TZ), datetime(2026, 12, 1, 7, 0, tzinfo=LOCAL_TZ)),
    (datetime(2026, 12, 31, 23, 59, tzinfo=LOCAL_TZ), datetime(2027, 1, 1, 7, 0, tzinfo=LOCAL_TZ)),
    (datetime(2027, 2, 28, 0, 10, tzinfo=LOCAL_TZ), datetime(2027, 3, 1, 7, 0, tzinfo=LOCAL_TZ)),
]


@pytest.mark.parametrize(
    ("local_moment", "expected_opens"), AWKWARD, ids=[m.strftime("%d/%m %H:%M") for m, _ in AWKWARD]
)
def test_a_fresh_round_opens_tomorrow_morning_in_vietnam(local_moment, expected_opens):
    now = local_moment.astimezone(UTC)  # what the server's clock says
    opens, closes = contests.default_round_window(now=now)
    assert opens == expected_opens
    assert opens > now
    assert closes - opens == timedelta(days=7)
    assert local_today(now) == local_moment.date()  # "today" is Việt Nam's, not the server's


@pytest.mark.parametrize(
    "local_moment", [m for m, _ in AWKWARD], ids=[m.strftime("%d/%m %H:%M") for m, _ in AWKWARD]
)
def test_the_next_round_starts_where_the_last_one_closes(local_moment):
    now = local_moment.astimezone(UTC)
    previous_closes = now + timedelta(minutes=30)
    assert (
        contests.default_round_window(previous_closes=previous_closes, now=now)[0]
        == previous_closes
    )
    # A previous round that has already closed does not drag the new one into the past.
    opens, _ = contests.default_round_window(previous_closes=now - timedelta(days=1), now=now)
    assert opens > now


@pytest.mark.db
@pytest.mark.parametrize(
    "local_moment",
    [m for m, _ in AWKWARD[:3]],
    ids=[m.strftime("%d/%m %H:%M") for m, _ in AWKWARD[:3]],
)
def test_two_rounds_on_the_defaults_pass_the_publish_checks(session, local_moment):
    now = local_moment.astimezone(UTC)
    cat = questions.create_category(actor=SYSTEM, session=session, name="Nhóm kiểm thử").id
    for i in range(3):
        questions.create_question(
            actor=SYSTEM,
            session=session,
            question_in=QuestionCreate(
                category_id=cat,
                qtype=QuestionType.SINGLE,
                text=f"Câu hỏi số {i + 1}?",
                options=[{"text": "Đúng", "correct": True}, {"text": "Sai"}],
            ),
        )
    contest = contests.create_contest(
        actor=SYSTEM,
        session=session,
        contest_in=ContestCreate(
            title="Cuộc thi lúc nửa đêm", rules="Thể lệ", ask_phone_or_email=False
        ),
    )
    previous = None
    for order in (1, 2):
        opens, closes = contests.default_round_window(previous_closes=previous, now=now)
        contests.create_round(
            actor=SYSTEM,
            session=session,
            round_in=RoundCreate(
                contest_id=contest.id,
                sort_order=order,
                name=f"Tuần thi thứ {order}",
                opens_at=opens,
                closes_at=closes,
                quotas={str(cat): 3},
                prediction_text="Bao nhiêu người trả lời đúng hết?",
            ),
        )
        previous = closes
    assert publishing.publish_problems(actor=SYSTEM, session=session, contest_id=contest.id) == []
