"""Demo commendations, 2012–2026, at the scale of the Lạng Sơn article.

For 2016–2021 the demo report reproduces the article exactly: 263 lượt tập thể and 1.500 lượt
cá nhân were "biểu dương, khen thưởng"; of them the Ban Thường vụ Đảng ủy Khối gave giấy khen to
82 collectives and 158 individuals and the Chủ tịch UBND tỉnh bằng khen to 06 collectives and
04 individuals. Danh hiệu thi đua and a few revoked awards are there too, and must not change
those figures. Everything is generated from a fixed random seed and inserted in bulk.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

from sqlalchemy import func, insert, update
from sqlmodel import Session, SQLModel, select

from models.accounts import Unit, User
from models.commendations import (
    Award,
    AwardForm,
    AwardIssuer,
    AwardKind,
    AwardOccasion,
    AwardStatus,
    RecipientType,
)
from services.commendations.records import ensure_vocabulary, recipient_key, refresh_tally
from services.settings import Settings
from services.vi import local_today

SEED = 20162021
COLLECTIVE, INDIVIDUAL = RecipientType.COLLECTIVE, RecipientType.INDIVIDUAL

# The article's period, as (kind, issuer, form, collectives, individuals, occasions); the
# totals over these lines are 263 and 1.500.
ARTICLE_PERIOD = (2016, 2021)
ARTICLE_LINES = (
    (
        AwardKind.FORM,
        "Ban Thường vụ Đảng ủy Khối",
        "Giấy khen",
        82,
        158,
        ("Kỷ niệm ngày thành lập Đảng (3/2)", "Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5)"),
    ),
    (
        AwardKind.PRAISE,
        "Ban Thường vụ Đảng ủy Khối",
        "Biểu dương",
        45,
        400,
        ("Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5)",),
    ),
    (
        AwardKind.FORM,
        "Ban Thường vụ Đảng ủy cơ sở",
        "Giấy khen",
        70,
        450,
        ("Kỷ niệm ngày thành lập Đảng (3/2)", "Tổng kết năm"),
    ),
    (AwardKind.FORM, "Thủ trưởng cơ quan, đơn vị", "Giấy khen", 60, 488, ("Tổng kết năm",)),
)
# Bằng khen of the Chủ tịch UBND tỉnh, at the sơ kết of Chỉ thị 05: year -> (tập thể, cá nhân).
PROVINCE_PRIZES = {2018: (2, 1), 2021: (4, 3)}
SO_KET = "Sơ kết thực hiện Chỉ thị 05-CT/TW"

# Other years: (kind, issuer, form, collectives per year, individuals per year, occasion)
OTHER_YEAR_LINES = (
    (
        AwardKind.FORM,
        "Ban Thường vụ Đảng ủy Khối",
        "Giấy khen",
        13,
        26,
        "Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5)",
    ),
    (
        AwardKind.PRAISE,
        "Ban Thường vụ Đảng ủy Khối",
        "Biểu dương",
        7,
        60,
        "Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5)",
    ),
    (AwardKind.FORM, "Ban Thường vụ Đảng ủy cơ sở", "Giấy khen", 11, 70, "Tổng kết năm"),
    (AwardKind.FORM, "Thủ trưởng cơ quan, đơn vị", "Giấy khen", 9, 80, "Tổng kết năm"),
)
# Danh hiệu thi đua each year (never part of the khen thưởng counts).
TITLE_LINES = (
    (AwardKind.TITLE, "Thủ trưởng cơ quan, đơn vị", "Lao động tiên tiến", 0, 120, "Tổng kết năm"),
    (
        AwardKind.TITLE,
        "Thủ trưởng cơ quan, đơn vị",
        "Chiến sĩ thi đua cơ sở",
        0,
        14,
        "Tổng kết năm",
    ),
    (AwardKind.TITLE, "Chủ tịch UBND tỉnh", "Tập thể lao động xuất sắc", 4, 0, "Tổng kết năm"),
)
# A few higher awards outside the article's period: (year, issuer, form, class, type, name, unit)
SPECIAL = (
    (
        2013,
        "Chủ tịch UBND tỉnh",
        "Bằng khen",
        "",
        COLLECTIVE,
        "Đảng bộ Cục Thuế",
        "Đảng bộ Cục Thuế",
    ),
    (
        2015,
        "Ban Thường vụ Tỉnh ủy",
        "Giấy khen",
        "",
        COLLECTIVE,
        "Đảng bộ Bưu điện tỉnh",
        "Đảng bộ Bưu điện tỉnh",
    ),
    (
        2022,
        "Thủ tướng Chính phủ",
        "Bằng khen",
        "",
        COLLECTIVE,
        "Đảng bộ Bưu điện tỉnh",
        "Đảng bộ Bưu điện tỉnh",
    ),
    (
        2023,
        "Chủ tịch nước",
        "Huân chương Lao động",
        "Hạng Ba",
        COLLECTIVE,
        "Đảng bộ Tòa án nhân dân tỉnh",
        "Đảng bộ Tòa án nhân dân tỉnh",
    ),
    (
        2023,
        "Liên đoàn Lao động tỉnh",
        "Bằng khen",
        "",
        INDIVIDUAL,
        "Nguyễn Đức Tuấn",
        "Chi bộ Bưu điện thành phố",
    ),
    (
        2024,
        "Ban Thường vụ Tỉnh đoàn",
        "Giấy khen",
        "",
        COLLECTIVE,
        "Chi đoàn Cục Hải quan",
        "Đảng bộ Cục Hải quan",
    ),
    (
        2025,
        "Chủ tịch UBND tỉnh",
        "Bằng khen",
        "",
        INDIVIDUAL,
        "Hoàng Thị Mai Lan",
        "Đảng bộ Sở Y tế",
    ),
    (
        2025,
        "Ban Thường vụ Tỉnh ủy",
        "Huy hiệu Đảng",
        "30 năm tuổi Đảng",
        INDIVIDUAL,
        "Vi Văn Thắng",
        "Chi bộ Cục Thi hành án dân sự",
    ),
)
YEARS = range(2012, 2027)

FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Hoàng",
    "Phạm",
    "Vi",
    "Lương",
    "Nông",
    "Hà",
    "Lăng",
    "Đinh",
    "Vũ",
    "Đặng",
    "Bùi",
    "Triệu",
    "Chu",
    "Mã",
    "Lục",
)
MIDDLE = (
    "Văn",
    "Thị",
    "Đức",
    "Thị Thu",
    "Minh",
    "Quang",
    "Thị Hồng",
    "Thanh",
    "Ngọc",
    "Hữu",
    "Thị Kim",
    "Xuân",
    "Công",
    "Thị Mai",
)
GIVEN = (
    "An",
    "Bình",
    "Chiến",
    "Dung",
    "Duy",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiền",
    "Hòa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Ngọc",
    "Nhung",
    "Phong",
    "Phương",
    "Quân",
    "Quỳnh",
    "Sơn",
    "Tâm",
    "Thắng",
    "Thảo",
    "Thủy",
    "Trang",
    "Trung",
    "Tuấn",
    "Vân",
    "Việt",
    "Yến",
)
DEPARTMENTS = (
    "Văn phòng",
    "Phòng Tổ chức - Hành chính",
    "Phòng Nghiệp vụ",
    "Chi bộ số 1",
    "Chi bộ số 2",
    "Công đoàn cơ sở",
    "Chi đoàn thanh niên",
)
DECISION_DAY = {
    "Kỷ niệm ngày thành lập Đảng (3/2)": (1, 30),
    "Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5)": (5, 15),
    SO_KET: (6, 20),
    "Tổng kết năm": (12, 26),
}
SUFFIX = {
    "Ban Thường vụ Đảng ủy Khối": "-QĐ/ĐUK",
    "Ban Thường vụ Đảng ủy cơ sở": "-QĐ/ĐU",
    "Ban Thường vụ Tỉnh ủy": "-QĐ/TU",
    "Chủ tịch UBND tỉnh": "/QĐ-UBND",
    "Thủ tướng Chính phủ": "/QĐ-TTg",
    "Chủ tịch nước": "/QĐ-CTN",
    "Liên đoàn Lao động tỉnh": "/QĐ-LĐLĐ",
    "Ban Thường vụ Tỉnh đoàn": "-QĐ/TĐTN",
    "Thủ trưởng cơ quan, đơn vị": "/QĐ-CQ",
}


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` spread over `parts` uneven shares that add up exactly."""
    weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    raw = [total * w / sum(weights) for w in weights]
    shares = [int(x) for x in raw]
    for index in sorted(range(parts), key=lambda i: raw[i] - shares[i], reverse=True):
        if sum(shares) == total:
            break
        shares[index] += 1
    return shares


