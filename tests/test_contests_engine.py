"""The attempt engine against a real database: storing, resuming, deadlines, submissions,
limits, review policy, and the same under parallel requests (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import random
import threading
from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from models.contests import Attempt, AttemptItem, AttemptStatus
from models.db import make_engine, session_scope
from services.capabilities import SYSTEM
from services.contests import attempts as A
from services.contests import results as R
from services.errors import NotFound, UserError
from tests.contests_helpers import T0, make_contest, make_member

NOW = T0 + timedelta(hours=1)


def _items(session, attempt_id):
    return session.exec(
        select(AttemptItem)
        .where(AttemptItem.attempt_id == attempt_id)
        .order_by(AttemptItem.position)
    ).all()


def _setup(session, **kw):
    contest_id, round_id = make_contest(session, **kw)
    user_id = make_member(session, contest_id, "nguoithi")
    return contest_id, round_id, user_id


def test_start_stores_questions_order_and_deadline(session):
    _, round_id, user_id = _setup(session, minutes=15)
    attempt_id = A.start_attempt(
        session=session, round_id=round_id, user_id=user_id, now=NOW, rng=random.Random(1)
    )
    attempt = session.get(Attempt, attempt_id)
    assert A.utc(attempt.deadline_at) == NOW + timedelta(minutes=15)
    items = _items(session, attempt_id)
    assert len(items) == 10 and len({i.question_id for i in items}) == 10
    assert all(sorted(i.option_order) == list(range(len(i.option_order))) for i in items)

    # Resume from "another device": same attempt, same questions, same order, same deadline.
    again = A.start_attempt(
        session=session,
        round_id=round_id,
        user_id=user_id,
        now=NOW + timedelta(minutes=5),
        rng=random.Random(99),
    )
    assert again == attempt_id
    view1 = A.attempt_view(session=session, attempt_id=attempt_id, user_id=user_id, now=NOW)
    view2 = A.attempt_view(
        session=session, attempt_id=attempt_id, user_id=user_id, now=NOW + timedelta(minutes=5)
    )
    assert view1.questions == view2.questions
    assert view2.deadline_at == NOW + timedelta(minutes=15)


def test_deadline_is_capped_by_round_close(session):
    _, round_id, user_id = _setup(session, minutes=30, hours=1)
    late = T0 + timedelta(minutes=50)
    attempt_id = A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=late)
    assert A.utc(session.get(Attempt, attempt_id).deadline_at) == T0 + timedelta(hours=1)


def test_view_objects_carry_no_key(session):
    _, round_id, user_id = _setup(session, review="after_close")
    attempt_id = A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW)
    view = A.attempt_view(session=session, attempt_id=attempt_id, user_id=user_id, now=NOW)
    for q in view.questions:
        fields = {f.name for f in dataclasses.fields(q)}
        assert "correct" not in str(fields)
        for option in q.options:
            assert {f.name for f in dataclasses.fields(option)} == {"id", "label", "text"}
    assert "correct" not in repr(view).replace("correct_count", "")
    A.submit_attempt(session=session, attempt_id=attempt_id, user_id=user_id, now=NOW)
    result = A.attempt_result(session=session, attempt_id=attempt_id, user_id=user_id, now=NOW)
    assert not result.review_allowed and result.review == ()
    assert "sau khi đợt thi kết thúc" in result.review_note
    after = A.attempt_result(
        session=session, attempt_id=attempt_id, user_id=user_id, now=T0 + timedelta(days=2)
    )
    assert after.review_allowed and len(after.review) == 10


def test_answers_saved_immediately_and_graded(session):
    _, round_id, user_id = _setup(session)
    attempt_id = A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW)
    items = _items(session, attempt_id)
    from models.contests import Question

    right = 0
    for item in items[:6]:
        q = session.get(Question, item.question_id)
        key = [i for i, o in enumerate(q.options) if o.get("correct")]
        A.save_answer(
            session=session,
            attempt_id=attempt_id,
            user_id=user_id,
            position=item.position,
            selected=key,
            now=NOW,
        )
        right += 1
    view = A.attempt_view(session=session, attempt_id=attempt_id, user_id=user_id, now=NOW)
    assert view.answered == 6
    assert A.submit_attempt(
        session=session, attempt_id=attempt_id, user_id=user_id, now=NOW + timedelta(minutes=3)
    )
    attempt = session.get(Attempt, attempt_id)
    assert attempt.score == right and attempt.correct_count == right
    assert attempt.duration_seconds == 180
    # A second submission changes nothing.
    assert not A.submit_attempt(
        session=session, attempt_id=attempt_id, user_id=user_id, now=NOW + timedelta(minutes=9)
    )
    assert session.get(Attempt, attempt_id).duration_seconds == 180
    with pytest.raises(UserError, match="đã được nộp"):
        A.save_answer(
            session=session,
            attempt_id=attempt_id,
            user_id=user_id,
            position=1,
            selected=[0],
            now=NOW + timedelta(minutes=4),
        )


def test_single_choice_refuses_two_options_and_foreign_attempts(session):
    contest_id, round_id, user_id = _setup(session, questions=12)
    other = make_member(session, contest_id, "nguoikhac")
    attempt_id = A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW)
    view = A.attempt_view(session=session, attempt_id=attempt_id, user_id=user_id, now=NOW)
    single = next(q for q in view.questions if q.qtype == "single")
    with pytest.raises(UserError, match="một phương án"):
        A.save_answer(
            session=session,
            attempt_id=attempt_id,
            user_id=user_id,
            position=single.position,
            selected=[0, 1],
            now=NOW,
        )
    with pytest.raises(UserError, match="không phải của bạn"):
        A.attempt_view(session=session, attempt_id=attempt_id, user_id=other, now=NOW)


def test_answer_after_deadline_refused_and_server_submits(session):
    _, round_id, user_id = _setup(session, minutes=10)
    attempt_id = A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW)
    A.save_answer(
        session=session,
        attempt_id=attempt_id,
        user_id=user_id,
        position=1,
        selected=[0],
        now=NOW + timedelta(minutes=9),
    )
    too_late = NOW + timedelta(minutes=10, seconds=30)
    with pytest.raises(UserError, match="Đã hết giờ làm bài"):
        A.save_answer(
            session=session,
            attempt_id=attempt_id,
            user_id=user_id,
            position=2,
            selected=[0],
            now=too_late,
        )
    # Nobody comes back: the background sweep submits it at the deadline.
    assert A.close_overdue_attempts(session=session, now=too_late) == 1
    attempt = session.get(Attempt, attempt_id)
    session.refresh(attempt)
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.auto_submitted
    assert A.utc(attempt.submitted_at) == NOW + timedelta(minutes=10)
    assert attempt.duration_seconds == 600
    assert A.close_overdue_attempts(session=session, now=too_late) == 0


def test_attempt_limit_and_counting(session):
    _, round_id, user_id = _setup(session, max_attempts=2)
    first = A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW)
    A.submit_attempt(session=session, attempt_id=first, user_id=user_id, now=NOW)
    second = A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW)
    assert second != first
    A.submit_attempt(session=session, attempt_id=second, user_id=user_id, now=NOW)
    with pytest.raises(UserError, match="hết 2 lượt"):
        A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW)


@pytest.mark.parametrize(
    ("late", "resumed"),
    [
        (timedelta(minutes=10) + A.GRACE - timedelta(seconds=1), True),  # inside the grace
        (timedelta(minutes=10) + A.GRACE, False),  # the grace is over: submitted, a new one
        (timedelta(minutes=30), False),
    ],
)
def test_start_after_leaving_an_attempt_resumes_or_submits_it(session, late, resumed):
    _, round_id, user_id = _setup(session, minutes=10, max_attempts=2)
    first = A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW)
    again = A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW + late)
    old = session.get(Attempt, first)
    session.refresh(old)
    if resumed:
        assert again == first and old.status == AttemptStatus.OPEN
        return
    assert again != first
    assert old.status == AttemptStatus.SUBMITTED and old.auto_submitted
    assert session.get(Attempt, again).number == 2
    A.submit_attempt(session=session, attempt_id=again, user_id=user_id, now=NOW + late)
    with pytest.raises(UserError, match="hết 2 lượt"):
        A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW + late)


def test_round_window_and_registration(session):
    contest_id, round_id = make_contest(session)
    from tests.fixtures import add_user

    stranger = add_user(session, "chuadangky")
    with pytest.raises(UserError, match="đăng ký"):
        A.start_attempt(session=session, round_id=round_id, user_id=stranger.id, now=NOW)
    user_id = make_member(session, contest_id, "dungio")
    with pytest.raises(UserError, match="chưa mở"):
        A.start_attempt(
            session=session, round_id=round_id, user_id=user_id, now=T0 - timedelta(minutes=1)
        )
    with pytest.raises(UserError, match="đã kết thúc"):
        A.start_attempt(
            session=session, round_id=round_id, user_id=user_id, now=T0 + timedelta(days=2)
        )


def _unpublish(session, contest_id):
    from models.contests import Contest, ContestStatus

    contest = session.get(Contest, contest_id)
    contest.status = ContestStatus.DRAFT
    session.add(contest)
    session.flush()


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ("missing round", NotFound, "Không tìm thấy đợt thi"),
        ("draft contest", UserError, "chưa được công bố"),
    ],
)
def test_a_start_is_refused_with_its_reason(session, change, error, message):
    contest_id, round_id, user_id = _setup(session)
    if change == "missing round":
        round_id += 1000
    else:
        _unpublish(session, contest_id)
    with pytest.raises(error, match=message):
        A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW)
    assert session.exec(select(Attempt)).all() == []


def test_database_refuses_a_second_open_attempt(session):
    _, round_id, user_id = _setup(session, max_attempts=0)
    A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW)
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(
            Attempt(round_id=round_id, user_id=user_id, number=2, started_at=NOW, deadline_at=NOW)
        )
        session.flush()


def test_regrade_after_key_fix_and_not_twice(session):
    from models.contests import Question, QuestionUpdate
    from services.contests import questions

    _, round_id, user_id = _setup(session)
    attempt_id = A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW)
    item = session.exec(
        select(AttemptItem).where(AttemptItem.attempt_id == attempt_id, AttemptItem.position == 1)
    ).one()
    q = session.get(Question, item.question_id)
    wrong = next(i for i, o in enumerate(q.options) if not o.get("correct"))
    A.save_answer(
        session=session,
        attempt_id=attempt_id,
        user_id=user_id,
        position=1,
        selected=[wrong],
        now=NOW,
    )
    A.submit_attempt(session=session, attempt_id=attempt_id, user_id=user_id, now=NOW)
    assert session.get(Attempt, attempt_id).score == 0
    fixed = [{**o, "correct": i == wrong} for i, o in enumerate(q.options)]
    questions.update_question(
        actor=SYSTEM, session=session, question_id=q.id, question_in=QuestionUpdate(options=fixed)
    )
    R.begin_regrade(actor=SYSTEM, session=session, round_id=round_id, now=NOW)
    with pytest.raises(UserError, match="đang được chấm lại"):
        R.begin_regrade(actor=SYSTEM, session=session, round_id=round_id, now=NOW)
    last = R.regrade_batch(actor=SYSTEM, session=session, round_id=round_id)
    assert R.regrade_batch(actor=SYSTEM, session=session, round_id=round_id, after_id=last) is None
    R.end_regrade(actor=SYSTEM, session=session, round_id=round_id)
    attempt = session.get(Attempt, attempt_id)
    session.refresh(attempt)
    assert attempt.score == 1
    assert R.regrade_round(actor=SYSTEM, session=session, round_id=round_id, now=NOW) == 1


# --- parallel requests: separate engines and sessions, like separate app processes ---------------


def _parallel(settings, count, work):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run(index):
        engine = make_engine(settings.database_url)
        try:
            barrier.wait()
            with session_scope(engine) as s:
                results.append(work(s, index))
        except Exception as exc:
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results, errors


def test_parallel_starts_make_one_attempt(engine, settings):
    with session_scope(engine) as s:
        _, round_id, user_id = _setup(s, max_attempts=3)
    results, errors = _parallel(
        settings,
        6,
        lambda s, i: A.start_attempt(session=s, round_id=round_id, user_id=user_id, now=NOW),
    )
    assert not errors, errors
    assert len(set(results)) == 1
    with session_scope(engine) as s:
        rows = s.exec(select(Attempt).where(Attempt.round_id == round_id)).all()
        assert len(rows) == 1


def test_parallel_starts_respect_the_limit(engine, settings):
    with session_scope(engine) as s:
        _, round_id, user_id = _setup(s, max_attempts=1)
        first = A.start_attempt(session=s, round_id=round_id, user_id=user_id, now=NOW)
        A.submit_attempt(session=s, attempt_id=first, user_id=user_id, now=NOW)
    results, errors = _parallel(
        settings,
        5,
        lambda s, i: A.start_attempt(session=s, round_id=round_id, user_id=user_id, now=NOW),
    )
    assert not results
    assert len(errors) == 5 and all(isinstance(e, UserError) for e in errors)
    with session_scope(engine) as s:
        assert len(s.exec(select(Attempt).where(Attempt.round_id == round_id)).all()) == 1


def test_parallel_submits_make_one_submission(engine, settings):
    with session_scope(engine) as s:
        _, round_id, user_id = _setup(s)
        attempt_id = A.start_attempt(session=s, round_id=round_id, user_id=user_id, now=NOW)
    results, errors = _parallel(
        settings,
        6,
        lambda s, i: A.submit_attempt(
            session=s, attempt_id=attempt_id, user_id=user_id, now=NOW + timedelta(seconds=30 + i)
        ),
    )
    assert not errors, errors
    assert results.count(True) == 1 and results.count(False) == 5
    with session_scope(engine) as s:
        attempt = s.get(Attempt, attempt_id)
        assert attempt.status == AttemptStatus.SUBMITTED and attempt.open_slot is None


def test_parallel_answers_and_submit_lose_nothing(engine, settings):
    """Answers racing a submission are either graded or refused, never silently dropped."""
    with session_scope(engine) as s:
        _, round_id, user_id = _setup(s)
        attempt_id = A.start_attempt(session=s, round_id=round_id, user_id=user_id, now=NOW)

    def work(s, i):
        if i == 0:
            return (
                "submit",
                A.submit_attempt(session=s, attempt_id=attempt_id, user_id=user_id, now=NOW),
            )
        try:
            A.save_answer(
                session=s, attempt_id=attempt_id, user_id=user_id, position=i, selected=[0], now=NOW
            )
            return ("saved", i)
        except UserError:
            return ("refused", i)

    results, errors = _parallel(settings, 6, work)
    assert not errors, errors
    saved = {i for kind, i in results if kind == "saved"}
    with session_scope(engine) as s:
        items = s.exec(select(AttemptItem).where(AttemptItem.attempt_id == attempt_id)).all()
        stored = {i.position for i in items if i.selected}
        assert stored == saved
        graded_as_answered = {i.position for i in items if i.selected}
        assert graded_as_answered == saved


def _units_for(session, contest_id):
    """A parent unit with one child, and another unit; the contest is for the parent's tree."""
    from models.accounts import Unit
    from models.contests import ContestUpdate
    from services.contests import contests

    parent = Unit(name="Đảng bộ thử", headcount=10)
    session.add(parent)
    session.flush()
    child = Unit(name="Chi bộ thử", parent_id=parent.id, headcount=5)
    other = Unit(name="Đơn vị khác", headcount=5)
    session.add_all([child, other])
    session.flush()
    contests.update_contest(
        actor=SYSTEM,
        session=session,
        contest_id=contest_id,
        contest_in=ContestUpdate(eligible_unit_ids=[parent.id]),
    )
    return parent, child, other


