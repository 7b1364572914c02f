"""Rankings with explanations, prizes, unit prizes, statistics and regrading."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, update
from sqlmodel import Session, select

from models.accounts import Unit, User
from models.contests import (
    DEFAULT_CHAIN,
    Attempt,
    AttemptItem,
    AttemptStatus,
    PredictionKind,
    Question,
    Registration,
    Round,
)
from services.capabilities import Actor, Capability, require
from services.contests.attempts import close_overdue_attempts, counted_attempt, grade_attempt
from services.contests.clock import now_utc, utc
from services.contests.contests import contest_row, round_row
from services.contests.grading import (
    Entry,
    Ranked,
    assign_prizes,
    discrimination_index,
    facility_index,
    rank_entries,
)
from services.errors import UserError
from services.units import list_units

REGRADE_STALE = timedelta(minutes=10)


# --- the prediction's actual value ---------------------------------------------------------------


def _counted_by_user(session: Session, rnd: Round) -> dict[int, Attempt]:
    attempts = session.exec(
        select(Attempt).where(Attempt.round_id == rnd.id, Attempt.status == AttemptStatus.SUBMITTED)
    ).all()
    grouped: dict[int, list[Attempt]] = {}
    for a in attempts:
        grouped.setdefault(a.user_id, []).append(a)
    out = {}
    for user_id, mine in grouped.items():
        chosen = counted_attempt(mine, rnd.counting)
        if chosen is not None:
            out[user_id] = chosen
    return out


def actual_value(counted: dict[int, Attempt], kind: str) -> int:
    if kind == PredictionKind.PARTICIPANTS:
        return len(counted)
    return sum(1 for a in counted.values() if a.max_score > 0 and a.correct_count == a.max_score)


def settle_round(*, session: Session, round_id: int, now: datetime | None = None) -> int | None:
    """Once a round has closed: submit what is still open and fix the prediction's actual value.
    Returns the actual value (None while the round is still running)."""
    now = now_utc(now)
    rnd = round_row(session, round_id)
    if now < utc(rnd.closes_at):
        return None
    close_overdue_attempts(session=session, now=now, round_id=round_id)
    if rnd.prediction_actual is None or rnd.prediction_computed_at is None:
        rnd.prediction_actual = actual_value(_counted_by_user(session, rnd), rnd.prediction_kind)
        rnd.prediction_computed_at = now
        session.add(rnd)
        session.flush()
    return rnd.prediction_actual


# --- rankings ------------------------------------------------------------------------------------


def default_ranking_round(rounds, *, now: datetime | None = None) -> int | None:
    """The round "Xếp hạng theo" opens on, the same for every role and every visit: the last
    official round the clock has closed (None: the whole contest). It reads the schedule only,
    never whether someone's visit has already settled the round."""
    now = now_utc(now)
    closed = [r for r in rounds if not r.is_trial and utc(r.closes_at) <= now]
    return closed[-1].id if closed else None


@dataclass(frozen=True)
class RankingView:
    title: str
    chain: tuple[str, ...]
    actual: int | None
    closed: bool
    rows: tuple[Ranked, ...]
    unit_names: dict[int, str]


def _names(session: Session, contest_id: int, user_ids) -> dict[int, tuple[str, int | None]]:
    regs = {
        r.user_id: r
        for r in session.exec(select(Registration).where(Registration.contest_id == contest_id))
    }
    users = {u.id: u for u in session.exec(select(User).where(User.id.in_(list(user_ids))))}
    out = {}
    for uid in user_ids:
        reg, user = regs.get(uid), users.get(uid)
        name = reg.full_name if reg else (user.full_name if user else f"#{uid}")
        unit = reg.unit_id if reg and reg.unit_id else (user.unit_id if user else None)
        out[uid] = (name, unit)
    return out


def round_ranking(
    *, session: Session, actor: Actor, round_id: int, now: datetime | None = None
) -> RankingView:
    """Everyone's place in one round: for the staff and the leaders (a member sees only their
    own place, through `my_standing`)."""
    require(actor, Capability.SEE_CONTEST_RESULTS)
    return _round_ranking(session, round_id, now)


