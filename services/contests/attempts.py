"""The attempt engine: start, resume, answer, submit, auto-submit at the deadline, result.

Integrity, in the order members notice it:
- Starting stores the drawn questions, their order, each option order and the deadline.
- Every answer is one small UPDATE, made only while the attempt is open and before its deadline
  (plus a short grace for the network); the attempt row is locked first, so a submission that
  races an answer either includes it or refuses it, never loses it silently.
- One open attempt per person and round, and the attempt limit, are unique constraints.
- Submitting is a conditional UPDATE ... WHERE status = 'open': a double click, two tabs or the
  server's own sweep make exactly one submission.
- The views handed to the page carry no correctness at all; the key only appears in a
  `ResultView` when the round's review policy allows it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, insert, update
from sqlalchemy import select as _core_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from models.accounts import User
from models.contests import (
    Attempt,
    AttemptItem,
    AttemptStatus,
    Contest,
    ContestStatus,
    CountingRule,
    Question,
    QuestionType,
    Registration,
    ReviewPolicy,
    Round,
)
from services.capabilities import Actor, Capability, require
from services.contests.clock import now_utc, utc
from services.contests.grading import draw_questions, grade_item, option_order
from services.contests.questions import quota_pools
from services.contests.registration import is_eligible
from services.errors import AttemptClosed, InvalidInput, NotFound, PermissionDenied, UserError
from services.vi import to_local

# An answer sent in the last instant still counts if it reaches the server this soon after.
GRACE = timedelta(seconds=3)
LETTERS = "ABCDEFGHIJ"


# --- what the member's page receives -------------------------------------------------------------


@dataclass(frozen=True)
class OptionView:
    id: int
    label: str
    text: str


@dataclass(frozen=True)
class QuestionView:
    """A question as shown while taking: text and options only, never which one is right."""

    position: int
    qtype: str
    text: str
    options: tuple[OptionView, ...]
    image_path: str | None = None

    @property
    def multiple(self) -> bool:
        return self.qtype == QuestionType.MULTIPLE


@dataclass(frozen=True)
class AttemptView:
    attempt_id: int
    round_id: int
    contest_id: int
    contest_title: str
    round_name: str
    number: int
    status: str
    started_at: datetime
    deadline_at: datetime
    questions: tuple[QuestionView, ...]
    selected: dict[int, tuple[int, ...]]
    prediction_enabled: bool
    prediction_text: str
    prediction: int | None

    @property
    def deadline_ms(self) -> int:
        return int(self.deadline_at.timestamp() * 1000)

    @property
    def is_open(self) -> bool:
        return self.status == AttemptStatus.OPEN

    @property
    def answered(self) -> int:
        return sum(1 for v in self.selected.values() if v)


@dataclass(frozen=True)
class ReviewOption:
    id: int
    label: str
    text: str
    correct: bool
    chosen: bool
    feedback: str = ""


@dataclass(frozen=True)
class ReviewItem:
    position: int
    qtype: str
    text: str
    options: tuple[ReviewOption, ...]
    credit: float
    explanation: str


@dataclass(frozen=True)
class ResultView:
    attempt_id: int
    round_id: int
    round_closed: bool
    round_name: str
    contest_title: str
    number: int
    score: float
    max_score: float
    correct_count: int
    total: int
    answered: int
    duration_seconds: float
    submitted_at: datetime
    auto_submitted: bool
    prediction: int | None
    review_allowed: bool
    review_note: str
    review: tuple[ReviewItem, ...] = field(default_factory=tuple)


# --- helpers -------------------------------------------------------------------------------------


_ATTEMPT_T, _ITEM_T = Attempt.__table__, AttemptItem.__table__
_ROUND_T, _CONTEST_T, _REG_T = Round.__table__, Contest.__table__, Registration.__table__
_QUESTION_T, _USER_T = Question.__table__, User.__table__
_ATTEMPT, _ITEM = _ATTEMPT_T.c, _ITEM_T.c
_R, _C, _REG, _QUESTION = _ROUND_T.c, _CONTEST_T.c, _REG_T.c, _QUESTION_T.c
# The statements of an answer click, built once (Core, on the tables, parameters bound by name).
_LOCK_OPEN = (
    update(_ATTEMPT_T)
    .where(
        _ATTEMPT.id == bindparam("b_attempt_id"),
        _ATTEMPT.user_id == bindparam("b_user_id"),
        _ATTEMPT.status == AttemptStatus.OPEN,
    )
    .values(last_seen_at=bindparam("b_now", type_=_ATTEMPT.last_seen_at.type))
    .returning(_ATTEMPT.deadline_at)
)
_ITEM_AT = _core_select(_ITEM.id, _ITEM.option_order, _ITEM.question_id).where(
    _ITEM.attempt_id == bindparam("attempt_id"), _ITEM.position == bindparam("position")
)
_STORE_ANSWER = (
    update(_ITEM_T)
    .where(_ITEM.id == bindparam("b_item_id"))
    .values(
        selected=bindparam("b_selected", type_=_ITEM.selected.type),
        answered_at=bindparam("b_at", type_=_ITEM.answered_at.type),
    )
)
# One query for the taking page's every run: the attempt's head with each of its items.
_ANSWER_STATE = (
    _core_select(
        _ATTEMPT.user_id,
        _ATTEMPT.status,
        _ATTEMPT.deadline_at,
        _ATTEMPT.prediction,
        _ITEM.position,
        _ITEM.selected,
    )
    .select_from(_ATTEMPT_T.outerjoin(_ITEM_T, _ITEM.attempt_id == _ATTEMPT.id))
    .where(_ATTEMPT.id == bindparam("attempt_id"))
)


def _forget_loaded(session: Session) -> None:
    """After a Core UPDATE, objects this session loaded earlier (a caller sharing one session,
    as the tests do) would show the old values: expire them. A page's `call` has a session of
    its own per operation, where the map is empty and this costs nothing."""
    if len(session.identity_map):
        session.expire_all()


def _owned(row, user_id: int):
    """An attempt (object or row with `user_id`) that exists and is this person's."""
    if row is None:
        raise NotFound("Không tìm thấy bài thi.")
    if row.user_id != user_id:
        raise PermissionDenied("Bài thi này không phải của bạn.")
    return row