def test_organiser_registers_units_and_eligibility(session):
    from models.contests import ContestUpdate
    from services.contests import contests, registration
    from tests.fixtures import add_user

    contest_id, _ = make_contest(session)
    parent, child, other = _units_for(session, contest_id)
    inside = add_user(session, "trongdonvi", unit_id=child.id)
    outside = add_user(session, "ngoaidonvi", unit_id=other.id)
    assert (
        registration.register_units(
            actor=SYSTEM, session=session, contest_id=contest_id, unit_ids=[parent.id]
        )
        == 1
    )
    assert (
        registration.register_units(
            actor=SYSTEM, session=session, contest_id=contest_id, unit_ids=[parent.id]
        )
        == 0
    )
    assert (
        registration.get_registration(session=session, contest_id=contest_id, user_id=inside.id)
        is not None
    )
    from models.contests import RegistrationCreate

    with pytest.raises(UserError, match="không thuộc đối tượng"):
        registration.register(
            session=session,
            contest_id=contest_id,
            user_id=outside.id,
            data=RegistrationCreate(full_name="Người Ngoài"),
        )
    with pytest.raises(UserError, match="12 chữ số"):
        contests.update_contest(
            actor=SYSTEM,
            session=session,
            contest_id=contest_id,
            contest_in=ContestUpdate(eligible_unit_ids=[], ask_cccd=True),
        )
        registration.register(
            session=session,
            contest_id=contest_id,
            user_id=outside.id,
            data=RegistrationCreate(full_name="Người Ngoài", cccd="12ab"),
        )