def _round_ranking(session: Session, round_id: int, now: datetime | None) -> RankingView:
    now = now_utc(now)
    rnd = round_row(session, round_id)
    contest = contest_row(session, rnd.contest_id)
    actual = settle_round(session=session, round_id=round_id, now=now)
    counted = _counted_by_user(session, rnd)
    names = _names(session, contest.id, counted.keys())
    entries = [
        Entry(
            user_id=uid,
            full_name=names[uid][0],
            unit_id=a.unit_id or names[uid][1],
            score=a.score,
            duration_seconds=a.duration_seconds,
            submitted_at=utc(a.submitted_at),
            prediction=a.prediction if rnd.prediction_enabled else None,
            correct_count=a.correct_count,
            max_score=a.max_score,
            attempt_id=a.id,
        )
        for uid, a in counted.items()
    ]
    chain = tuple(
        k
        for k in (rnd.ranking_chain or contest.ranking_chain or DEFAULT_CHAIN)
        if rnd.prediction_enabled or k != "prediction"
    )
    ranked = rank_entries(entries, chain=chain, actual=actual)
    if not rnd.is_trial:
        ranked = assign_prizes(
            ranked, (rnd.prize_first, rnd.prize_second, rnd.prize_third, rnd.prize_consolation)
        )
    units = {u.id: u.name for u in session.exec(select(Unit))}
    return RankingView(
        title=rnd.name,
        chain=chain,
        actual=actual,
        closed=now >= utc(rnd.closes_at),
        rows=tuple(ranked),
        unit_names=units,
    )


def overall_ranking(
    *, session: Session, actor: Actor, contest_id: int, now: datetime | None = None
) -> RankingView:
    """All official rounds together: total score, total prediction distance, total time,
    latest submission."""
    require(actor, Capability.SEE_CONTEST_RESULTS)
    now = now_utc(now)
    contest = contest_row(session, contest_id)
    rounds = session.exec(
        select(Round).where(Round.contest_id == contest_id, Round.is_trial.is_(False))
    ).all()
    totals: dict[int, dict] = {}
    for rnd in rounds:
        actual = settle_round(session=session, round_id=rnd.id, now=now)
        for uid, a in _counted_by_user(session, rnd).items():
            t = totals.setdefault(
                uid,
                {
                    "score": 0.0,
                    "duration": 0.0,
                    "distance": 0,
                    "submitted": utc(a.submitted_at),
                    "correct": 0,
                    "max": 0.0,
                    "unit": a.unit_id,
                },
            )
            t["score"] += a.score
            t["duration"] += a.duration_seconds
            t["correct"] += a.correct_count
            t["max"] += a.max_score
            t["submitted"] = max(t["submitted"], utc(a.submitted_at))
            if rnd.prediction_enabled and actual is not None:
                t["distance"] += (
                    abs(a.prediction - actual) if a.prediction is not None else 1_000_000
                )
    names = _names(session, contest_id, totals.keys())
    entries = [
        Entry(
            user_id=uid,
            full_name=names[uid][0],
            unit_id=t["unit"] or names[uid][1],
            score=round(t["score"], 4),
            duration_seconds=t["duration"],
            submitted_at=t["submitted"],
            prediction=t["distance"],
            correct_count=t["correct"],
            max_score=t["max"],
        )
        for uid, t in totals.items()
    ]
    chain = tuple(contest.ranking_chain or DEFAULT_CHAIN)
    # The summed distance stands in the prediction field, measured against 0.
    ranked = rank_entries(entries, chain=chain, actual=0, summed=True)
    units = {u.id: u.name for u in session.exec(select(Unit))}
    all_closed = bool(rounds) and all(now >= utc(r.closes_at) for r in rounds)
    return RankingView(
        title="Toàn cuộc thi",
        chain=chain,
        actual=None,
        closed=all_closed,
        rows=tuple(ranked),
        unit_names=units,
    )


