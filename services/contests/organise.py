"""Question bank, contests, rounds, registration and the checks before publishing."""

from __future__ import annotations

import hashlib
import hmac
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from models.accounts import Unit, User
from models.common import as_utc
from models.contests import (
    Contest,
    ContestCreate,
    ContestPublic,
    ContestStatus,
    ContestUpdate,
    CountingRule,
    MultipleScoring,
    PredictionKind,
    Question,
    QuestionCategory,
    QuestionCategoryPublic,
    QuestionCreate,
    QuestionPublic,
    QuestionType,
    QuestionUpdate,
    Registration,
    RegistrationCreate,
    ReviewPolicy,
    Round,
    RoundCreate,
    RoundPublic,
    RoundUpdate,
)
from services.accounts.users import EMAIL_PATTERN
from services.capabilities import Actor, Capability, require
from services.contests.grading import draw_questions
from services.errors import NotFound, PermissionDenied, UserError
from services.units import descendant_ids
from services.vi import format_datetime, local_now

CCCD_RE = re.compile(r"^\d{12}$")
PHONE_RE = re.compile(r"^(\+84|0)\d{9,10}$")


def cccd_digest(secret_key: str, number: str) -> str:
    """The keyed hash a CCCD is stored as (migration 0007_exports_cccd uses the same formula):
    equal numbers match for duplicate checks, a leaked database without the key reveals none."""
    return hmac.new(secret_key.encode(), b"cccd:" + number.encode(), hashlib.sha256).hexdigest()


utc = as_utc  # the name the contests code has always used


def now_utc(now: datetime | None = None) -> datetime:
    return utc(now) if now is not None else datetime.now(UTC)


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


# --- categories --------------------------------------------------------------------------------


def create_category(
    *, session: Session, actor: Actor, name: str, parent_id: int | None = None
) -> QuestionCategoryPublic:
    require(actor, Capability.MANAGE_CONTESTS)
    name = (name or "").strip()
    if not name:
        raise UserError("Vui lòng nhập tên nhóm câu hỏi.")
    if parent_id is not None and session.get(QuestionCategory, parent_id) is None:
        raise UserError("Nhóm cấp trên không tồn tại.")
    category = QuestionCategory(name=name, parent_id=parent_id)
    session.add(category)
    session.flush()
    return QuestionCategoryPublic(id=category.id, name=name, parent_id=parent_id)


def category_by_path(*, session: Session, actor: Actor, path: str) -> int:
    """'Chỉ thị 05/Mốc thời gian' -> the id, creating missing levels."""
    require(actor, Capability.MANAGE_CONTESTS)
    parent_id = None
    parts = [p.strip() for p in re.split(r"(?<!/)/(?!/)", path) if p.strip()]
    if not parts:
        parts = ["Chưa phân loại"]
    for part in parts:
        part = part.replace("//", "/")
        found = session.exec(
            select(QuestionCategory).where(
                QuestionCategory.name == part, QuestionCategory.parent_id == parent_id
            )
        ).first()
        if found is None:
            found = QuestionCategory(name=part, parent_id=parent_id)
            session.add(found)
            session.flush()
        parent_id = found.id
    return parent_id


def list_categories(*, session: Session) -> list[QuestionCategoryPublic]:
    """Tree order with depth, full path and the number of active questions (own only)."""
    cats = session.exec(select(QuestionCategory).order_by(QuestionCategory.name)).all()
    counts = dict(
        session.exec(
            select(Question.category_id, func.count(Question.id))
            .where(Question.is_active)
            .group_by(Question.category_id)
        ).all()
    )
    children: dict[int | None, list[QuestionCategory]] = {}
    for c in cats:
        children.setdefault(c.parent_id, []).append(c)
    out: list[QuestionCategoryPublic] = []

    def walk(parent: int | None, depth: int, prefix: str) -> None:
        for c in children.get(parent, []):
            path = f"{prefix}/{c.name}" if prefix else c.name
            out.append(
                QuestionCategoryPublic(
                    id=c.id,
                    name=c.name,
                    parent_id=c.parent_id,
                    depth=depth,
                    path=path,
                    question_count=counts.get(c.id, 0),
                )
            )
            walk(c.id, depth + 1, path)

    walk(None, 0, "")
    return out