def test_question_image_reaches_the_view_but_no_key(session, settings, tmp_path):
    import io

    from PIL import Image

    from models.contests import Question, QuestionUpdate
    from services.contests import questions
    from services.media import process_image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (179, 0, 27)).save(buffer, format="PNG")
    stored = process_image(
        data=buffer.getvalue(), file_name="bac-ho.png", media_dir=settings.media_dir
    )
    _, round_id, user_id = _setup(session, questions=12)  # every question is drawn
    first = session.exec(select(Question)).first()
    questions.update_question(
        actor=SYSTEM,
        session=session,
        question_id=first.id,
        question_in=QuestionUpdate(image_path=stored.card),
    )
    attempt_id = A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW)
    view = A.attempt_view(session=session, attempt_id=attempt_id, user_id=user_id, now=NOW)
    with_image = [q for q in view.questions if q.image_path]
    assert len(with_image) == 1
    assert (settings.media_dir / with_image[0].image_path).is_file()


def _trial_round(session, contest_id, official):
    """A trial round of the contest, open on the first day, drawing as the official one does."""
    from models.contests import RoundCreate
    from services.contests import contests

    return contests.create_round(
        actor=SYSTEM,
        session=session,
        round_in=RoundCreate(
            contest_id=contest_id,
            name="Thi thử",
            is_trial=True,
            opens_at=T0,
            closes_at=T0 + timedelta(days=1),
            quotas=official.quotas,
            prediction_enabled=False,
        ),
    )