def _attempt_for(session: Session, attempt_id: int, user_id: int) -> Attempt:
    return _owned(session.get(Attempt, attempt_id), user_id)


def round_state(rnd: Round, now: datetime) -> str:
    if now < utc(rnd.opens_at):
        return "upcoming"
    if now >= utc(rnd.closes_at):
        return "closed"
    return "open"


# A submission's statements, built once: every member submits, with the database's write lock
# held from the status change to the commit, so the statements in it are few and Core.
_SUBMIT_HEAD = (
    _core_select(_ATTEMPT.deadline_at, _R.multiple_scoring)
    .select_from(_ATTEMPT_T.join(_ROUND_T, _R.id == _ATTEMPT.round_id))
    .where(_ATTEMPT.id == bindparam("attempt_id"))
)
_SUBMIT = (
    update(_ATTEMPT_T)
    .where(_ATTEMPT.id == bindparam("b_attempt_id"), _ATTEMPT.status == AttemptStatus.OPEN)
    .values(
        status=AttemptStatus.SUBMITTED,
        open_slot=None,
        submitted_at=bindparam("b_submitted_at", type_=_ATTEMPT.submitted_at.type),
        auto_submitted=bindparam("b_auto"),
    )
    .returning(_ATTEMPT.started_at)
)
_ITEMS_TO_GRADE = (
    _core_select(_ITEM.id, _ITEM.selected, _ITEM.credit, _QUESTION.qtype, _QUESTION.options)
    .select_from(_ITEM_T.join(_QUESTION_T, _QUESTION.id == _ITEM.question_id))
    .where(_ITEM.attempt_id == bindparam("attempt_id"))
    .order_by(_ITEM.position)
)
_STORE_CREDIT = (
    update(_ITEM_T).where(_ITEM.id == bindparam("b_item_id")).values(credit=bindparam("b_credit"))
)
_STORE_SCORE = (
    update(_ATTEMPT_T)
    .where(_ATTEMPT.id == bindparam("b_attempt_id"))
    .values(
        score=bindparam("b_score"),
        max_score=bindparam("b_max_score"),
        correct_count=bindparam("b_correct"),
        duration_seconds=bindparam("b_duration"),
    )
)


_OWNER = _core_select(_ATTEMPT.user_id).where(_ATTEMPT.id == bindparam("attempt_id"))


def _tally(credits: list[float]) -> tuple[float, int]:
    """An attempt's score and number of fully correct items, from its items' credits."""
    return round(sum(credits), 4), sum(1 for c in credits if c >= 1.0)


def _duration(started: datetime, submitted: datetime | None) -> float:
    submitted = submitted or started
    return round(max(0.0, (submitted - started).total_seconds()), 3)


def finalize_attempt(*, session: Session, attempt_id: int, now: datetime | None = None) -> bool:
    """Submit and grade, once: True if this call made the submission.

    The status changes first (taking the write lock, or the row's lock on PostgreSQL), so the
    answers graded are the last ones stored: a save that comes later finds the attempt closed."""
    now = now_utc(now)
    session.flush()
    conn = session.connection()
    head = conn.execute(_SUBMIT_HEAD, {"attempt_id": attempt_id}).first()
    if head is None:
        return False
    deadline = utc(head.deadline_at)
    submitted_at = min(now, deadline)
    started = conn.execute(
        _SUBMIT,
        {
            "b_attempt_id": attempt_id,
            "b_submitted_at": submitted_at,
            "b_auto": now >= deadline + GRACE,
        },
    ).scalar()
    if started is None:  # submitted already (another tab, the sweep)
        return False
    credits, changed = [], []
    for item in conn.execute(_ITEMS_TO_GRADE, {"attempt_id": attempt_id}):
        credit = grade_item(item.qtype, item.options, item.selected, head.multiple_scoring)
        credits.append(credit)
        if credit != item.credit:
            changed.append({"b_item_id": item.id, "b_credit": credit})
    if changed:
        conn.execute(_STORE_CREDIT, changed)
    score, correct = _tally(credits)
    conn.execute(
        _STORE_SCORE,
        {
            "b_attempt_id": attempt_id,
            "b_score": score,
            "b_max_score": float(len(credits)),
            "b_correct": correct,
            "b_duration": _duration(utc(started), submitted_at),
        },
    )
    _forget_loaded(session)
    return True