def subtree_counts(categories: list[QuestionCategoryPublic]) -> dict[int, int]:
    """Active questions of each group with its subgroups: what a quota on that group draws
    from (pure; `categories` as `list_categories` returns them)."""
    totals = {c.id: c.question_count for c in categories}
    parent = {c.id: c.parent_id for c in categories}
    for c in categories:
        up = c.parent_id
        while up is not None and up in totals:
            totals[up] += c.question_count
            up = parent[up]
    return totals


def category_descendants(*, session: Session, category_id: int) -> set[int]:
    pairs = session.exec(select(QuestionCategory.id, QuestionCategory.parent_id)).all()
    kids: dict[int, list[int]] = {}
    for cid, parent in pairs:
        if parent is not None:
            kids.setdefault(parent, []).append(cid)
    found, stack = set(), [category_id]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(kids.get(current, []))
    return found


# --- questions ---------------------------------------------------------------------------------


def validate_question(data: QuestionCreate | dict) -> list[str]:
    """Problems that make a question unusable, in Vietnamese (empty when it is fine)."""
    if isinstance(data, dict):
        qtype, text, options = data.get("qtype"), data.get("text", ""), data.get("options", [])
    else:
        qtype, text, options = data.qtype, data.text, data.options
    problems = []
    if not (text or "").strip():
        problems.append("thiếu nội dung câu hỏi")
    if qtype not in {t.value for t in QuestionType}:
        problems.append(f"loại câu hỏi “{qtype}” không được hỗ trợ")
        return problems
    texts = [(o.get("text") or "").strip() for o in options]
    correct = sum(1 for o in options if o.get("correct"))
    if qtype == QuestionType.TRUE_FALSE:
        if len(options) != 2:
            problems.append("câu Đúng/Sai phải có đúng 2 phương án")
        if correct != 1:
            problems.append("câu Đúng/Sai phải có đúng 1 đáp án đúng")
        return problems
    if len(options) < 2:
        problems.append("cần ít nhất 2 phương án")
    if any(not t for t in texts):
        problems.append("có phương án để trống")
    if len(set(texts)) != len(texts):
        problems.append("có hai phương án trùng nhau")
    if qtype == QuestionType.SINGLE and correct < 1:
        # Moodle allows several full-credit answers to a one-choice question ({=a =b ~c}).
        problems.append("câu một đáp án phải có ít nhất 1 đáp án đúng (đang có 0)")
    if qtype == QuestionType.MULTIPLE and not 1 <= correct <= 4:
        problems.append(f"câu nhiều đáp án phải có từ 1 đến 4 đáp án đúng (đang có {correct})")
    return problems


def _clean_options(options: list[dict]) -> list[dict]:
    out = []
    for o in options:
        item = {"text": (o.get("text") or "").strip(), "correct": bool(o.get("correct"))}
        if o.get("weight") is not None:
            item["weight"] = float(o["weight"])
        if o.get("feedback"):
            item["feedback"] = str(o["feedback"]).strip()
        out.append(item)
    return out


def create_question(
    *, session: Session, actor: Actor, question_in: QuestionCreate
) -> QuestionPublic:
    require(actor, Capability.MANAGE_CONTESTS)
    problems = validate_question(question_in)
    if problems:
        raise UserError("Câu hỏi chưa hợp lệ: " + "; ".join(problems) + ".")
    if session.get(QuestionCategory, question_in.category_id) is None:
        raise UserError("Nhóm câu hỏi không tồn tại.")
    question = Question.model_validate(question_in)
    question.text = question.text.strip()
    question.options = _clean_options(question_in.options)
    session.add(question)
    session.flush()
    return QuestionPublic.model_validate(question)