def test_trial_results_are_wiped_when_the_official_round_starts(session):
    from models.contests import Round
    from services.contests import publishing

    contest_id, official_id = make_contest(session, opens=T0 + timedelta(days=2))
    user_id = make_member(session, contest_id, "thithu")
    official = session.get(Round, official_id)
    trial = _trial_round(session, contest_id, official)
    tried = A.start_attempt(session=session, round_id=trial.id, user_id=user_id, now=NOW)
    A.submit_attempt(session=session, attempt_id=tried, user_id=user_id, now=NOW)
    assert publishing.publish_problems(actor=SYSTEM, session=session, contest_id=contest_id) == []
    A.start_attempt(
        session=session, round_id=official_id, user_id=user_id, now=T0 + timedelta(days=2, hours=1)
    )
    assert session.exec(select(Attempt).where(Attempt.round_id == trial.id)).all() == []
    assert (
        R.round_ranking(
            session=session, actor=SYSTEM, round_id=official_id, now=T0 + timedelta(days=2, hours=1)
        ).rows
        == ()
    )


def test_round_may_rank_with_its_own_chain(session):
    from models.contests import RoundUpdate
    from services.contests import contests

    contest_id, round_id = make_contest(session, prediction_enabled=False)
    fast = make_member(session, contest_id, "nhanh")
    good = make_member(session, contest_id, "gioi")
    for uid, minutes, answers in ((fast, 1, 0), (good, 5, 3)):
        attempt_id = A.start_attempt(session=session, round_id=round_id, user_id=uid, now=NOW)
        items = session.exec(
            select(AttemptItem)
            .where(AttemptItem.attempt_id == attempt_id)
            .order_by(AttemptItem.position)
        ).all()
        from models.contests import Question

        for item in items[:answers]:
            q = session.get(Question, item.question_id)
            key = [i for i, o in enumerate(q.options) if o.get("correct")]
            A.save_answer(
                session=session,
                attempt_id=attempt_id,
                user_id=uid,
                position=item.position,
                selected=key,
                now=NOW,
            )
        A.submit_attempt(
            session=session,
            attempt_id=attempt_id,
            user_id=uid,
            now=NOW + timedelta(minutes=minutes),
        )
    default = R.round_ranking(session=session, actor=SYSTEM, round_id=round_id, now=NOW)
    assert [r.entry.user_id for r in default.rows] == [good, fast]
    contests.update_round(
        actor=SYSTEM,
        session=session,
        round_id=round_id,
        round_in=RoundUpdate(ranking_chain=["duration", "score"]),
    )
    own = R.round_ranking(session=session, actor=SYSTEM, round_id=round_id, now=NOW)
    assert [r.entry.user_id for r in own.rows] == [fast, good]
    assert "nhanh hơn 4 phút" in own.rows[0].explanation
    with pytest.raises(UserError, match="Tiêu chí xếp hạng"):
        contests.update_round(
            actor=SYSTEM,
            session=session,
            round_id=round_id,
            round_in=RoundUpdate(ranking_chain=["may_man"]),
        )