def grade_attempt(
    *,
    session: Session,
    attempt: Attempt,
    rnd: Round | None = None,
    questions: dict[int, Question] | None = None,
) -> None:
    """(Re)compute each item's credit and the attempt's score from the current key (a regrade
    after a key fix; a submission grades in `finalize_attempt`)."""
    rnd = rnd or session.get(Round, attempt.round_id)
    items = session.exec(select(AttemptItem).where(AttemptItem.attempt_id == attempt.id)).all()
    if questions is None:
        ids = [i.question_id for i in items]
        questions = {q.id: q for q in session.exec(select(Question).where(Question.id.in_(ids)))}
    credits = []
    for item in items:
        q = questions[item.question_id]
        credit = grade_item(q.qtype, q.options, item.selected, rnd.multiple_scoring)
        if credit != item.credit:
            item.credit = credit
            session.add(item)
        credits.append(credit)
    attempt.score, attempt.correct_count = _tally(credits)
    attempt.max_score = float(len(items))
    attempt.duration_seconds = _duration(utc(attempt.started_at), utc(attempt.submitted_at))
    session.add(attempt)
    session.flush()


def close_overdue_attempts(
    *,
    session: Session,
    now: datetime | None = None,
    round_id: int | None = None,
    user_id: int | None = None,
    limit: int = 500,
) -> int:
    """Submit every open attempt whose deadline (plus grace) has passed, even if its browser is
    gone. Safe to run from anywhere, any number of times, in parallel: each attempt is
    submitted once. Returns how many this call submitted."""
    now = now_utc(now)
    query = select(Attempt.id).where(
        Attempt.status == AttemptStatus.OPEN, Attempt.deadline_at < now - GRACE
    )
    if round_id is not None:
        query = query.where(Attempt.round_id == round_id)
    if user_id is not None:
        query = query.where(Attempt.user_id == user_id)
    ids = session.exec(query.order_by(Attempt.deadline_at).limit(limit)).all()
    return sum(finalize_attempt(session=session, attempt_id=i, now=now) for i in ids)


# --- starting ------------------------------------------------------------------------------------


_TRIAL = _ROUND_T.alias("trial")


def _trials_due(rounds, contest_id, now) -> tuple:
    """The closed trial rounds of a contest whose results are not wiped yet: the one rule both
    the start's check and `wipe_finished_trials` use."""
    c = rounds.c
    return (c.contest_id == contest_id, c.is_trial, c.trial_wiped_at.is_(None), c.closes_at <= now)


_OPEN_T = _ATTEMPT_T.alias("open_attempt")
# A start's reads, built once: the round with its contest, this person's registration, unit and
# open attempt, and whether a closed trial round is waiting to be wiped; one statement.
_START_HEAD = (
    _core_select(
        _R.contest_id,
        _R.name,
        _R.opens_at,
        _R.closes_at,
        _R.is_trial,
        _R.quotas,
        _R.shuffle_questions,
        _R.shuffle_options,
        _R.time_limit_minutes,
        _R.max_attempts,
        _C.status.label("contest_status"),
        _C.eligible_unit_ids,
        _REG.id.label("reg_id"),
        _REG.unit_id.label("reg_unit_id"),
        _core_select(_USER_T.c.unit_id)
        .where(_USER_T.c.id == bindparam("user_id"))
        .scalar_subquery()
        .label("user_unit_id"),
        _OPEN_T.c.id.label("open_id"),
        _OPEN_T.c.deadline_at.label("open_deadline_at"),
        _core_select(_TRIAL.c.id)
        .where(*_trials_due(_TRIAL, _R.contest_id, bindparam("now", type_=_R.closes_at.type)))
        .exists()
        .label("trials_to_wipe"),
    )
    .select_from(
        _ROUND_T.join(_CONTEST_T, _C.id == _R.contest_id)
        .outerjoin(
            _REG_T, (_REG.contest_id == _R.contest_id) & (_REG.user_id == bindparam("user_id"))
        )
        .outerjoin(
            _OPEN_T,
            (_OPEN_T.c.round_id == _R.id)
            & (_OPEN_T.c.user_id == bindparam("user_id"))
            & (_OPEN_T.c.status == AttemptStatus.OPEN),
        )
    )
    .where(_R.id == bindparam("round_id"))
    .limit(1)
)
_DRAWN = _core_select(_QUESTION.id, _QUESTION.qtype, _QUESTION.options).where(
    _QUESTION.id.in_(bindparam("ids", expanding=True))
)
_LOCK_REGISTRATION = update(_REG_T).where(_REG.id == bindparam("reg_id")).values(id=_REG.id)
_MINE = _core_select(_ATTEMPT.id, _ATTEMPT.number, _ATTEMPT.status, _ATTEMPT.deadline_at).where(
    _ATTEMPT.round_id == bindparam("round_id"), _ATTEMPT.user_id == bindparam("user_id")
)
_NEW_ATTEMPT = insert(_ATTEMPT_T).returning(_ATTEMPT.id)
_NEW_ITEMS = insert(_ITEM_T)


