"""The checks before a contest is published, and publishing or withdrawing it."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from models.accounts import Unit
from models.contests import (
    ContestPublic,
    ContestStatus,
    Round,
)
from services.capabilities import Actor, Capability, require
from services.contests.clock import now_utc, utc
from services.contests.contests import contest_row
from services.contests.grading import draw_questions
from services.contests.questions import quota_pools
from services.errors import UserError
from services.vi import format_datetime


@dataclass(frozen=True)
class PublishProblem:
    where: str
    message: str
    blocking: bool = True


def publish_problems(*, session: Session, actor: Actor, contest_id: int) -> list[PublishProblem]:
    """Everything that would break if the contest were published now."""
    require(actor, Capability.MANAGE_CONTESTS)
    contest = contest_row(session, contest_id)
    problems: list[PublishProblem] = []
    if not contest.title.strip():
        problems.append(PublishProblem("Cuộc thi", "Chưa có tên cuộc thi."))
    if not contest.rules.strip():
        problems.append(
            PublishProblem(
                "Cuộc thi",
                "Chưa có thể lệ; người dự thi nên được đọc thể lệ trước khi thi.",
                blocking=False,
            )
        )
    for unit_id in contest.eligible_unit_ids:
        if session.get(Unit, unit_id) is None:
            problems.append(
                PublishProblem("Đối tượng dự thi", f"Đơn vị #{unit_id} không còn tồn tại.")
            )
    rounds = session.exec(
        select(Round)
        .where(Round.contest_id == contest_id)
        .order_by(Round.sort_order, Round.opens_at)
    ).all()
    official = [r for r in rounds if not r.is_trial]
    if not official:
        problems.append(PublishProblem("Đợt thi", "Chưa có đợt thi chính thức nào."))
    for rnd in rounds:
        where = f"Đợt “{rnd.name}”"
        if utc(rnd.closes_at) <= utc(rnd.opens_at):
            problems.append(
                PublishProblem(
                    where,
                    f"Đóng lúc {format_datetime(rnd.closes_at)}, trước khi mở lúc "
                    f"{format_datetime(rnd.opens_at)}.",
                )
            )
        if not rnd.quotas:
            problems.append(PublishProblem(where, "Chưa có cơ cấu đề (số câu mỗi nhóm)."))
        pools = quota_pools(session=session, quotas=rnd.quotas)
        for name, count, pool in pools:
            if len(pool) < count:
                problems.append(
                    PublishProblem(
                        where,
                        f"Nhóm “{name}” cần {count} câu nhưng ngân hàng chỉ có {len(pool)} "
                        "câu đang dùng.",
                    )
                )
        if all(len(pool) >= count for _n, count, pool in pools):
            try:
                draw_questions(pools, rng=random.Random(0))
            except UserError as exc:
                problems.append(PublishProblem(where, str(exc)))
        if rnd.prediction_enabled and not rnd.prediction_text.strip():
            problems.append(
                PublishProblem(
                    where, "Bật câu hỏi dự đoán nhưng chưa nhập nội dung câu hỏi dự đoán."
                )
            )
        if (
            rnd.is_trial
            and official
            and utc(rnd.closes_at) > min(utc(r.opens_at) for r in official)
        ):
            problems.append(
                PublishProblem(
                    where, "Đợt thi thử phải kết thúc trước khi đợt chính thức đầu tiên mở."
                )
            )
    for a, b in zip(official, official[1:], strict=False):
        if utc(b.opens_at) < utc(a.closes_at):
            problems.append(
                PublishProblem(
                    f"Đợt “{b.name}”",
                    f"Mở lúc {format_datetime(b.opens_at)}, trước khi đợt “{a.name}” đóng.",
                    blocking=False,
                )
            )
    return problems


def publish_contest(
    *, session: Session, actor: Actor, contest_id: int, now: datetime | None = None
) -> ContestPublic:
    require(actor, Capability.MANAGE_CONTESTS)
    blocking = [
        p
        for p in publish_problems(session=session, actor=actor, contest_id=contest_id)
        if p.blocking
    ]
    if blocking:
        raise UserError(
            "Chưa thể công bố cuộc thi: " + " ".join(f"{p.where}: {p.message}" for p in blocking)
        )
    contest = contest_row(session, contest_id)
    contest.status = ContestStatus.PUBLISHED
    contest.published_at = now_utc(now)
    session.add(contest)
    session.flush()
    return ContestPublic.model_validate(contest)


def unpublish_contest(*, session: Session, actor: Actor, contest_id: int) -> ContestPublic:
    require(actor, Capability.MANAGE_CONTESTS)
    contest = contest_row(session, contest_id)
    contest.status = ContestStatus.DRAFT
    session.add(contest)
    session.flush()
    return ContestPublic.model_validate(contest)