class _Builder:
    def __init__(self, session: Session):
        self.rng = random.Random(SEED)

        def ids(model):
            return dict(session.exec(select(model.name, model.id)).all())

        self.forms, self.issuers, self.occasions = (
            ids(AwardForm),
            ids(AwardIssuer),
            ids(AwardOccasion),
        )
        self.form_kind = dict(session.exec(select(AwardForm.id, AwardForm.kind)).all())
        self.issuer_level = dict(session.exec(select(AwardIssuer.id, AwardIssuer.level)).all())
        units = session.exec(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
        self.unit_ids = {u.name: u.id for u in units}
        self.units = [u for u in units if u.parent_id is not None]  # recipients' units
        weights = [max(u.headcount, 10) for u in self.units]
        self.unit_weights = weights
        self.people: dict[int, list[str]] = {}
        for unit in self.units:
            size = max(8, int(unit.headcount * 0.6))
            self.people[unit.id] = [
                f"{self.rng.choice(FAMILY)} {self.rng.choice(MIDDLE)} {self.rng.choice(GIVEN)}"
                for _ in range(size)
            ]
        self.rows: list[dict] = []
        self.decisions: dict[tuple, tuple[str, date]] = {}
        self.now = datetime.now(UTC)

    def decision(self, year: int, issuer: str, form: str, occasion: str) -> tuple[str, date]:
        key = (year, issuer, form, occasion)
        if key not in self.decisions:
            month, day = DECISION_DAY.get(occasion, (self.rng.randint(2, 11), 10))
            number = f"{self.rng.randint(12, 980)}{SUFFIX.get(issuer, '/QĐ')}"
            # never a decision dated in the future (the demo's last year is the current one)
            self.decisions[key] = (number, min(date(year, month, day), local_today()))
        return self.decisions[key]

    def pick_unit(self) -> Unit:
        return self.rng.choices(self.units, weights=self.unit_weights)[0]

    def collective_name(self, unit: Unit) -> str:
        if self.rng.random() < 0.45:
            return unit.name
        agency = unit.name.removeprefix("Đảng bộ ").removeprefix("Chi bộ ")
        return f"{self.rng.choice(DEPARTMENTS)}, {agency}"

    def add(
        self,
        *,
        year: int,
        kind: str,
        issuer: str,
        form: str,
        occasion: str,
        recipient_type: str,
        name: str | None = None,
        unit_id: int | None = None,
        form_class: str = "",
        status: str = AwardStatus.ACTIVE,
        user_id: int | None = None,
        reason: str = "",
    ) -> None:
        if unit_id is None:
            unit = self.pick_unit()
            unit_id = unit.id
            if name is None:
                name = (
                    self.collective_name(unit)
                    if recipient_type == COLLECTIVE
                    else self.rng.choice(self.people[unit.id])
                )
        number, when = self.decision(year, issuer, form, occasion)
        achievement = {
            AwardKind.PRAISE: "Điển hình tiên tiến trong học tập và làm theo tư tưởng, đạo đức, "
            f"phong cách Hồ Chí Minh năm {year}",
            AwardKind.TITLE: f"Hoàn thành xuất sắc nhiệm vụ năm {year}",
        }.get(
            kind,
            "Có thành tích xuất sắc trong học tập và làm theo tư tưởng, đạo đức, "
            f"phong cách Hồ Chí Minh năm {year}",
        )
        if occasion == SO_KET:
            achievement = "Có thành tích xuất sắc trong 05 năm thực hiện Chỉ thị 05-CT/TW"
        issuer_id, form_id = self.issuers[issuer], self.forms[form]
        self.rows.append(
            {
                "recipient_type": recipient_type,
                "recipient_name": name,
                "unit_id": unit_id,
                "user_id": user_id,
                "catalogue_record_id": None,
                "form_id": form_id,
                "form_class": form_class,
                "issuer_id": issuer_id,
                "occasion_id": self.occasions[occasion],
                "decision_number": number,
                "decision_date": when,
                "year": year,
                "achievement": achievement,
                "kind": self.form_kind[form_id],
                "issuer_level": self.issuer_level[issuer_id],
                "recipient_key": recipient_key(
                    recipient_type=recipient_type,
                    recipient_name=name,
                    unit_id=unit_id,
                    user_id=user_id,
                ),
                "status": status,
                "revoked_reason": reason,
                "created_by": None,
                "created_at": self.now,
            }
        )

    def line(
        self,
        year: int,
        kind: str,
        issuer: str,
        form: str,
        collectives: int,
        individuals: int,
        occasions: tuple[str, ...] | str,
        **extra,
    ) -> None:
        occasions = (occasions,) if isinstance(occasions, str) else occasions
        for rtype, count in ((COLLECTIVE, collectives), (INDIVIDUAL, individuals)):
            for index in range(count):
                self.add(
                    year=year,
                    kind=kind,
                    issuer=issuer,
                    form=form,
                    occasion=occasions[index % len(occasions)],
                    recipient_type=rtype,
                    **extra,
                )


def _build(session: Session) -> list[dict]:
    b = _Builder(session)
    first, last = ARTICLE_PERIOD
    period = list(range(first, last + 1))
    for kind, issuer, form, collectives, individuals, occasions in ARTICLE_LINES:
        for year, c, i in zip(
            period,
            split(collectives, len(period), b.rng),
            split(individuals, len(period), b.rng),
            strict=True,
        ):
            b.line(year, kind, issuer, form, c, i, occasions)
    for year, (c, i) in PROVINCE_PRIZES.items():
        if year == 2021:  # the article's photo: the Tòa án's Đảng bộ receives the bằng khen
            b.add(
                year=year,
                kind=AwardKind.FORM,
                issuer="Chủ tịch UBND tỉnh",
                form="Bằng khen",
                occasion=SO_KET,
                recipient_type=COLLECTIVE,
                name="Đảng bộ Tòa án nhân dân tỉnh",
                unit_id=b.unit_ids.get("Đảng bộ Tòa án nhân dân tỉnh"),
            )
            c -= 1
        b.line(year, AwardKind.FORM, "Chủ tịch UBND tỉnh", "Bằng khen", c, i, SO_KET)
    for year in YEARS:
        if not first <= year <= last:
            scale = 0.5 if year == 2026 else b.rng.uniform(0.8, 1.2)
            for kind, issuer, form, collectives, individuals, occasion in OTHER_YEAR_LINES:
                if year == 2026:  # the year under way: no year-end review yet
                    occasion = "Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5)"
                b.line(
                    year,
                    kind,
                    issuer,
                    form,
                    round(collectives * scale),
                    round(individuals * scale),
                    occasion,
                )
        if year < 2026:
            for kind, issuer, form, collectives, individuals, occasion in TITLE_LINES:
                b.line(
                    year,
                    kind,
                    issuer,
                    form,
                    collectives,
                    round(individuals * b.rng.uniform(0.85, 1.15)),
                    occasion,
                )
    for year, issuer, form, form_class, rtype, name, unit in SPECIAL:
        b.add(
            year=year,
            kind=AwardKind.FORM,
            issuer=issuer,
            form=form,
            occasion="Đột xuất" if form != "Huy hiệu Đảng" else "Kỷ niệm ngày thành lập Đảng (3/2)",
            recipient_type=rtype,
            name=name,
            unit_id=b.unit_ids.get(unit),
            form_class=form_class,
        )
    # Revoked awards inside the article's period: they stay on file but leave every count.
    for year, rtype in (
        (2017, INDIVIDUAL),
        (2018, INDIVIDUAL),
        (2019, COLLECTIVE),
        (2020, INDIVIDUAL),
    ):
        b.add(
            year=year,
            kind=AwardKind.FORM,
            issuer="Ban Thường vụ Đảng ủy Khối",
            form="Giấy khen",
            occasion="Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5)",
            recipient_type=rtype,
            status=AwardStatus.REVOKED,
            reason="Thu hồi do vi phạm kỷ luật sau khi được khen",
        )
    # The member's own awards, linked to her account (she is one recipient, two lượt).
    member = session.exec(select(User).where(User.username == "thanhvien")).first()
    if member is not None:
        for year, kind, issuer, form in (
            (2022, AwardKind.FORM, "Ban Thường vụ Đảng ủy cơ sở", "Giấy khen"),
            (2024, AwardKind.PRAISE, "Ban Thường vụ Đảng ủy Khối", "Biểu dương"),
        ):
            b.add(
                year=year,
                kind=kind,
                issuer=issuer,
                form=form,
                occasion="Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5)",
                recipient_type=INDIVIDUAL,
                name=member.full_name,
                unit_id=member.unit_id,
                user_id=member.id,
            )
    return b.rows


def link_catalogue_records(session: Session) -> int:
    """Tie awards to the catalogue's demo records (when that module's table and data exist):
    each record gets the collective awards of its unit from its years, at most three."""
    table = SQLModel.metadata.tables.get("catalogue_record")
    if table is None or not {"id", "unit_id", "year_from", "year_to"} <= set(table.c.keys()):
        return 0
    already = session.exec(
        select(func.count()).select_from(Award).where(Award.catalogue_record_id.is_not(None))
    ).one()
    if already:
        return 0
    records = session.execute(
        select(table.c.id, table.c.unit_id, table.c.year_from, table.c.year_to).order_by(table.c.id)
    ).all()
    taken: set[int] = set()
    linked = 0
    for record_id, unit_id, year_from, year_to in records:
        if unit_id is None:
            continue
        award_ids = session.exec(
            select(Award.id)
            .where(
                Award.unit_id == unit_id,
                Award.recipient_type == COLLECTIVE,
                Award.kind != AwardKind.TITLE,
                Award.year >= year_from,
                Award.year <= year_to + 1,
            )
            .order_by(Award.year, Award.id)
        ).all()
        chosen = [a for a in award_ids if a not in taken][:3]
        if chosen:
            session.exec(
                update(Award).where(Award.id.in_(chosen)).values(catalogue_record_id=record_id)
            )
            taken.update(chosen)
            linked += len(chosen)
    return linked


def seed(*, session: Session, settings: Settings) -> None:
    """Idempotent: the vocabulary if missing, the awards if there are none yet, the links to
    catalogue records if none exist yet."""
    ensure_vocabulary(session=session)
    if session.exec(select(func.count()).select_from(Award)).one() == 0:
        if session.exec(select(func.count()).select_from(Unit)).one() == 0:
            return
        rows = _build(session)
        session.execute(insert(Award), rows)
        refresh_tally(session=session)
    link_catalogue_records(session)