def test_member_sees_own_standing_after_close(session):
    _, round_id, user_id = _setup(session)
    attempt_id = A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW)
    A.submit_attempt(session=session, attempt_id=attempt_id, user_id=user_id, now=NOW)
    assert R.my_standing(session=session, round_id=round_id, user_id=user_id, now=NOW) is None
    later = T0 + timedelta(days=2)
    standing = R.my_standing(session=session, round_id=round_id, user_id=user_id, now=later)
    assert standing.rank == 1 and standing.total == 1
    result = A.attempt_result(session=session, attempt_id=attempt_id, user_id=user_id, now=later)
    assert result.round_closed and result.round_id == round_id


def test_a_new_contest_is_credited_to_the_actor_who_creates_it(session):
    from models.accounts import Role
    from models.contests import Contest, ContestCreate
    from services.contests import contests
    from tests.fixtures import add_user

    organiser = add_user(session, "tochuc_moi", Role.ORGANISER)
    made = contests.create_contest(
        session=session, actor=organiser, contest_in=ContestCreate(title="Cuộc thi mới")
    )
    assert session.get(Contest, made.id).created_by == organiser.id
    by_app = contests.create_contest(
        session=session, actor=SYSTEM, contest_in=ContestCreate(title="Cuộc thi của hệ thống")
    )
    assert session.get(Contest, by_app.id).created_by is None


