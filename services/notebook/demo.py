"""Demo notebooks: year frames with the articles' chuyên đề, the 2026 plans of some units, a
cell secretary, members whose commitments follow seed 002's examples (y tế, giáo viên, công an,
cán bộ ấp), a few generic and copied ones so the warnings show, and monthly reviews. One cell is
complete, one lags behind."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from models.accounts import Role, Unit, User
from models.notebook import (
    REGISTRATION_MONTH,
    CellCommittee,
    Commitment,
    CommitmentStatus,
    CommitmentVersion,
    CountedRating,
    CountedRecord,
    MonthlyReview,
    MonthSummary,
    NotebookGroup,
    NotebookGroupMember,
    NotebookYear,
    ReviewStatus,
    UnitPlan,
)
from services.accounts.passwords import hash_password
from services.notebook import counted
from services.settings import Settings

DEMO_YEAR = 2026
SECRETARY = "bithu"  # chi ủy of Chi bộ Bưu điện thành phố and of Đảng bộ Bưu điện tỉnh
TOPICS = {
    2013: "Suốt đời phấn đấu cần, kiệm, liêm, chính, chí công vô tư, làm người công bộc tận tụy, "
    "trung thành của nhân dân, đời tư trong sáng, cuộc sống riêng giản dị",
    2014: "Nêu cao tinh thần trách nhiệm, chống chủ nghĩa cá nhân, nói đi đôi với làm",
    2020: "Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ thống chính trị trong "
    "sạch, vững mạnh theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    2025: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường "
    "và khát vọng phát triển đất nước phồn vinh, hạnh phúc",
    2026: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường "
    "và khát vọng phát triển đất nước phồn vinh, hạnh phúc",
}
THEMES = (
    "3-5: Phong cách quần chúng\n6-8: Phong cách dân chủ\n9-10: Phong cách nêu gương\n"
    "11-12: Tự kiểm điểm, đánh giá việc làm theo"
)
# cell name: (members with an account, how many registered, plan date, collective model, job)
CELLS = {
    "Chi bộ Bưu điện thành phố": (
        38,
        38,
        date(2026, 1, 20),
        "Bưu cục thân thiện, phục vụ tận nhà",
        "buu_dien",
    ),
    "Chi bộ Bưu điện huyện Cao Lộc": (21, 11, date(2026, 2, 3), "", "can_bo_ap"),
    "Chi bộ Văn phòng Sở Y tế": (
        27,
        27,
        date(2026, 1, 18),
        "Khoa khám bệnh xanh, sạch, đẹp, thân thiện",
        "y_te",
    ),
    "Chi bộ Ban Tuyên giáo Tỉnh ủy": (24, 23, date(2026, 1, 16), "", "giao_vien"),
    "Chi bộ Hội Cựu chiến binh tỉnh": (
        19,
        17,
        date(2026, 1, 22),
        "Cựu chiến binh giúp nhau làm kinh tế",
        "cong_an",
    ),
}
BASE_PLANS = {
    "Đảng bộ Khối các cơ quan tỉnh": date(2026, 1, 12),
    "Đảng bộ Bưu điện tỉnh": date(2026, 1, 15),
    "Đảng bộ Sở Y tế": date(2026, 1, 15),
}
COMMON = (
    (
        "Kiên định chủ nghĩa Mác-Lênin, tư tưởng Hồ Chí Minh; đọc và trao đổi ít nhất 1 bài về "
        "chuyên đề năm mỗi quý."
    ),
    "Thực hành tiết kiệm: không dùng xe công việc riêng; tham gia đủ 2 đợt hiến máu nhân đạo.",
)
PART3 = {
    "y_te": (
        "Giảm 20% thời gian chờ khám tại khoa Khám bệnh so với năm trước.\n"
        "Không để người bệnh phản ánh về thái độ phục vụ; mỗi tháng xin ý kiến 30 người bệnh."
    ),
    "giao_vien": (
        "Soạn 12 bài giảng điện tử có lồng ghép gương Bác.\n"
        "Kèm 5 học sinh yếu đạt trung bình trở lên trước tháng 5."
    ),
    "cong_an": (
        "Giúp 2 hội viên khó khăn vay vốn, làm kinh tế thoát nghèo.\n"
        "Vận động 100% hội viên trong chi hội chấp hành luật giao thông."
    ),
    "can_bo_ap": (
        "Đến từng hộ trong ấp vận động 15 hộ hiến đất làm 1,2 km đường bê tông.\n"
        "Giải quyết dứt điểm đơn thư tại ấp trong 10 ngày làm việc."
    ),
    "buu_dien": (
        "Phát 100% bưu phẩm hành chính công đúng hẹn.\n"
        "Hướng dẫn 200 người cao tuổi dùng dịch vụ công trực tuyến tại bưu cục."
    ),
}
GENERIC = "Luôn nêu cao tinh thần trách nhiệm, hoàn thành tốt chức trách nhiệm vụ được giao."
# Members without an account, counted from their paper notebooks by the unit's committee:
# unit: (registered in all, plan date, collective model). With the cells above the tree reads
# "đăng ký 1.181/1.223, đạt 96,6%"; two cells at 100 %, most units 95–99 %, Cao Lộc lagging.
COUNTED = {
    "Đảng bộ Bưu điện tỉnh": (3, None, ""),
    "Đảng bộ Sở Y tế": (181, None, ""),
    "Đảng bộ Sở Giáo dục và Đào tạo": (
        143,
        date(2026, 1, 16),
        "Mỗi thầy cô giáo là tấm gương tự học và sáng tạo",
    ),
    "Đảng bộ Tòa án nhân dân tỉnh": (93, date(2026, 1, 14), "Phiên tòa mẫu, xét xử đúng hạn"),
    "Đảng bộ Viện Kiểm sát nhân dân tỉnh": (
        85,
        date(2026, 1, 19),
        "Kiểm sát viên nói không với tiêu cực",
    ),
    "Đảng bộ Cục Thuế": (198, date(2026, 1, 15), "Điện thoại cải cách hành chính thuế"),
    "Đảng bộ Cục Hải quan": (112, date(2026, 1, 21), "Thông quan một cửa, không giấy tờ"),
    "Đảng bộ Kho bạc Nhà nước tỉnh": (84, date(2026, 1, 13), "Kho bạc số, phục vụ tận tâm"),
    "Đảng bộ Tỉnh đoàn": (55, date(2026, 1, 20), "Thanh niên tình nguyện làm theo lời Bác"),
    "Đảng bộ Ngân hàng Đầu tư và Phát triển": (69, date(2026, 1, 23), "Giao dịch viên thân thiện"),
    "Chi bộ Cục Thi hành án dân sự": (40, date(2026, 1, 17), "Xã điểm trong thi hành án dân sự"),
}
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE = ("Văn", "Thị", "Minh", "Thu", "Quốc", "Thanh", "Đức", "Ngọc", "Hữu", "Thị Kim")
GIVEN = (
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quang",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Yến",
)


def _years(session: Session) -> NotebookYear:
    for number, topic in TOPICS.items():
        if session.exec(select(NotebookYear).where(NotebookYear.year == number)).first() is None:
            session.add(
                NotebookYear(
                    year=number,
                    topic=topic,
                    monthly_themes=THEMES if number >= 2025 else "",
                    plan_date=date(number, 1, 10),
                    register_deadline=date(number, 2, 28),
                    midyear_review=date(number, 6, 30),
                    yearend_review=date(number, 12, 20),
                )
            )
    session.flush()
    return session.exec(select(NotebookYear).where(NotebookYear.year == DEMO_YEAR)).one()


def seed(*, session: Session, settings: Settings) -> None:
    if session.exec(select(User).where(User.username == SECRETARY)).first() is None:
        _seed_notebooks(session)
    _seed_counted(session)
    _seed_non_party(session)
    _seed_groups(session)
    _seed_counted_ratings(session)


def _seed_counted_ratings(session: Session) -> None:
    """The committees' year-end ratings of the paper notebooks they counted: about one in seven
    hoàn thành xuất sắc, most hoàn thành tốt (once: skipped if any exist)."""
    year = session.exec(select(NotebookYear).where(NotebookYear.year == DEMO_YEAR)).first()
    if (
        year is None
        or session.exec(select(CountedRating).where(CountedRating.year_id == year.id)).first()
    ):
        return
    now = datetime(DEMO_YEAR, 12, 20, tzinfo=UTC)
    for unit_id, registered, by in session.exec(
        select(CountedRecord.unit_id, CountedRecord.count, CountedRecord.entered_by_id).where(
            CountedRecord.year_id == year.id,
            CountedRecord.month == REGISTRATION_MONTH,
            CountedRecord.count > 0,
        )
    ).all():
        top = registered // 7
        done = registered // 10
        failed = 1 if registered >= 30 else 0
        good = registered - top - done - failed
        for rating, count in (
            ("Hoàn thành xuất sắc", top),
            ("Hoàn thành tốt", good),
            ("Hoàn thành", done),
            ("Không hoàn thành", failed),
        ):
            if count:
                session.add(
                    CountedRating(
                        year_id=year.id,
                        unit_id=unit_id,
                        rating=rating,
                        count=count,
                        entered_by_id=by,
                        updated_at=now,
                    )
                )
    session.flush()


GROUP_LEADER = "totruong"  # tổ trưởng of Tổ 1, not on the committee


def _seed_groups(session: Session) -> None:
    """Chi bộ Bưu điện thành phố (38 members) reviews in three tổ first; the leaders note each
    month and the committee sums up (once: skipped when the cell has groups)."""
    year = session.exec(select(NotebookYear).where(NotebookYear.year == DEMO_YEAR)).first()
    cell = session.exec(select(Unit).where(Unit.name == NON_PARTY_CELL)).first()
    if year is None or cell is None:
        return
    if session.exec(select(NotebookGroup).where(NotebookGroup.unit_id == cell.id)).first():
        return
    members = list(
        session.exec(
            select(User)
            .where(User.unit_id == cell.id, User.username.like("sotay%"))
            .order_by(User.id)
        ).all()
    )
    if len(members) < 12 or session.exec(select(User).where(User.username == GROUP_LEADER)).first():
        return
    members[0].username = GROUP_LEADER  # the demo's tổ trưởng logs in with this name
    session.add(members[0])
    secretary = session.exec(select(User).where(User.username == SECRETARY)).first()
    now = datetime(DEMO_YEAR, 11, 30, tzinfo=UTC)
    third = len(members) // 3
    for number, chunk in enumerate(
        (members[:third], members[third : 2 * third], members[2 * third :]), start=1
    ):
        group = NotebookGroup(unit_id=cell.id, name=f"Tổ {number}", leader_id=chunk[0].id)
        session.add(group)
        session.flush()
        session.add_all(NotebookGroupMember(group_id=group.id, user_id=m.id) for m in chunk)
        reviewed = dict(
            session.exec(
                select(MonthlyReview.month, func.count())
                .join(Commitment, Commitment.id == MonthlyReview.commitment_id)
                .where(
                    MonthlyReview.year_id == year.id,
                    Commitment.user_id.in_([m.id for m in chunk]),
                )
                .group_by(MonthlyReview.month)
            ).all()
        )
        for month in range(3, 12):
            done = reviewed.get(month, 0)
            session.add(
                MonthSummary(
                    year_id=year.id,
                    unit_id=cell.id,
                    group_id=group.id,
                    month=month,
                    text=f"Tổ {number}: {done}/{len(chunk)} đồng chí tự kiểm điểm; việc phát "
                    "bưu phẩm đúng hẹn tiến bộ"
                    + ("; đề nghị chi ủy nhắc đồng chí chưa ghi sổ." if done < len(chunk) else "."),
                    entered_by_id=chunk[0].id,
                    updated_at=now,
                )
            )
    for month in range(3, 12):
        session.add(
            MonthSummary(
                year_id=year.id,
                unit_id=cell.id,
                group_id=None,
                month=month,
                text="Chi ủy tổng hợp: các tổ sinh hoạt đủ, đa số hoàn thành việc đăng ký.",
                entered_by_id=secretary.id if secretary else None,
                updated_at=now,
            )
        )
    session.flush()


NON_PARTY_FORM = [
    {
        "title": "Tư tưởng, đạo đức, lối sống",
        "hint": "Việc làm cụ thể theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "figure": False,
    },
    {
        "title": "Thực hiện nhiệm vụ chuyên môn được giao",
        "hint": "Mỗi việc một dòng, có sản phẩm hoặc con số cần đạt.",
        "figure": True,
    },
    {
        "title": "Tác phong, thái độ phục vụ nhân dân",
        "hint": "Ví dụ: trả bưu phẩm đúng hẹn, không để khách chờ quá 10 phút.",
        "figure": True,
    },
    {
        "title": "Chấp hành nội quy, quy chế của đơn vị",
        "hint": "",
        "figure": False,
    },
]
NON_PARTY_CELL = "Chi bộ Bưu điện thành phố"


def _seed_non_party(session: Session) -> None:
    """Three viên chức of the city post office who are not Party members write on the year's
    form for them; one wrote a generic item and waits for the committee (once: skipped when the
    year's form is set)."""
    year = session.exec(select(NotebookYear).where(NotebookYear.year == DEMO_YEAR)).first()
    cell = session.exec(select(Unit).where(Unit.name == NON_PARTY_CELL)).first()
    if year is None or cell is None or year.non_party_parts.strip():
        return
    year.non_party_parts = json.dumps(NON_PARTY_FORM, ensure_ascii=False)
    session.add(year)
    members = session.exec(
        select(User)
        .where(User.unit_id == cell.id, User.username.like("sotay%"))
        .order_by(User.id.desc())
        .limit(3)
    ).all()
    texts = [
        (
            "Sống giản dị, đoàn kết với đồng nghiệp",
            "Phát 100% bưu phẩm đúng hẹn trong ngày\nThu hộ 300 hồ sơ hành chính công",
            "Không để khách chờ quá 10 phút tại quầy",
            "Đi làm đúng giờ; mặc đồng phục",
        ),
        (
            "Học tập tấm gương tận tụy phục vụ nhân dân",
            "Mở thêm 40 tài khoản tiết kiệm bưu điện cho người dân",
            "Gọi điện báo trước 100% bưu phẩm giao tận nhà",
            "Chấp hành nội quy cơ quan",
        ),
        (
            "Giữ gìn phẩm chất đạo đức",
            "Hoàn thành tốt nhiệm vụ được giao",
            "Niềm nở với khách hàng",
            "Chấp hành nội quy cơ quan",
        ),
    ]
    for member, parts in zip(members, texts, strict=False):
        member.party_member = False
        session.add(member)
        commitment = session.exec(
            select(Commitment).where(Commitment.year_id == year.id, Commitment.user_id == member.id)
        ).first()
        if commitment is None:
            continue
        generic = parts is texts[2]
        commitment.party_form = False
        for i in range(6):
            setattr(commitment, f"part{i + 1}", parts[i] if i < len(parts) else "")
        if generic:  # waiting for the committee, with the warnings to read
            commitment.status, commitment.version, commitment.rating = (
                CommitmentStatus.SENT,
                0,
                "",
            )
            for old in session.exec(
                select(CommitmentVersion).where(CommitmentVersion.commitment_id == commitment.id)
            ).all():
                session.delete(old)
            for old in session.exec(
                select(MonthlyReview).where(MonthlyReview.commitment_id == commitment.id)
            ).all():
                session.delete(old)
        else:
            for version in session.exec(
                select(CommitmentVersion).where(CommitmentVersion.commitment_id == commitment.id)
            ).all():
                version.parts = json.dumps([*parts, *[""] * (6 - len(parts))], ensure_ascii=False)
                session.add(version)
        session.add(commitment)
    session.flush()


def _seed_counted(session: Session) -> None:
    """The figures a committee enters from the paper notebooks (once: skipped if any exist)."""
    units = {u.name: u for u in session.exec(select(Unit)).all()}
    year = session.exec(select(NotebookYear).where(NotebookYear.year == DEMO_YEAR)).first()
    if (
        year is None
        or any(name not in units for name in COUNTED)
        or session.exec(select(CountedRecord).where(CountedRecord.year_id == year.id)).first()
        is not None
    ):
        return
    secretary = session.exec(select(User).where(User.username == SECRETARY)).first()
    planned = set(session.exec(select(UnitPlan.unit_id).where(UnitPlan.year_id == year.id)).all())
    now = datetime(DEMO_YEAR, 11, 30, tzinfo=UTC)
    for index, (name, (registered, plan_day, model)) in enumerate(COUNTED.items()):
        unit = units[name]
        if plan_day is not None and unit.id not in planned:
            session.add(
                UnitPlan(
                    year_id=year.id, unit_id=unit.id, plan_date=plan_day, collective_models=model
                )
            )
        by = secretary.id if secretary and name == "Đảng bộ Bưu điện tỉnh" else None
        # The members here with an account (the contests' demo candidates) keep their own
        # notebook, all but the last; the paper count is the rest, never more than the app
        # itself accepts (the headcount less the accounts and the units below).
        accounts = list(
            session.exec(
                select(User)
                .where(User.unit_id == unit.id, User.username.like("thisinh%"))
                .order_by(User.id)
            ).all()
        )
        for number, member in enumerate(accounts[:-1] if len(accounts) > 1 else accounts):
            _own_notebook(
                session,
                year,
                member,
                plan_day or date(DEMO_YEAR, 1, 20),
                number,
                secretary.id if secretary else None,
                now,
            )
        own = max(len(accounts) - 1, len(accounts) and 1)
        registered = min(
            max(registered - own, 0),
            counted.without_account_room(session, year_id=year.id, unit=unit),
        )
        session.add(
            CountedRecord(
                year_id=year.id,
                unit_id=unit.id,
                month=REGISTRATION_MONTH,
                count=registered,
                entered_by_id=by,
                updated_at=now,
                note="Chi ủy tổng hợp từ sổ tay giấy",
            )
        )
        for month in range(3, 12):  # most review every month; a few miss one now and then
            missed = (month + index) % 4 + (1 if month == 11 else 0)
            session.add(
                CountedRecord(
                    year_id=year.id,
                    unit_id=unit.id,
                    month=month,
                    count=max(registered - missed, 0),
                    entered_by_id=by,
                    updated_at=now,
                    note="Chi ủy tổng hợp từ sổ tay giấy",
                )
            )
    session.flush()


def _own_notebook(
    session: Session,
    year: NotebookYear,
    member: User,
    plan_day: date,
    number: int,
    approver_id: int | None,
    now: datetime,
) -> None:
    parts = [
        COMMON[0],
        COMMON[1],
        (
            f"Giải quyết đúng hạn 100% hồ sơ được giao; đề xuất {1 + number % 3} sáng kiến "
            "cải cách hành chính trong năm."
        ),
        "Dự đủ 12 kỳ sinh hoạt chi bộ; đóng đảng phí đúng hạn.",
        f"Khắc phục hạn chế năm {DEMO_YEAR - 1}: chậm cập nhật văn bản mới.",
        "Xây dựng kế hoạch hành động thực hiện Nghị quyết Đại hội Đảng bộ trong quý I.",
    ]
    commitment = Commitment(
        year_id=year.id,
        user_id=member.id,
        unit_id=member.unit_id,
        status=CommitmentStatus.APPROVED,
        committed_on=plan_day + timedelta(days=4),
        **{f"part{i + 1}": p for i, p in enumerate(parts)},
        version=1,
        entered_by_id=member.id,
        sent_at=now,
        updated_at=now,
        rating="Hoàn thành tốt",
    )
    session.add(commitment)
    session.flush()
    session.add(
        CommitmentVersion(
            commitment_id=commitment.id,
            version=1,
            parts=json.dumps(parts, ensure_ascii=False),
            reason="Bản đăng ký đầu năm",
            approved_by_id=approver_id,
        )
    )
    for month in range(3, 12):
        session.add(
            MonthlyReview(
                commitment_id=commitment.id,
                unit_id=member.unit_id,
                year_id=year.id,
                month=month,
                status=ReviewStatus.DONE if (month + number) % 3 else ReviewStatus.IN_PROGRESS,
                entered_by_id=member.id,
                updated_at=now,
            )
        )


def _seed_notebooks(session: Session) -> None:
    units = {u.name: u for u in session.exec(select(Unit)).all()}
    if "Chi bộ Bưu điện thành phố" not in units:
        return
    year = _years(session)
    rng = random.Random(2026)
    password_hash = hash_password("demo123")
    for name, day in BASE_PLANS.items():
        session.add(
            UnitPlan(
                year_id=year.id,
                unit_id=units[name].id,
                plan_date=day,
                collective_models="Cơ quan văn hóa, nói đi đôi với làm"
                if name != "Đảng bộ Khối các cơ quan tỉnh"
                else "",
            )
        )
    secretary = User(
        username=SECRETARY,
        full_name="Phạm Văn Thành",
        role=Role.MEMBER,
        email="bithu@demo.guongsang.vn",
        password_hash=password_hash,
        unit_id=units["Chi bộ Bưu điện thành phố"].id,
    )
    session.add(secretary)
    session.flush()
    for unit_name in ("Chi bộ Bưu điện thành phố", "Đảng bộ Bưu điện tỉnh"):
        session.add(CellCommittee(unit_id=units[unit_name].id, user_id=secretary.id))
    now = datetime(DEMO_YEAR, 11, 30, tzinfo=UTC)
    serial = 0
    for cell_index, (cell_name, (size, registered, plan_day, model, job)) in enumerate(
        CELLS.items()
    ):
        cell = units[cell_name]
        session.add(
            UnitPlan(year_id=year.id, unit_id=cell.id, plan_date=plan_day, collective_models=model)
        )
        # The cell's members who already have an account (the contests' demo candidates, the
        # organiser) are its members too: they keep a notebook, so the headcount holds.
        members = [secretary] if cell_name == "Chi bộ Bưu điện thành phố" else []
        members += list(
            session.exec(
                select(User)
                .where(User.unit_id == cell.id, User.id != secretary.id)
                .order_by(User.id)
            ).all()
        )
        while len(members) < size:
            serial += 1
            members.append(
                User(
                    username=f"sotay{serial:03d}",
                    password_hash=password_hash,
                    role=Role.MEMBER,
                    full_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                    unit_id=cell.id,
                )
            )
        session.add_all(members)
        session.flush()
        for index, member in enumerate(members[:registered]):
            text3 = PART3[job]
            if index == 3:  # a generic part 3, still waiting for the committee
                text3 = GENERIC
            elif index in (5, 6) and cell_index == 1:  # two copied commitments in Cao Lộc
                text3 = PART3[job]
            else:
                text3 = text3.replace("15 hộ", f"{10 + index} hộ").replace(
                    "30 người", f"{20 + index} người"
                )
            parts = [
                COMMON[0],
                COMMON[1]
                if index % 2
                else "Sống giản dị, gần gũi quần chúng; "
                f"mỗi tháng thăm hỏi {1 + index % 3} gia đình đảng viên khó khăn.",
                text3,
                "Dự đủ 12 kỳ sinh hoạt chi bộ; đóng đảng phí đúng hạn.",
                f"Khắc phục hạn chế năm {DEMO_YEAR - 1}: "
                + ("chậm báo cáo" if index % 3 else "ngại phát biểu trong sinh hoạt"),
                "Xây dựng kế hoạch hành động thực hiện Nghị quyết Đại hội Đảng bộ trong quý I.",
            ]
            waiting = index == 3
            elderly = cell_name == "Chi bộ Hội Cựu chiến binh tỉnh" and index % 2 == 0
            commitment = Commitment(
                year_id=year.id,
                user_id=member.id,
                unit_id=cell.id,
                status=CommitmentStatus.SENT if waiting else CommitmentStatus.APPROVED,
                committed_on=plan_day + timedelta(days=3 + index % 10),
                **{f"part{i + 1}": p for i, p in enumerate(parts)},
                version=0 if waiting else 1,
                on_behalf=elderly,
                entered_by_id=secretary.id if elderly else member.id,
                sent_at=now,
                updated_at=now,
                midyear_note="Đã thực hiện đúng tiến độ các việc đăng ký." if not waiting else "",
                rating=""
                if waiting
                else ("Hoàn thành xuất sắc" if index % 7 == 0 else "Hoàn thành tốt"),
            )
            session.add(commitment)
            session.flush()
            if waiting:
                continue
            session.add(
                CommitmentVersion(
                    commitment_id=commitment.id,
                    version=1,
                    parts=json.dumps(parts, ensure_ascii=False),
                    reason="Bản đăng ký đầu năm",
                    approved_by_id=secretary.id,
                )
            )
            # Most review every month; the lagging cell stops after mid-year.
            last = 6 if cell_index == 1 else (11 if index % 5 else 10)
            for month in range(3, last + 1):
                session.add(
                    MonthlyReview(
                        commitment_id=commitment.id,
                        unit_id=cell.id,
                        year_id=year.id,
                        month=month,
                        status=ReviewStatus.DONE
                        if (month + index) % 4
                        else ReviewStatus.IN_PROGRESS,
                        note="Đã làm theo kế hoạch tháng." if month % 2 else "",
                        committee_comment="Chi ủy ghi nhận." if month % 3 == 0 else "",
                        entered_by_id=secretary.id if elderly else member.id,
                        on_behalf=elderly,
                        updated_at=now,
                    )
                )
    session.flush()