# --- unit participation and unit prizes ----------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    unit_id: int
    name: str
    headcount: int
    participants: int

    @property
    def rate(self) -> float:
        return self.participants / self.headcount if self.headcount else 0.0


def unit_participation(
    *, session: Session, actor: Actor, contest_id: int, include_trial: bool = False
) -> list[UnitRow]:
    """Distinct people who submitted at least once, per base unit (its sub-units included);
    units where nobody took part are listed too."""
    require(actor, Capability.SEE_CONTEST_RESULTS)
    round_ids = [
        r.id
        for r in session.exec(select(Round).where(Round.contest_id == contest_id))
        if include_trial or not r.is_trial
    ]
    if round_ids:
        pairs = session.exec(
            select(Attempt.user_id, Attempt.unit_id).where(
                Attempt.round_id.in_(round_ids), Attempt.status == AttemptStatus.SUBMITTED
            )
        ).all()
    else:
        pairs = []
    person_unit: dict[int, int | None] = {}
    for uid, unit in pairs:
        person_unit.setdefault(uid, unit)
    units = list_units(session=session)
    parent = {u.id: u.parent_id for u in units}
    level = [u for u in units if u.depth == 1] or [u for u in units if u.depth == 0]
    level_ids = {u.id for u in level}

    def top(unit_id: int | None) -> int | None:
        while unit_id is not None and unit_id not in level_ids:
            unit_id = parent.get(unit_id)
        return unit_id

    counts = Counter(top(u) for u in person_unit.values())
    return [
        UnitRow(unit_id=u.id, name=u.name, headcount=u.headcount, participants=counts.get(u.id, 0))
        for u in level
    ]


@dataclass(frozen=True)
class UnitPrize:
    kind: str
    unit_name: str
    participants: int
    headcount: int
    rate: float
    reason: str


def unit_prizes(*, session: Session, actor: Actor, contest_id: int) -> list[UnitPrize]:
    from services.vi import format_int, format_percent

    require(actor, Capability.SEE_CONTEST_RESULTS)
    contest = contest_row(session, contest_id)
    rows = [
        r
        for r in unit_participation(session=session, actor=actor, contest_id=contest_id)
        if r.participants > 0
    ]
    prizes = []
    most = sorted(rows, key=lambda r: (-r.participants, -r.rate, r.name))
    for r in most[: contest.unit_prize_most]:
        prizes.append(
            UnitPrize(
                "Giải tập thể – đơn vị có nhiều người dự thi nhất",
                r.name,
                r.participants,
                r.headcount,
                r.rate,
                f"{format_int(r.participants)} người dự thi",
            )
        )
    rated = sorted(
        [r for r in rows if r.headcount > 0], key=lambda r: (-r.rate, -r.participants, r.name)
    )
    for r in rated[: contest.unit_prize_rate]:
        prizes.append(
            UnitPrize(
                "Giải tập thể – đơn vị có tỉ lệ tham gia cao nhất",
                r.name,
                r.participants,
                r.headcount,
                r.rate,
                f"{format_int(r.participants)}/{format_int(r.headcount)} "
                f"người, đạt {format_percent(min(r.rate, 1.0))}",
            )
        )
    return prizes


# --- statistics ----------------------------------------------------------------------------------


def score_distribution(*, session: Session, actor: Actor, round_id: int) -> list[tuple[float, int]]:
    require(actor, Capability.SEE_CONTEST_RESULTS)
    rnd = round_row(session, round_id)
    counted = _counted_by_user(session, rnd)
    counts = Counter(round(a.score, 2) for a in counted.values())
    return sorted(counts.items())


@dataclass(frozen=True)
class ItemStat:
    question_id: int
    text: str
    attempts: int
    facility: float | None
    discrimination: float | None
    key_labels: str  # empty while the round is open (see item_statistics)
    option_counts: dict[str, int]
    warning: str
    key_hidden: bool = False


KEY_HIDDEN_NOTE = (
    "Đợt thi còn đang mở nên cột “Đáp án” và các cảnh báo về đáp án được ẩn: "
    "người xem thống kê cũng có thể dự thi đợt này, nên không ai nhận được đáp án "
    "trước khi đợt thi kết thúc."
)