def update_question(
    *, session: Session, actor: Actor, question_id: int, question_in: QuestionUpdate
) -> QuestionPublic:
    """Edit a question. Changing the key of a question already answered calls for a regrade,
    which the organiser starts from the statistics page."""
    require(actor, Capability.MANAGE_CONTESTS)
    question = session.get(Question, question_id)
    if question is None:
        raise NotFound("Không tìm thấy câu hỏi.")
    changes = question_in.model_dump(exclude_unset=True)
    merged = {
        "qtype": changes.get("qtype", question.qtype),
        "text": changes.get("text", question.text),
        "options": changes.get("options", question.options),
    }
    if "options" in changes and len(changes["options"]) != len(question.options):
        answered = session.exec(
            select(func.count())
            .select_from(_item_table())
            .where(_item_table().c.question_id == question_id)
        ).one()
        if answered:
            raise UserError(
                "Câu hỏi đã có người làm: chỉ được sửa nội dung và đáp án đúng, "
                "không được thêm hay bớt phương án."
            )
    problems = validate_question(merged)
    if problems:
        raise UserError("Câu hỏi chưa hợp lệ: " + "; ".join(problems) + ".")
    for key, value in changes.items():
        if key == "options":
            value = _clean_options(value)
        setattr(question, key, value)
    question.updated_at = datetime.now(UTC)
    session.add(question)
    session.flush()
    return QuestionPublic.model_validate(question)


def _item_table():
    from models.contests import AttemptItem

    return AttemptItem.__table__


def list_questions(
    *,
    session: Session,
    actor: Actor,
    category_id: int | None = None,
    search: str = "",
    include_inactive: bool = False,
) -> list[QuestionPublic]:
    require(actor, Capability.MANAGE_CONTESTS)
    query = select(Question).order_by(Question.id)
    if category_id is not None:
        ids = category_descendants(session=session, category_id=category_id)
        query = query.where(Question.category_id.in_(ids))
    if not include_inactive:
        query = query.where(Question.is_active)
    rows = session.exec(query).all()
    if search.strip():
        from services.vi import unaccent

        needle = unaccent(search)
        rows = [q for q in rows if needle in unaccent(q.text + " " + q.tags + " " + q.name)]
    return [QuestionPublic.model_validate(q) for q in rows]


def get_question(*, session: Session, actor: Actor, question_id: int) -> QuestionPublic:
    require(actor, Capability.MANAGE_CONTESTS)
    question = session.get(Question, question_id)
    if question is None:
        raise NotFound("Không tìm thấy câu hỏi.")
    return QuestionPublic.model_validate(question)


# --- contests ----------------------------------------------------------------------------------


def create_contest(
    *, session: Session, actor: Actor, contest_in: ContestCreate, user_id: int | None = None
) -> ContestPublic:
    require(actor, Capability.MANAGE_CONTESTS)
    if not contest_in.title.strip():
        raise UserError("Vui lòng nhập tên cuộc thi.")
    contest = Contest.model_validate(contest_in)
    contest.title = contest.title.strip()
    contest.created_by = user_id
    session.add(contest)
    session.flush()
    return ContestPublic.model_validate(contest)


def update_contest(
    *, session: Session, actor: Actor, contest_id: int, contest_in: ContestUpdate
) -> ContestPublic:
    require(actor, Capability.MANAGE_CONTESTS)
    contest = _contest(session, contest_id)
    for key, value in contest_in.model_dump(exclude_unset=True).items():
        setattr(contest, key, value)
    if not contest.title.strip():
        raise UserError("Vui lòng nhập tên cuộc thi.")
    session.add(contest)
    session.flush()
    return ContestPublic.model_validate(contest)


def _contest(session: Session, contest_id: int) -> Contest:
    contest = session.get(Contest, contest_id)
    if contest is None:
        raise NotFound("Không tìm thấy cuộc thi.")
    return contest


def get_contest(*, session: Session, contest_id: int) -> ContestPublic:
    return ContestPublic.model_validate(_contest(session, contest_id))


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
    _contest(session, round_in.contest_id)
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
    rnd = _round(session, round_id)
    changes = round_in.model_dump(exclude_unset=True)
    merged = {**rnd.model_dump(), **changes}
    _check_round_fields(merged)
    for key, value in changes.items():
        if key in {"opens_at", "closes_at"}:
            value = utc(value)
        if key == "quotas":
            value = {str(k): int(v) for k, v in value.items() if int(v) > 0}
        setattr(rnd, key, value)
    session.add(rnd)
    session.flush()
    return RoundPublic.model_validate(rnd)