def test_results_of_a_missing_contest_or_round_are_not_found(session):
    """One lookup for rounds and contests: every result names what is missing (unit prizes
    used to fail on the missing contest's attribute instead)."""
    _setup(session)
    for call in (
        lambda: R.unit_prizes(session=session, actor=SYSTEM, contest_id=9_999),
        lambda: R.overall_ranking(session=session, actor=SYSTEM, contest_id=9_999, now=T0),
        lambda: R.round_ranking(session=session, actor=SYSTEM, round_id=9_999, now=T0),
        lambda: R.item_statistics(session=session, actor=SYSTEM, round_id=9_999),
    ):
        with pytest.raises(NotFound):
            call()


def test_updates_check_the_row_as_it_would_be_and_store_normalised_values(session):
    from datetime import UTC, datetime

    from models.contests import ContestUpdate, Round, RoundUpdate
    from services.contests import contests

    contest_id, round_id, _ = _setup(session)
    with pytest.raises(UserError, match="Vui lòng nhập tên cuộc thi."):
        contests.update_contest(
            actor=SYSTEM,
            session=session,
            contest_id=contest_id,
            contest_in=ContestUpdate(title=" "),
        )
    renamed = contests.update_contest(
        actor=SYSTEM, session=session, contest_id=contest_id, contest_in=ContestUpdate(title="Mới")
    )
    assert renamed.title == "Mới"
    rnd = session.get(Round, round_id)
    with pytest.raises(UserError, match="Thời điểm đóng phải sau thời điểm mở."):
        contests.update_round(
            actor=SYSTEM,
            session=session,
            round_id=round_id,
            round_in=RoundUpdate(closes_at=rnd.opens_at - timedelta(hours=1)),
        )
    opens = datetime(2030, 5, 1, 8, 0, tzinfo=UTC)
    updated = contests.update_round(
        actor=SYSTEM,
        session=session,
        round_id=round_id,
        round_in=RoundUpdate(
            opens_at=opens, closes_at=opens + timedelta(days=2), quotas={"1": 3, "2": 0}
        ),
    )
    assert updated.quotas == {"1": 3}
    assert updated.opens_at.replace(tzinfo=UTC) == opens


