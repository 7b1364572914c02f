"""Contests and their rounds: create, edit, read, list, and where a new round's form starts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

from sqlmodel import Session, SQLModel, select

from models.contests import (
    Contest,
    ContestCreate,
    ContestPublic,
    ContestStatus,
    ContestUpdate,
    CountingRule,
    MultipleScoring,
    PredictionKind,
    ReviewPolicy,
    Round,
    RoundCreate,
    RoundPublic,
    RoundUpdate,
)
from services.capabilities import Actor, Capability, require
from services.contests.clock import now_utc, utc
from services.errors import NotFound, UserError
from services.vi import local_now

ROUND_OPENING_HOUR = 7  # a fresh round opens at 07:00 in Việt Nam, when members start work
ROUND_DAYS = 7


def default_round_window(
    *, previous_closes: datetime | None = None, now: datetime | None = None
) -> tuple[datetime, datetime]:
    """Where a new round's form starts: when the previous round closes, if that is still ahead;
    otherwise at 07:00 on the next day in Việt Nam. A week long. Counted on the local calendar,
    so an organiser working at 23:30 or 00:30 gets "tomorrow" as they mean it, never a moment
    that has passed or an hour such as 00:00 that nobody would choose."""
    now = now_utc(now)
    previous_closes = utc(previous_closes)
    if previous_closes is not None and previous_closes > now:
        opens = previous_closes
    else:
        tomorrow = local_now(now).date() + timedelta(days=1)
        opens = datetime.combine(tomorrow, time(ROUND_OPENING_HOUR), tzinfo=local_now(now).tzinfo)
    return opens.astimezone(UTC), (opens + timedelta(days=ROUND_DAYS)).astimezone(UTC)


def create_contest(*, session: Session, actor: Actor, contest_in: ContestCreate) -> ContestPublic:
    """A new contest, credited to the actor who creates it."""
    require(actor, Capability.MANAGE_CONTESTS)
    if not contest_in.title.strip():
        raise UserError("Vui lòng nhập tên cuộc thi.")
    contest = Contest.model_validate(contest_in)
    contest.title = contest.title.strip()
    contest.created_by = actor.id
    session.add(contest)
    session.flush()
    return ContestPublic.model_validate(contest)


def update_contest(
    *, session: Session, actor: Actor, contest_id: int, contest_in: ContestUpdate
) -> ContestPublic:
    require(actor, Capability.MANAGE_CONTESTS)
    contest = contest_row(session, contest_id)
    _apply_update(session, contest, contest_in, check=_check_contest_fields)
    return ContestPublic.model_validate(contest)


def _check_contest_fields(data: dict) -> None:
    if not data["title"].strip():
        raise UserError("Vui lòng nhập tên cuộc thi.")


def _apply_update(
    session: Session,
    row: Contest | Round,
    update_in: SQLModel,
    *,
    check: Callable[[dict], None],
    convert: Callable[[str, object], object] = lambda _key, value: value,
) -> None:
    """The shared part of an update: the fields the form sent are checked as the row would be
    with them (`check` raises UserError), then set (through `convert`) and flushed."""
    changes = update_in.model_dump(exclude_unset=True)
    check({**row.model_dump(), **changes})
    for key, value in changes.items():
        setattr(row, key, convert(key, value))
    session.add(row)
    session.flush()


def contest_row(session: Session, contest_id: int) -> Contest:
    """The contest itself, to change or check it (NotFound when there is none)."""
    contest = session.get(Contest, contest_id)
    if contest is None:
        raise NotFound("Không tìm thấy cuộc thi.")
    return contest


def get_contest(*, session: Session, contest_id: int) -> ContestPublic:
    return ContestPublic.model_validate(contest_row(session, contest_id))


def list_contests(*, session: Session, published_only: bool = False) -> list[ContestPublic]:
    query = select(Contest).order_by(Contest.created_at.desc(), Contest.id.desc())
    if published_only:
        query = query.where(Contest.status == ContestStatus.PUBLISHED)
    return [ContestPublic.model_validate(c) for c in session.exec(query).all()]


def _check_round_fields(data: dict) -> None:
    opens, closes = utc(data.get("opens_at")), utc(data.get("closes_at"))
    if opens and closes and closes <= opens:
        raise UserError("Thời điểm đóng phải sau thời điểm mở.")
    if data.get("counting") and data["counting"] not in {c.value for c in CountingRule}:
        raise UserError("Cách tính lần thi không hợp lệ.")
    if data.get("review_policy") and data["review_policy"] not in {r.value for r in ReviewPolicy}:
        raise UserError("Chế độ xem đáp án không hợp lệ.")
    if data.get("multiple_scoring") and data["multiple_scoring"] not in {
        m.value for m in MultipleScoring
    }:
        raise UserError("Cách chấm câu nhiều đáp án không hợp lệ.")
    if data.get("prediction_kind") and data["prediction_kind"] not in {
        p.value for p in PredictionKind
    }:
        raise UserError("Loại câu hỏi dự đoán không hợp lệ.")
    from services.contests.grading import RANK_KEYS

    if any(k not in RANK_KEYS for k in data.get("ranking_chain") or []):
        raise UserError("Tiêu chí xếp hạng không hợp lệ.")
    for value in (data.get("quotas") or {}).values():
        if int(value) < 0:
            raise UserError("Số câu theo cơ cấu đề không được âm.")


def create_round(*, session: Session, actor: Actor, round_in: RoundCreate) -> RoundPublic:
    require(actor, Capability.MANAGE_CONTESTS)
    contest_row(session, round_in.contest_id)
    if not round_in.name.strip():
        raise UserError("Vui lòng nhập tên đợt thi.")
    data = round_in.model_dump()
    _check_round_fields(data)
    rnd = Round.model_validate(round_in)
    rnd.opens_at, rnd.closes_at = utc(rnd.opens_at), utc(rnd.closes_at)
    rnd.quotas = {str(k): int(v) for k, v in round_in.quotas.items() if int(v) > 0}
    session.add(rnd)
    session.flush()
    return RoundPublic.model_validate(rnd)


def update_round(
    *, session: Session, actor: Actor, round_id: int, round_in: RoundUpdate
) -> RoundPublic:
    require(actor, Capability.MANAGE_CONTESTS)
    rnd = round_row(session, round_id)
    _apply_update(session, rnd, round_in, check=_check_round_fields, convert=_round_value)
    return RoundPublic.model_validate(rnd)


def _round_value(key: str, value):
    """A round's field as stored: times in UTC, quotas without the empty entries."""
    if key in {"opens_at", "closes_at"}:
        return utc(value)
    if key == "quotas":
        return {str(k): int(v) for k, v in value.items() if int(v) > 0}
    return value


def round_row(session: Session, round_id: int) -> Round:
    """The round itself, to change or read it (NotFound when there is none)."""
    rnd = session.get(Round, round_id)
    if rnd is None:
        raise NotFound("Không tìm thấy đợt thi.")
    return rnd


def get_round(*, session: Session, round_id: int) -> RoundPublic:
    return RoundPublic.model_validate(round_row(session, round_id))


def list_rounds(*, session: Session, contest_id: int) -> list[RoundPublic]:
    rows = session.exec(
        select(Round)
        .where(Round.contest_id == contest_id)
        .order_by(Round.sort_order, Round.opens_at, Round.id)
    ).all()
    return [RoundPublic.model_validate(r) for r in rows]