def _round(session: Session, round_id: int) -> Round:
    rnd = session.get(Round, round_id)
    if rnd is None:
        raise NotFound("Không tìm thấy đợt thi.")
    return rnd


def get_round(*, session: Session, round_id: int) -> RoundPublic:
    return RoundPublic.model_validate(_round(session, round_id))


def list_rounds(*, session: Session, contest_id: int) -> list[RoundPublic]:
    rows = session.exec(
        select(Round)
        .where(Round.contest_id == contest_id)
        .order_by(Round.sort_order, Round.opens_at, Round.id)
    ).all()
    return [RoundPublic.model_validate(r) for r in rows]


def quota_pools(*, session: Session, quotas: dict[str, int]) -> list[tuple[str, int, list[int]]]:
    """(category name, count, active question ids in it and under it) per quota."""
    active = session.exec(select(Question.id, Question.category_id).where(Question.is_active)).all()
    by_cat: dict[int, list[int]] = {}
    for qid, cid in active:
        by_cat.setdefault(cid, []).append(qid)
    pools = []
    for key, count in quotas.items():
        category = session.get(QuestionCategory, int(key))
        if category is None:
            pools.append((f"#{key} (đã bị xóa)", int(count), []))
            continue
        ids = category_descendants(session=session, category_id=category.id)
        pools.append((category.name, int(count), sorted(q for c in ids for q in by_cat.get(c, []))))
    return pools


# --- publishing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublishProblem:
    where: str
    message: str
    blocking: bool = True


def publish_problems(*, session: Session, actor: Actor, contest_id: int) -> list[PublishProblem]:
    """Everything that would break if the contest were published now."""
    require(actor, Capability.MANAGE_CONTESTS)
    contest = _contest(session, contest_id)
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
    contest = _contest(session, contest_id)
    contest.status = ContestStatus.PUBLISHED
    contest.published_at = now_utc(now)
    session.add(contest)
    session.flush()
    return ContestPublic.model_validate(contest)


def unpublish_contest(*, session: Session, actor: Actor, contest_id: int) -> ContestPublic:
    require(actor, Capability.MANAGE_CONTESTS)
    contest = _contest(session, contest_id)
    contest.status = ContestStatus.DRAFT
    session.add(contest)
    session.flush()
    return ContestPublic.model_validate(contest)


# --- eligibility and registration ----------------------------------------------------------------


def is_eligible(*, session: Session, contest: Contest | ContestPublic, unit_id: int | None) -> bool:
    if not contest.eligible_unit_ids:
        return True
    if unit_id is None:
        return False
    allowed: set[int] = set()
    for uid in contest.eligible_unit_ids:
        allowed |= descendant_ids(session=session, unit_id=uid)
    return unit_id in allowed


def validate_registration(contest: Contest | ContestPublic, data: RegistrationCreate) -> list[str]:
    problems = []
    if len(data.full_name.strip().split()) < 2:
        problems.append("Vui lòng nhập đầy đủ họ và tên.")
    phone, email = data.phone.strip().replace(" ", ""), data.email.strip()
    if phone and not PHONE_RE.match(phone):
        problems.append("Số điện thoại không hợp lệ (10–11 chữ số, bắt đầu bằng 0 hoặc +84).")
    if email and not EMAIL_PATTERN.match(email):
        problems.append("Địa chỉ email không hợp lệ.")
    if contest.ask_phone_or_email and not phone and not email:
        problems.append(
            "Vui lòng nhập số điện thoại hoặc email để Ban tổ chức liên hệ khi trao giải."
        )
    cccd = data.cccd.strip().replace(" ", "")
    if cccd and not CCCD_RE.match(cccd):
        problems.append("Số CCCD phải gồm đúng 12 chữ số.")
    if contest.ask_cccd and contest.cccd_required and not cccd:
        problems.append("Vui lòng nhập số CCCD.")
    return problems


