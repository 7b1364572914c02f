"""Changing a round members are taking (issue 13): the organiser is warned, told what happens
to the attempts already started, and must confirm; started attempts keep their deadline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from models.accounts import Role
from models.contests import Attempt, Round
from services.contests import attempts as contests_attempts
from tests.contests_helpers import make_contest, make_member


def _contests_tab(at):
    """Tabs run lazily: only the open one's body runs, so open the contests tab as a click does."""
    at.session_state["contests_manage_tab"] = "Cuộc thi và đợt thi"
    return at.run()


def _live_round(engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        opens = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=1)
        contest_id, round_id = make_contest(session, opens=opens, hours=48, minutes=15)
        user_id = make_member(session, contest_id, "dang_thi")
        attempt_id = contests_attempts.start_attempt(
            session=session, round_id=round_id, user_id=user_id
        )
        session.commit()
    return contest_id, round_id, attempt_id


def test_changing_a_running_round_warns_and_needs_confirmation(engine, run_page):
    contest_id, round_id, attempt_id = _live_round(engine)
    with Session(engine) as session:
        deadline = session.get(Attempt, attempt_id).deadline_at
    at = _contests_tab(run_page("contests_manage", Role.ORGANISER))
    next(s for s in at.selectbox if s.label == "Cuộc thi").set_value(contest_id).run()
    warnings = " ".join(w.value for w in at.warning)
    assert "1 người đang làm bài" in warnings
    assert "bài đang làm giữ nguyên bộ câu hỏi đã rút và hạn nộp" in warnings
    next(n for n in at.number_input if n.label == "Thời gian (phút)").set_value(30)
    next(b for b in at.button if b.label == "Lưu đợt thi").click().run()
    assert any("Chưa lưu: đợt thi đang diễn ra" in e.value for e in at.error)
    with Session(engine) as session:
        assert session.get(Round, round_id).time_limit_minutes == 15

    next(c for c in at.checkbox if c.label.startswith("Tôi hiểu, vẫn lưu")).check()
    next(n for n in at.number_input if n.label == "Thời gian (phút)").set_value(30)
    next(b for b in at.button if b.label == "Lưu đợt thi").click().run()
    assert not at.exception
    with Session(engine) as session:
        assert session.get(Round, round_id).time_limit_minutes == 30
        # what the warning promised: the attempt already started keeps its deadline
        assert session.get(Attempt, attempt_id).deadline_at == deadline