def start_attempt(
    *,
    session: Session,
    round_id: int,
    user_id: int,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> int:
    """Start (or resume) the person's attempt at a round and return its id.

    Everything that only reads (checks, the draw) happens before the person's row is locked, so
    the write lock is held for a few small statements only. The statements are Core, built
    once: a synchronised start of a province runs this a thousand times in seconds."""
    now = now_utc(now)
    session.flush()
    conn = session.connection()
    head = conn.execute(_START_HEAD, {"round_id": round_id, "user_id": user_id, "now": now}).first()
    if head is None:
        raise NotFound("Không tìm thấy đợt thi.")
    if head.contest_status != ContestStatus.PUBLISHED:
        raise UserError("Cuộc thi chưa được công bố.")
    if head.reg_id is None:
        raise UserError("Vui lòng đăng ký dự thi trước khi làm bài.")
    if head.open_id is not None and now < utc(head.open_deadline_at) + GRACE:
        return head.open_id  # resume: nothing to write
    state = round_state(head, now)
    if state == "upcoming":
        raise UserError(
            f"Đợt thi “{head.name}” chưa mở; mời bạn quay lại lúc "
            f"{to_local(head.opens_at).strftime('%H:%M ngày %d/%m/%Y')}."
        )
    if state == "closed":
        close_overdue_attempts(session=session, now=now, round_id=round_id, user_id=user_id)
        raise UserError(f"Đợt thi “{head.name}” đã kết thúc.")
    unit_id = head.reg_unit_id if head.reg_unit_id is not None else head.user_unit_id
    if not is_eligible(session=session, contest=head, unit_id=unit_id):
        raise PermissionDenied("Đơn vị của bạn không thuộc đối tượng dự thi của cuộc thi này.")
    if not head.is_trial and head.trials_to_wipe:
        wipe_finished_trials(session=session, contest_id=head.contest_id, now=now)
    rng = rng or random.Random()
    question_ids = draw_questions(
        quota_pools(session=session, quotas=head.quotas), rng=rng, shuffle=head.shuffle_questions
    )
    drawn = conn.execute(_DRAWN, {"ids": question_ids}).all() if question_ids else []
    shapes = {qid: qtype for qid, qtype, _options in drawn}
    sizes = {qid: len(options) for qid, _qtype, options in drawn}
    deadline = min(now + timedelta(minutes=head.time_limit_minutes), utc(head.closes_at))

    # Lock this person's registration: parallel starts by the same person queue here (a row
    # lock on PostgreSQL, the database write lock on SQLite). The unique constraints on the
    # attempt table stay the last word.
    conn.execute(_LOCK_REGISTRATION, {"reg_id": head.reg_id})
    # One read under the lock (it is held by every start of the province, so each statement in
    # it counts): this person's attempts at the round, to close the overdue, resume the open or
    # number the next.
    mine = conn.execute(_MINE, {"round_id": round_id, "user_id": user_id}).all()
    for attempt_id, _number, status, deadline_at in mine:
        if status != AttemptStatus.OPEN:
            continue
        if utc(deadline_at) + GRACE > now:
            return attempt_id
        finalize_attempt(session=session, attempt_id=attempt_id, now=now)
    numbers = [number for _id, number, _status, _deadline in mine]
    if head.max_attempts and len(numbers) >= head.max_attempts:
        raise UserError(f"Bạn đã dùng hết {head.max_attempts} lượt thi của đợt này.")
    number = max(numbers, default=0) + 1
    try:
        with session.begin_nested():
            attempt_id = conn.execute(
                _NEW_ATTEMPT,
                {
                    "round_id": round_id,
                    "user_id": user_id,
                    "unit_id": unit_id,
                    "number": number,
                    "open_slot": 1,
                    "status": AttemptStatus.OPEN,
                    "started_at": now,
                    "deadline_at": deadline,
                    "last_seen_at": now,
                    "auto_submitted": False,
                    "score": 0.0,
                    "max_score": 0.0,
                    "correct_count": 0,
                    "duration_seconds": 0.0,
                },
            ).scalar_one()
            if question_ids:
                conn.execute(
                    _NEW_ITEMS,
                    [
                        {
                            "attempt_id": attempt_id,
                            "position": position,
                            "question_id": qid,
                            "option_order": option_order(
                                shapes[qid], sizes[qid], rng=rng, shuffle=head.shuffle_options
                            ),
                            "selected": [],
                            "credit": 0.0,
                        }
                        for position, qid in enumerate(question_ids, start=1)
                    ],
                )
    except IntegrityError:
        existing_id = session.exec(
            select(Attempt.id).where(
                Attempt.round_id == round_id,
                Attempt.user_id == user_id,
                Attempt.status == AttemptStatus.OPEN,
            )
        ).first()
        if existing_id is not None:
            return existing_id
        raise UserError(
            "Lượt thi này vừa được dùng ở một cửa sổ khác; vui lòng tải lại trang."
        ) from None
    return attempt_id


def wipe_finished_trials(*, session: Session, contest_id: int, now: datetime | None = None) -> int:
    """Once an official round is running, the results of closed trial rounds are wiped (once);
    returns how many trial attempts were deleted."""
    now = now_utc(now)
    trials = session.exec(select(Round).where(*_trials_due(_ROUND_T, contest_id, now))).all()
    deleted = 0
    for trial in trials:
        claimed = session.execute(
            update(Round)
            .where(Round.id == trial.id, Round.trial_wiped_at.is_(None))
            .values(trial_wiped_at=now)
        )
        if claimed.rowcount != 1:
            continue
        ids = list(session.exec(select(Attempt.id).where(Attempt.round_id == trial.id)))
        if ids:
            session.execute(delete(AttemptItem).where(AttemptItem.attempt_id.in_(ids)))
            session.execute(delete(Attempt).where(Attempt.id.in_(ids)))
        deleted += len(ids)
    return deleted


def open_attempt_id(
    *, session: Session, round_id: int, user_id: int, now: datetime | None = None
) -> int | None:
    close_overdue_attempts(session=session, now=now, round_id=round_id, user_id=user_id)
    found = session.exec(
        select(Attempt.id).where(
            Attempt.round_id == round_id,
            Attempt.user_id == user_id,
            Attempt.status == AttemptStatus.OPEN,
        )
    ).first()
    return found


# --- taking --------------------------------------------------------------------------------------


# The taking page's view of an attempt, in two statements built once: the head (attempt, round,
# contest) and the items with their questions' text (never the key).
_VIEW_HEAD = (
    _core_select(
        _ATTEMPT.user_id,
        _ATTEMPT.status,
        _ATTEMPT.number,
        _ATTEMPT.started_at,
        _ATTEMPT.deadline_at,
        _ATTEMPT.prediction,
        _R.id.label("round_id"),
        _R.name.label("round_name"),
        _R.prediction_enabled,
        _R.prediction_text,
        _C.id.label("contest_id"),
        _C.title.label("contest_title"),
    )
    .select_from(
        _ATTEMPT_T.join(_ROUND_T, _R.id == _ATTEMPT.round_id).join(
            _CONTEST_T, _C.id == _R.contest_id
        )
    )
    .where(_ATTEMPT.id == bindparam("attempt_id"))
)
_VIEW_ITEMS = (
    _core_select(
        _ITEM.position,
        _ITEM.option_order,
        _ITEM.selected,
        _QUESTION.qtype,
        _QUESTION.text,
        _QUESTION.options,
        _QUESTION.image_path,
    )
    .select_from(_ITEM_T.join(_QUESTION_T, _QUESTION.id == _ITEM.question_id))
    .where(_ITEM.attempt_id == bindparam("attempt_id"))
    .order_by(_ITEM.position)
)


def attempt_view(
    *, session: Session, attempt_id: int, user_id: int, now: datetime | None = None
) -> AttemptView:
    """Everything the taking page needs, once per attempt (and again after a reload)."""
    now = now_utc(now)
    session.flush()
    conn = session.connection()
    head = _owned(conn.execute(_VIEW_HEAD, {"attempt_id": attempt_id}).first(), user_id)
    if head.status == AttemptStatus.OPEN and now >= utc(head.deadline_at) + GRACE:
        finalize_attempt(session=session, attempt_id=attempt_id, now=now)
        session.flush()
        head = conn.execute(_VIEW_HEAD, {"attempt_id": attempt_id}).one()
    items = conn.execute(_VIEW_ITEMS, {"attempt_id": attempt_id}).all()
    views = tuple(
        QuestionView(
            position=item.position,
            qtype=item.qtype,
            text=item.text,
            options=tuple(
                OptionView(id=oid, label=LETTERS[pos], text=item.options[oid]["text"])
                for pos, oid in enumerate(item.option_order)
            ),
            image_path=item.image_path,
        )
        for item in items
    )
    return AttemptView(
        attempt_id=attempt_id,
        round_id=head.round_id,
        contest_id=head.contest_id,
        contest_title=head.contest_title,
        round_name=head.round_name,
        number=head.number,
        status=head.status,
        started_at=utc(head.started_at),
        deadline_at=utc(head.deadline_at),
        questions=views,
        selected={i.position: tuple(i.selected) for i in items},
        prediction_enabled=head.prediction_enabled,
        prediction_text=head.prediction_text,
        prediction=head.prediction,
    )


def _lock_open_attempt(session: Session, attempt_id: int, user_id: int, now: datetime) -> Attempt:
    """Lock the attempt row (so a racing submission waits) and check it still takes answers."""
    # Core statements on the tables (every answer click runs this): no ORM compile or
    # synchronisation; the deadline comes back from the locking UPDATE itself.
    session.flush()
    rows = (
        session.connection()
        .execute(_LOCK_OPEN, {"b_attempt_id": attempt_id, "b_user_id": user_id, "b_now": now})
        .all()
    )
    if len(rows) != 1:
        attempt = _attempt_for(session, attempt_id, user_id)
        if attempt.status != AttemptStatus.OPEN:
            raise AttemptClosed("Bài thi đã được nộp; câu trả lời này không được ghi nhận.")
        raise UserError("Không ghi được câu trả lời; vui lòng tải lại trang.")
    _forget_loaded(session)
    deadline = utc(rows[0].deadline_at)
    if now > deadline + GRACE:
        raise AttemptClosed(
            f"Đã hết giờ làm bài lúc {to_local(deadline).strftime('%H:%M:%S')}; câu trả lời này "
            "không được ghi nhận. Bài thi được hệ thống tự động nộp với các câu đã trả lời trước "
            "đó."
        )
    return deadline


def _option_ids(selected) -> list[int]:
    """The chosen option ids as integers; anything else is refused with a message, not a crash."""
    if selected is None:
        return []
    if isinstance(selected, (str, bytes, int)):
        selected = [selected]
    chosen = set()
    try:
        for value in selected:
            if isinstance(value, bool) or isinstance(value, float) and not value.is_integer():
                raise ValueError
            chosen.add(int(value))
    except (TypeError, ValueError, OverflowError):
        raise InvalidInput("Phương án không hợp lệ.", field="selected") from None
    return sorted(chosen)


def save_answer(
    *,
    session: Session,
    attempt_id: int,
    user_id: int,
    position: int,
    selected: list[int] | tuple[int, ...],
    now: datetime | None = None,
) -> None:
    """Store one answer the moment it is chosen (an empty list clears it)."""
    now = now_utc(now)
    chosen = _option_ids(selected)
    if isinstance(position, bool) or not isinstance(position, int) or not 0 < position < 10_000:
        raise InvalidInput("Câu hỏi không thuộc bài thi này.", field="position")
    _lock_open_attempt(session, attempt_id, user_id, now)
    conn = session.connection()
    item = conn.execute(_ITEM_AT, {"attempt_id": attempt_id, "position": position}).first()
    if item is None:
        raise InvalidInput("Câu hỏi không thuộc bài thi này.", field="position")
    if any(s not in item.option_order for s in chosen):
        raise InvalidInput("Phương án không hợp lệ.", field="selected")
    if len(chosen) > 1:
        qtype = session.exec(select(Question.qtype).where(Question.id == item.question_id)).one()
        if qtype != QuestionType.MULTIPLE:
            raise InvalidInput("Câu hỏi này chỉ được chọn một phương án.", field="selected")
    conn.execute(
        _STORE_ANSWER, {"b_item_id": item.id, "b_selected": chosen, "b_at": now if chosen else None}
    )
    _forget_loaded(session)


PREDICTION_MAX = 10_000_000


def parse_prediction(text: str | int | None) -> int | None:
    """The member's prediction as typed: empty means none; otherwise a whole number in range."""
    if text is None:
        return None
    raw = str(text).strip().replace(".", "").replace(" ", "")
    if raw == "":
        return None
    message = (
        f"Dự đoán phải là một số nguyên từ 0 đến {PREDICTION_MAX:,}".replace(",", ".")
        + f"; “{str(text).strip()[:30]}” không hợp lệ."
    )
    if not raw.isascii() or not raw.lstrip("-").isdigit() or len(raw) > 12:
        raise InvalidInput(message, field="prediction")
    value = int(raw)
    if value < 0 or value > PREDICTION_MAX:
        raise InvalidInput(message, field="prediction")
    return value


def save_prediction(
    *,
    session: Session,
    attempt_id: int,
    user_id: int,
    prediction: int | str | None,
    now: datetime | None = None,
) -> int | None:
    """Store the prediction (typed text or a number); returns the value stored."""
    now = now_utc(now)
    value = parse_prediction(prediction)
    _lock_open_attempt(session, attempt_id, user_id, now)
    session.execute(update(Attempt).where(Attempt.id == attempt_id).values(prediction=value))
    return value


@dataclass(frozen=True)
class AnswerState:
    """What is stored right now: the page shows this as chosen, whatever the widgets think."""

    status: str
    selected: dict[int, tuple[int, ...]]
    prediction: int | None

    @property
    def is_open(self) -> bool:
        return self.status == AttemptStatus.OPEN


def answer_state(
    *, session: Session, attempt_id: int, user_id: int, now: datetime | None = None
) -> AnswerState:
    """The stored answers of one attempt, read on every run of the taking page (one small
    query), so a change made in another tab or process shows on the next action."""
    now = now_utc(now)
    # Core statements on the tables (every run of the taking page reads this): no ORM objects.
    session.flush()
    a = _ATTEMPT
    conn = session.connection()
    rows = conn.execute(_ANSWER_STATE, {"attempt_id": attempt_id}).all()
    head = _owned(rows[0] if rows else None, user_id)
    status, prediction = head.status, head.prediction
    if status == AttemptStatus.OPEN and now >= utc(head.deadline_at) + GRACE:
        finalize_attempt(session=session, attempt_id=attempt_id, now=now)
        session.flush()
        status, prediction = conn.execute(
            _core_select(a.status, a.prediction).where(a.id == attempt_id)
        ).one()
    return AnswerState(
        status=status,
        selected={r.position: tuple(r.selected) for r in rows if r.position is not None},
        prediction=prediction,
    )


def submit_attempt(
    *, session: Session, attempt_id: int, user_id: int, now: datetime | None = None
) -> bool:
    """Submit the attempt; a second click (or tab) finds it submitted and changes nothing.
    Returns True for the call that made the submission."""
    session.flush()
    _owned(session.connection().execute(_OWNER, {"attempt_id": attempt_id}).first(), user_id)
    return finalize_attempt(session=session, attempt_id=attempt_id, now=now)


# --- result and review -----------------------------------------------------------------------


def review_allowed(rnd: Round, attempt: Attempt, now: datetime) -> tuple[bool, str]:
    if attempt.status != AttemptStatus.SUBMITTED:
        return False, "Bài thi chưa nộp."
    if rnd.review_policy == ReviewPolicy.AFTER_SUBMIT:
        return True, ""
    if rnd.review_policy == ReviewPolicy.AFTER_CLOSE:
        if now >= utc(rnd.closes_at):
            return True, ""
        return False, (
            "Đáp án sẽ được công bố sau khi đợt thi kết thúc lúc "
            f"{to_local(rnd.closes_at).strftime('%H:%M ngày %d/%m/%Y')}."
        )
    return False, "Ban tổ chức không công bố đáp án của đợt thi này."


def attempt_result(
    *, session: Session, attempt_id: int, user_id: int, now: datetime | None = None
) -> ResultView:
    now = now_utc(now)
    attempt = _attempt_for(session, attempt_id, user_id)
    if attempt.status == AttemptStatus.OPEN:
        if now >= utc(attempt.deadline_at) + GRACE:
            finalize_attempt(session=session, attempt_id=attempt_id, now=now)
            session.refresh(attempt)
        else:
            raise UserError("Bài thi chưa nộp.")
    rnd = session.get(Round, attempt.round_id)
    contest = session.get(Contest, rnd.contest_id)
    items = session.exec(
        select(AttemptItem)
        .where(AttemptItem.attempt_id == attempt_id)
        .order_by(AttemptItem.position)
    ).all()
    allowed, note = review_allowed(rnd, attempt, now)
    review: list[ReviewItem] = []
    if allowed:
        questions = {
            q.id: q
            for q in session.exec(
                select(Question).where(Question.id.in_([i.question_id for i in items]))
            )
        }
        for item in items:
            q = questions[item.question_id]
            review.append(
                ReviewItem(
                    position=item.position,
                    qtype=q.qtype,
                    text=q.text,
                    credit=item.credit,
                    explanation=q.explanation,
                    options=tuple(
                        ReviewOption(
                            id=oid,
                            label=LETTERS[pos],
                            text=q.options[oid]["text"],
                            correct=bool(q.options[oid].get("correct")),
                            chosen=oid in item.selected,
                            feedback=q.options[oid].get("feedback", ""),
                        )
                        for pos, oid in enumerate(item.option_order)
                    ),
                )
            )
    return ResultView(
        attempt_id=attempt.id,
        round_id=rnd.id,
        round_closed=now >= utc(rnd.closes_at),
        round_name=rnd.name,
        contest_title=contest.title,
        number=attempt.number,
        score=attempt.score,
        max_score=attempt.max_score,
        correct_count=attempt.correct_count,
        total=len(items),
        answered=sum(1 for i in items if i.selected),
        duration_seconds=attempt.duration_seconds,
        submitted_at=utc(attempt.submitted_at),
        auto_submitted=attempt.auto_submitted,
        prediction=attempt.prediction,
        review_allowed=allowed,
        review_note=note,
        review=tuple(review),
    )


# --- the member's overview ---------------------------------------------------------------------


@dataclass(frozen=True)
class RoundCard:
    round_id: int
    name: str
    is_trial: bool
    state: str  # upcoming | open | closed
    opens_at: datetime
    closes_at: datetime
    time_limit_minutes: int
    question_count: int
    max_attempts: int
    counting: str
    attempts_used: int
    open_attempt_id: int | None
    submitted_attempt_ids: tuple[int, ...]

    @property
    def can_start(self) -> bool:
        if self.state != "open":
            return False
        if self.open_attempt_id is not None:
            return True
        return not self.max_attempts or self.attempts_used < self.max_attempts


@dataclass(frozen=True)
class ContestCard:
    contest_id: int
    title: str
    description: str
    rules: str
    banner_path: str | None
    eligible: bool
    registered: bool
    self_registration: bool
    ask_phone_or_email: bool
    ask_cccd: bool
    cccd_required: bool
    rounds: tuple[RoundCard, ...]


# The overview's reads, built once (every member opens it, and comes back to it after each
# attempt): the published contests, all their rounds in one read, this person's attempts,
# registrations and unit; only the columns the cards show.
_OVERVIEW_CONTESTS = (
    _core_select(
        _C.id,
        _C.title,
        _C.description,
        _C.rules,
        _C.banner_path,
        _C.eligible_unit_ids,
        _C.self_registration,
        _C.ask_phone_or_email,
        _C.ask_cccd,
        _C.cccd_required,
    )
    .where(_C.status == ContestStatus.PUBLISHED)
    .order_by(_C.published_at.desc(), _C.id.desc())
)
_OVERVIEW_ROUNDS = (
    _core_select(
        _R.id,
        _R.contest_id,
        _R.name,
        _R.is_trial,
        _R.opens_at,
        _R.closes_at,
        _R.time_limit_minutes,
        _R.quotas,
        _R.max_attempts,
        _R.counting,
    )
    .where(_R.contest_id.in_(bindparam("contest_ids", expanding=True)))
    .order_by(_R.sort_order, _R.opens_at)
)
_OVERVIEW_ATTEMPTS = (
    _core_select(_ATTEMPT.id, _ATTEMPT.round_id, _ATTEMPT.status)
    .where(_ATTEMPT.user_id == bindparam("user_id"))
    .order_by(_ATTEMPT.number)
)
_OVERVIEW_REGISTRATIONS = _core_select(_REG.contest_id, _REG.unit_id).where(
    _REG.user_id == bindparam("user_id")
)
_OVERVIEW_UNIT = _core_select(_USER_T.c.unit_id).where(_USER_T.c.id == bindparam("user_id"))


def _round_card(r, mine: list, now: datetime) -> RoundCard:
    return RoundCard(
        round_id=r.id,
        name=r.name,
        is_trial=r.is_trial,
        state=round_state(r, now),
        opens_at=utc(r.opens_at),
        closes_at=utc(r.closes_at),
        time_limit_minutes=r.time_limit_minutes,
        question_count=sum(int(v) for v in r.quotas.values()),
        max_attempts=r.max_attempts,
        counting=r.counting,
        attempts_used=len(mine),
        open_attempt_id=next((a.id for a in mine if a.status == AttemptStatus.OPEN), None),
        submitted_attempt_ids=tuple(a.id for a in mine if a.status == AttemptStatus.SUBMITTED),
    )


def member_overview(
    *, session: Session, user_id: int, now: datetime | None = None
) -> list[ContestCard]:
    """Published contests with, per round, what this person can do now."""
    now = now_utc(now)
    close_overdue_attempts(session=session, now=now, user_id=user_id)
    session.flush()
    conn = session.connection()
    mine = {"user_id": user_id}
    contests = conn.execute(_OVERVIEW_CONTESTS).all()
    if not contests:
        return []
    rounds_of: dict[int, list] = {}
    for r in conn.execute(_OVERVIEW_ROUNDS, {"contest_ids": [c.id for c in contests]}):
        rounds_of.setdefault(r.contest_id, []).append(r)
    by_round: dict[int, list] = {}
    for a in conn.execute(_OVERVIEW_ATTEMPTS, mine):
        by_round.setdefault(a.round_id, []).append(a)
    regs = dict(conn.execute(_OVERVIEW_REGISTRATIONS, mine).all())
    own_unit = conn.execute(_OVERVIEW_UNIT, mine).scalar()
    cards = []
    for c in contests:
        registered = c.id in regs
        unit_id = regs[c.id] if registered else own_unit
        cards.append(
            ContestCard(
                contest_id=c.id,
                title=c.title,
                description=c.description,
                rules=c.rules,
                banner_path=c.banner_path,
                eligible=is_eligible(session=session, contest=c, unit_id=unit_id),
                registered=registered,
                self_registration=c.self_registration,
                ask_phone_or_email=c.ask_phone_or_email,
                ask_cccd=c.ask_cccd,
                cccd_required=c.cccd_required,
                rounds=tuple(
                    _round_card(r, by_round.get(r.id, []), now) for r in rounds_of.get(c.id, [])
                ),
            )
        )
    return cards


def counted_attempt(attempts: list[Attempt], rule: str) -> Attempt | None:
    """Which submitted attempt counts for the ranking: best, first or last."""
    done = [a for a in attempts if a.status == AttemptStatus.SUBMITTED]
    if not done:
        return None
    if rule == CountingRule.FIRST:
        return min(done, key=lambda a: a.number)
    if rule == CountingRule.LAST:
        return max(done, key=lambda a: a.number)
    return min(done, key=lambda a: (-a.score, a.duration_seconds, a.number))


@dataclass(frozen=True)
class RoundActivity:
    """Who is in a round right now: what an organiser must know before changing it."""

    open_attempts: int
    submitted_attempts: int


def round_activity(*, session: Session, actor: Actor, round_id: int) -> RoundActivity:
    require(actor, Capability.SEE_OPEN_ROUND_STATS)
    from sqlalchemy import func

    rows = dict(
        session.exec(
            select(Attempt.status, func.count())
            .where(Attempt.round_id == round_id)
            .group_by(Attempt.status)
        ).all()
    )
    return RoundActivity(
        open_attempts=int(rows.get(AttemptStatus.OPEN, 0)),
        submitted_attempts=int(rows.get(AttemptStatus.SUBMITTED, 0)),
    )