def register(
    *,
    session: Session,
    contest_id: int,
    user_id: int,
    data: RegistrationCreate,
    secret_key: str | None = None,
) -> Registration:
    """`secret_key` (the app's SECRET_KEY) keys the hash a CCCD is stored as; it is needed only
    when the contest asks for one."""
    contest = _contest(session, contest_id)
    if contest.status != ContestStatus.PUBLISHED:
        raise UserError("Cuộc thi chưa được công bố.")
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("Không tìm thấy tài khoản.")
    if not contest.self_registration:
        raise PermissionDenied(
            "Cuộc thi này do Ban tổ chức đăng ký cho người dự thi; vui lòng liên hệ Ban tổ chức."
        )
    unit_id = data.unit_id if data.unit_id is not None else user.unit_id
    if not is_eligible(session=session, contest=contest, unit_id=unit_id):
        raise PermissionDenied("Đơn vị của bạn không thuộc đối tượng dự thi của cuộc thi này.")
    problems = validate_registration(contest, data)
    if problems:
        raise UserError(" ".join(problems))
    cccd = data.cccd.strip().replace(" ", "") if contest.ask_cccd else ""
    digest = ""
    if cccd:
        if not secret_key:
            raise ValueError("register() needs the app's secret key to store a CCCD")
        digest = cccd_digest(secret_key, cccd)
        taken = session.exec(
            select(Registration.id).where(
                Registration.contest_id == contest_id,
                Registration.cccd_digest == digest,
                Registration.user_id != user_id,
            )
        ).first()
        if taken is not None:
            raise UserError(
                "Số CCCD này đã được dùng để đăng ký cuộc thi với một tài khoản "
                "khác; vui lòng kiểm tra lại hoặc liên hệ Ban tổ chức."
            )
    reg = session.exec(
        select(Registration).where(
            Registration.contest_id == contest_id, Registration.user_id == user_id
        )
    ).first()
    if reg is None:
        reg = Registration(contest_id=contest_id, user_id=user_id, full_name="")
    reg.full_name = " ".join(data.full_name.split())
    reg.unit_id = unit_id
    reg.phone = data.phone.strip().replace(" ", "")
    reg.email = data.email.strip()
    reg.cccd_digest, reg.cccd_last4 = digest, cccd[-4:]
    session.add(reg)
    session.flush()
    return Registration.model_validate(reg)


def get_registration(*, session: Session, contest_id: int, user_id: int) -> Registration | None:
    reg = session.exec(
        select(Registration).where(
            Registration.contest_id == contest_id, Registration.user_id == user_id
        )
    ).first()
    return Registration.model_validate(reg) if reg else None


def register_units(*, session: Session, actor: Actor, contest_id: int, unit_ids: list[int]) -> int:
    """The organiser registers every active member of these units (and their sub-units) who is
    not registered yet; returns how many were added."""
    require(actor, Capability.MANAGE_CONTESTS)
    contest = _contest(session, contest_id)
    wanted: set[int] = set()
    for unit_id in unit_ids:
        wanted |= descendant_ids(session=session, unit_id=unit_id)
    if not wanted:
        raise UserError("Vui lòng chọn ít nhất một đơn vị.")
    already = set(
        session.exec(
            select(Registration.user_id).where(Registration.contest_id == contest_id)
        ).all()
    )
    added = 0
    for user in session.exec(select(User).where(User.unit_id.in_(wanted), User.is_active)):
        if user.id in already or not is_eligible(
            session=session, contest=contest, unit_id=user.unit_id
        ):
            continue
        session.add(
            Registration(
                contest_id=contest_id,
                user_id=user.id,
                full_name=user.full_name,
                unit_id=user.unit_id,
                email=user.email or "",
            )
        )
        added += 1
    session.flush()
    return added


def registration_count(*, session: Session, contest_id: int) -> int:
    return session.exec(
        select(func.count()).select_from(Registration).where(Registration.contest_id == contest_id)
    ).one()