def test_a_trial_round_still_open_is_not_wiped_by_an_official_start(session):
    from models.contests import Round

    contest_id, official_id = make_contest(session)
    user_id = make_member(session, contest_id, "thithu2")
    official = session.get(Round, official_id)
    trial = _trial_round(session, contest_id, official)
    tried = A.start_attempt(session=session, round_id=trial.id, user_id=user_id, now=NOW)
    A.submit_attempt(session=session, attempt_id=tried, user_id=user_id, now=NOW)
    A.start_attempt(session=session, round_id=official_id, user_id=user_id, now=NOW)
    assert [a.id for a in session.exec(select(Attempt).where(Attempt.round_id == trial.id))] == [
        tried
    ]
    assert session.get(Round, trial.id).trial_wiped_at is None


def test_member_overview_shows_each_contest_as_this_person_sees_it(session):
    """The member's list: newest published contest first, eligibility through the unit tree,
    registration, and per round the attempts used, the open one and the submitted ones."""
    from tests.fixtures import add_user

    older_id, older_round = make_contest(session, max_attempts=3)
    newer_id, _ = make_contest(session)
    _parent, child, other = _units_for(session, newer_id)
    inside = make_member(session, older_id, "trongcay", unit_id=child.id)
    outside = add_user(session, "ngoaicay", unit_id=other.id).id
    done = A.start_attempt(session=session, round_id=older_round, user_id=inside, now=NOW)
    A.submit_attempt(session=session, attempt_id=done, user_id=inside, now=NOW)
    running = A.start_attempt(session=session, round_id=older_round, user_id=inside, now=NOW)

    cards = A.member_overview(session=session, user_id=inside, now=NOW)
    assert [c.contest_id for c in cards] == [newer_id, older_id]
    newer, older = cards
    assert (newer.eligible, newer.registered) == (True, False)
    assert (older.eligible, older.registered) == (True, True)
    (card,) = older.rounds
    assert (card.round_id, card.state, card.question_count) == (older_round, "open", 10)
    assert (card.attempts_used, card.open_attempt_id, card.submitted_attempt_ids) == (
        2,
        running,
        (done,),
    )
    assert card.can_start
    assert [c.eligible for c in A.member_overview(session=session, user_id=outside, now=NOW)] == [
        False,
        True,
    ]


@pytest.mark.parametrize("scoring", ["all_or_nothing", "proportional", "weights"])
def test_the_submission_grades_as_a_regrade_would(session, scoring):
    """The submission grades in Core statements of its own; a regrade (`grade_attempt`) of the
    same answers must give every item the same credit and the attempt the same score."""
    from models.contests import Question

    _, round_id, user_id = _setup(session, multiple_scoring=scoring)
    attempt_id = A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW)
    items = _items(session, attempt_id)
    for n, item in enumerate(items[:-1]):  # the last stays unanswered
        q = session.get(Question, item.question_id)
        right = [i for i, o in enumerate(q.options) if o.get("correct")]
        wrong = [i for i, o in enumerate(q.options) if not o.get("correct")]
        many = q.qtype == "multiple"
        picked = right[:1] if many and n % 2 else (right if n % 3 else wrong[:1])
        A.save_answer(
            session=session,
            attempt_id=attempt_id,
            user_id=user_id,
            position=item.position,
            selected=picked if many else picked[:1],
            now=NOW,
        )
    assert A.submit_attempt(
        session=session, attempt_id=attempt_id, user_id=user_id, now=NOW + timedelta(minutes=2)
    )
    session.expire_all()
    graded = session.get(Attempt, attempt_id)
    credits = [i.credit for i in _items(session, attempt_id)]
    submitted = (graded.score, graded.correct_count, graded.max_score, graded.duration_seconds)
    assert graded.max_score == len(items) and graded.duration_seconds == 120
    A.grade_attempt(session=session, attempt=graded)
    session.expire_all()
    again = session.get(Attempt, attempt_id)
    assert (again.score, again.correct_count, again.max_score, again.duration_seconds) == submitted
    assert [i.credit for i in _items(session, attempt_id)] == credits
    assert 0 < graded.score < len(items)
