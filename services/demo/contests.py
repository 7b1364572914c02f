"""Demo data for the contests module: the question bank from the articles, a two-round contest
and simulated participation from the demo units (round 1 closed, round 2 open now)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert
from sqlmodel import Session, select

from models.accounts import Role, Unit, User
from models.contests import (
    Attempt,
    AttemptItem,
    AttemptStatus,
    Contest,
    ContestStatus,
    MultipleScoring,
    PredictionKind,
    Question,
    QuestionType,
    Registration,
    ReviewPolicy,
    Round,
)
from services.accounts.passwords import hash_password
from services.capabilities import SYSTEM
from services.contests.grading import draw_questions, grade_item, option_order
from services.contests.questions import category_by_path, quota_pools
from services.demo.contests_questions import CATEGORY_ROOT, QUESTIONS
from services.settings import Settings

CONTEST_TITLE = (
    "Cuộc thi trực tuyến tìm hiểu việc học tập và làm theo tư tưởng, đạo đức, "
    "phong cách Hồ Chí Minh"
)
TYPES = {"s": QuestionType.SINGLE, "m": QuestionType.MULTIPLE, "tf": QuestionType.TRUE_FALSE}

FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Hà",
    "Lương",
    "Nông",
    "Triệu",
    "Lâm",
)
MIDDLE = (
    "Văn",
    "Thị",
    "Minh",
    "Thu",
    "Quốc",
    "Thanh",
    "Đức",
    "Ngọc",
    "Hải",
    "Hồng",
    "Xuân",
    "Kim",
    "Bảo",
    "Gia",
)
GIVEN = (
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Giang",
    "Hà",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Phương",
    "Quân",
    "Quỳnh",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Trung",
    "Tuấn",
    "Vân",
    "Yến",
)
# Units where the demo leaves nobody taking part (so the chart shows empty units too).
QUIET_UNITS = ("Đảng bộ Cục Hải quan", "Chi bộ Hội Cựu chiến binh tỉnh")
SIMULATED = 72


RULES = """1. Đối tượng: cán bộ, đảng viên, công chức, viên chức và người lao động trong Đảng bộ \
Khối các cơ quan tỉnh.
2. Mỗi tuần thi có 10 câu hỏi trắc nghiệm rút ngẫu nhiên từ ngân hàng câu hỏi, làm trong 15 phút; \
mỗi người được thi tối đa 2 lần mỗi tuần, tính lần có kết quả cao nhất.
3. Câu hỏi dự đoán: dự đoán có bao nhiêu người trả lời đúng tất cả các câu của tuần thi.
4. Xếp hạng: điểm cao hơn xếp trên; bằng điểm thì dự đoán gần đúng hơn xếp trên; vẫn bằng thì \
thời gian làm bài ngắn hơn, rồi nộp bài sớm hơn xếp trên.
5. Giải thưởng mỗi tuần: 1 giải Nhất, 2 giải Nhì, 3 giải Ba, 5 giải Khuyến khích; giải tập thể cho \
đơn vị có nhiều người dự thi nhất và đơn vị có tỉ lệ tham gia cao nhất."""


def seed_bank(session: Session) -> dict[str, int]:
    """The question bank (idempotent by question text); returns category name -> id."""
    cats: dict[str, int] = {}
    existing = {q for q in session.exec(select(Question.text)).all()}
    for cat, kind, text, options, correct, explanation, difficulty in QUESTIONS:
        if cat not in cats:
            cats[cat] = category_by_path(
                session=session, actor=SYSTEM, path=f"{CATEGORY_ROOT}/{cat}"
            )
        if text in existing:
            continue
        session.add(
            Question(
                category_id=cats[cat],
                qtype=TYPES[kind],
                text=text,
                explanation=explanation,
                difficulty=difficulty,
                tags="demo",
                options=[{"text": o, "correct": i in correct} for i, o in enumerate(options)],
            )
        )
    session.flush()
    return cats


def _simulated_members(session: Session, rng: random.Random) -> list[User]:
    units = session.exec(select(Unit)).all()
    targets = [u for u in units if u.parent_id is not None and u.name not in QUIET_UNITS]
    weights = [max(5, u.headcount) for u in targets]
    existing = {
        u.username: u
        for u in session.exec(select(User).where(User.username.like("thisinh%"))).all()
    }
    password_hash = None
    users = []
    for n in range(1, SIMULATED + 1):
        username = f"thisinh{n:03d}"
        unit = rng.choices(targets, weights=weights)[0]
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        if username in existing:
            users.append(existing[username])
            continue
        if password_hash is None:
            from services.demo.units_accounts import DEMO_PASSWORD

            password_hash = hash_password(DEMO_PASSWORD)  # once: argon2 is slow on purpose
        user = User(
            username=username,
            full_name=name,
            role=Role.MEMBER,
            unit_id=unit.id,
            password_hash=password_hash,
        )
        session.add(user)
        users.append(user)
    session.flush()
    return users


def _simulate(
    session: Session,
    rnd: Round,
    users: list[User],
    rng: random.Random,
    start: datetime,
    spread_hours: float,
) -> None:
    """Attempts as the engine would store them (same draw, order, grading), written in bulk so
    the demo seeds in well under a second."""
    questions = {q.id: q for q in session.exec(select(Question))}
    pools = quota_pools(session=session, quotas=rnd.quotas)
    attempts: list[dict] = []
    items: list[list[dict]] = []
    for user in users:
        ability = rng.uniform(0.35, 0.97)
        for number in range(1, rng.choice((1, 1, 1, 2)) + 1):
            at = start + timedelta(hours=rng.uniform(0, spread_hours))
            duration = rng.uniform(150, 840)
            drawn = draw_questions(pools, rng=rng, shuffle=rnd.shuffle_questions)
            rows, score, correct = [], 0.0, 0
            for position, qid in enumerate(drawn, start=1):
                q = questions[qid]
                truth = [i for i, o in enumerate(q.options) if o.get("correct")]
                if rng.random() < ability:
                    chosen = truth
                else:
                    wrong = [i for i in range(len(q.options)) if i not in truth]
                    chosen = [rng.choice(wrong)] if wrong else truth
                    if q.qtype == QuestionType.MULTIPLE and rng.random() < 0.5:
                        chosen = truth[:-1] or chosen
                credit = grade_item(q.qtype, q.options, chosen, rnd.multiple_scoring)
                score += credit
                correct += credit >= 1
                rows.append(
                    {
                        "position": position,
                        "question_id": qid,
                        "option_order": option_order(
                            q.qtype, len(q.options), rng=rng, shuffle=rnd.shuffle_options
                        ),
                        "selected": sorted(chosen),
                        "answered_at": at,
                        "credit": credit,
                    }
                )
            attempts.append(
                {
                    "round_id": rnd.id,
                    "user_id": user.id,
                    "unit_id": user.unit_id,
                    "number": number,
                    "open_slot": None,
                    "status": AttemptStatus.SUBMITTED,
                    "started_at": at,
                    "deadline_at": at + timedelta(minutes=rnd.time_limit_minutes),
                    "submitted_at": at + timedelta(seconds=duration),
                    "auto_submitted": False,
                    "last_seen_at": at + timedelta(seconds=duration),
                    "prediction": max(0, int(rng.gauss(len(users) * 0.12, 4))),
                    "score": round(score, 4),
                    "max_score": float(len(drawn)),
                    "correct_count": correct,
                    "duration_seconds": round(duration, 3),
                }
            )
            items.append(rows)
    ids = [
        session.execute(insert(Attempt).values(**row).returning(Attempt.id)).scalar_one()
        for row in attempts
    ]
    session.execute(
        insert(AttemptItem),
        [
            {**row, "attempt_id": attempt_id}
            for attempt_id, rows in zip(ids, items, strict=True)
            for row in rows
        ],
    )


def seed(*, session: Session, settings: Settings) -> None:
    if session.exec(select(Contest).where(Contest.title == CONTEST_TITLE)).first() is not None:
        return
    rng = random.Random(20160515)
    cats = seed_bank(session)
    now = datetime.now(UTC).replace(microsecond=0)
    contest = Contest(
        title=CONTEST_TITLE,
        description="Cuộc thi trắc nghiệm trực tuyến dành cho cán bộ, đảng viên Đảng bộ Khối "
        "các cơ quan tỉnh, nhân kỷ niệm 10 năm thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 "
        "của Bộ Chính trị.",
        rules=RULES,
        status=ContestStatus.PUBLISHED,
        published_at=now - timedelta(days=15),
        ask_phone_or_email=True,
        ask_cccd=True,
        cccd_required=False,
    )
    session.add(contest)
    session.flush()
    quotas = {
        str(cats[c]): n
        for c, n in zip(
            (
                "Chỉ thị và văn bản hướng dẫn",
                "Chuyên đề hằng năm",
                "Cách thức làm theo: các bước, bản cam kết, sổ tay",
                "Gương sáng ở các địa phương",
            ),
            (3, 2, 2, 3),
            strict=True,
        )
    }
    common = dict(
        contest_id=contest.id,
        quotas=quotas,
        time_limit_minutes=15,
        max_attempts=2,
        prediction_enabled=True,
        prediction_kind=PredictionKind.PERFECT_COUNT,
        prediction_text="Theo bạn, tuần này có bao nhiêu người trả lời đúng tất cả các câu hỏi?",
        multiple_scoring=MultipleScoring.ALL_OR_NOTHING,
    )
    week1 = Round(
        name="Tuần thi thứ nhất",
        sort_order=1,
        opens_at=now - timedelta(days=14),
        closes_at=now - timedelta(days=7),
        review_policy=ReviewPolicy.AFTER_CLOSE,
        **common,
    )
    week2 = Round(
        name="Tuần thi thứ hai",
        sort_order=2,
        opens_at=now - timedelta(days=2),
        closes_at=now + timedelta(days=12),
        review_policy=ReviewPolicy.AFTER_SUBMIT,
        **common,
    )
    session.add(week1)
    session.add(week2)
    session.flush()
    users = _simulated_members(session, rng)
    for user in users:
        session.add(
            Registration(
                contest_id=contest.id,
                user_id=user.id,
                full_name=user.full_name,
                unit_id=user.unit_id,
                phone=f"09{rng.randrange(10**8):08d}",
            )
        )
    session.flush()
    _simulate(session, week1, users, rng, week1.opens_at, 24 * 6)
    _simulate(session, week2, users[: SIMULATED // 2], rng, week2.opens_at, 40)