def item_statistics(
    *, session: Session, actor: Actor, round_id: int, now: datetime | None = None
) -> list[ItemStat]:
    """Facility and discrimination (Moodle's definitions) over every submitted attempt, plus a
    warning when the strong third mostly picks the same option that the key calls wrong.

    While the round is open the key (and every warning that names or hints at it) is left out:
    whoever may see these statistics may also take the round."""
    require(actor, Capability.SEE_CONTEST_RESULTS)
    rnd = round_row(session, round_id)
    hide_key = now_utc(now) < utc(rnd.closes_at)
    attempts = {
        a.id: a
        for a in session.exec(
            select(Attempt).where(
                Attempt.round_id == rnd.id, Attempt.status == AttemptStatus.SUBMITTED
            )
        )
    }
    if not attempts:
        return []
    items = session.exec(select(AttemptItem).where(AttemptItem.attempt_id.in_(list(attempts))))
    by_q: dict[int, list[AttemptItem]] = {}
    for item in items:
        by_q.setdefault(item.question_id, []).append(item)
    questions = {q.id: q for q in session.exec(select(Question).where(Question.id.in_(list(by_q))))}
    stats = []
    for qid, its in by_q.items():
        q = questions[qid]
        credits = [i.credit for i in its]
        totals = [attempts[i.attempt_id].score for i in its]
        letters = "ABCDEFGHIJ"
        option_counts = Counter()
        for i in its:
            option_counts[",".join(letters[s] for s in i.selected) or "(bỏ trống)"] += 1
        key = ",".join(letters[n] for n, o in enumerate(q.options) if o.get("correct"))
        warning = ""
        ordered = sorted(its, key=lambda i: -attempts[i.attempt_id].score)
        top = ordered[: max(1, len(ordered) // 3)]
        if len(top) >= 5:
            top_choice = Counter(tuple(i.selected) for i in top).most_common(1)[0]
            choice, n = top_choice
            wrong = choice and sorted(choice) != sorted(
                n2 for n2, o in enumerate(q.options) if o.get("correct")
            )
            if wrong and n / len(top) >= 0.6:
                picked = ",".join(letters[s] for s in choice)
                warning = (
                    f"Đáp án có thể sai: {n}/{len(top)} người thuộc nhóm điểm cao chọn "
                    f"{picked} trong khi đáp án đang là {key}."
                )
        disc = discrimination_index(credits, totals)
        if not warning and disc is not None and disc < -20 and len(its) >= 10:
            warning = "Độ phân biệt âm: người điểm cao lại hay làm sai câu này; nên xem lại."
        if hide_key:
            key, warning = "", ""
        stats.append(
            ItemStat(
                question_id=qid,
                text=q.text,
                attempts=len(its),
                facility=facility_index(credits),
                discrimination=disc,
                key_labels=key,
                option_counts=dict(sorted(option_counts.items())),
                warning=warning,
                key_hidden=hide_key,
            )
        )
    stats.sort(key=lambda s: (s.warning == "", s.question_id))
    return stats


# --- regrading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegradeStatus:
    running: bool
    done: int
    total: int


def begin_regrade(
    *, session: Session, actor: Actor, round_id: int, now: datetime | None = None
) -> int:
    """Claim the round for a regrade; a second start while one runs is refused."""
    require(actor, Capability.REGRADE)
    now = now_utc(now)
    round_row(session, round_id)
    total = session.exec(
        select(func.count())
        .select_from(Attempt)
        .where(Attempt.round_id == round_id, Attempt.status == AttemptStatus.SUBMITTED)
    ).one()
    claimed = session.execute(
        update(Round)
        .where(
            Round.id == round_id,
            (Round.regrading_since.is_(None)) | (Round.regrading_since < now - REGRADE_STALE),
        )
        .values(regrading_since=now, regrade_done=0, regrade_total=total)
    ).rowcount
    if claimed != 1:
        raise UserError("Đợt thi này đang được chấm lại; vui lòng chờ lần chấm hiện tại xong.")
    return int(total)


def regrade_batch(
    *, session: Session, actor: Actor, round_id: int, after_id: int = 0, size: int = 200
) -> int | None:
    """Regrade the next batch of submitted attempts (by id); returns the last id done, or None
    when nothing is left."""
    require(actor, Capability.REGRADE)
    rnd = round_row(session, round_id)
    if rnd.regrading_since is None:
        raise UserError("Chưa bắt đầu chấm lại.")
    batch = session.exec(
        select(Attempt)
        .where(
            Attempt.round_id == round_id,
            Attempt.status == AttemptStatus.SUBMITTED,
            Attempt.id > after_id,
        )
        .order_by(Attempt.id)
        .limit(size)
    ).all()
    if not batch:
        return None
    questions = {q.id: q for q in session.exec(select(Question))}
    for attempt in batch:
        grade_attempt(session=session, attempt=attempt, rnd=rnd, questions=questions)
    rnd.regrade_done += len(batch)
    rnd.regrading_since = datetime.now(UTC)
    session.add(rnd)
    session.flush()
    return batch[-1].id


def end_regrade(*, session: Session, actor: Actor, round_id: int) -> None:
    require(actor, Capability.REGRADE)
    rnd = round_row(session, round_id)
    rnd.regrading_since = None
    # The prediction's actual value depends on who answered everything right: compute it anew.
    rnd.prediction_actual = None
    rnd.prediction_computed_at = None
    session.add(rnd)
    session.flush()


def regrade_round(
    *, session: Session, actor: Actor, round_id: int, now: datetime | None = None, progress=None
) -> int:
    """The whole regrade in one call (for scripts and tests)."""
    require(actor, Capability.REGRADE)
    total = begin_regrade(session=session, actor=actor, round_id=round_id, now=now)
    last, done = 0, 0
    while (
        last := regrade_batch(session=session, actor=actor, round_id=round_id, after_id=last)
    ) is not None:
        done = round_row(session, round_id).regrade_done
        if progress:
            progress(done, total)
    end_regrade(session=session, actor=actor, round_id=round_id)
    return total


def regrade_status(*, session: Session, actor: Actor, round_id: int) -> RegradeStatus:
    require(actor, Capability.REGRADE)
    rnd = round_row(session, round_id)
    return RegradeStatus(
        running=rnd.regrading_since is not None, done=rnd.regrade_done, total=rnd.regrade_total
    )


# --- trial rounds --------------------------------------------------------------------------------


def wipe_trial_round(
    *, session: Session, actor: Actor, round_id: int, now: datetime | None = None
) -> int:
    """Delete every attempt of a trial round (before the official rounds); returns how many."""
    require(actor, Capability.MANAGE_CONTESTS)
    rnd = round_row(session, round_id)
    if not rnd.is_trial:
        raise UserError("Chỉ được xóa kết quả của đợt thi thử.")
    ids = list(session.exec(select(Attempt.id).where(Attempt.round_id == round_id)))
    if ids:
        session.execute(delete(AttemptItem).where(AttemptItem.attempt_id.in_(ids)))
        session.execute(delete(Attempt).where(Attempt.id.in_(ids)))
    rnd.trial_wiped_at = now_utc(now)
    session.add(rnd)
    session.flush()
    return len(ids)


@dataclass(frozen=True)
class MyStanding:
    rank: int
    total: int
    prize: str
    explanation: str


def my_standing(
    *, session: Session, round_id: int, user_id: int, now: datetime | None = None
) -> MyStanding | None:
    """A member's own place once the round has closed (nothing about anyone else)."""
    now = now_utc(now)
    if now < utc(round_row(session, round_id).closes_at):
        return None
    view = _round_ranking(session, round_id, now)
    for row in view.rows:
        if row.entry.user_id == user_id:
            return MyStanding(
                rank=row.rank, total=len(view.rows), prize=row.prize, explanation=row.explanation
            )
    return None
