"""The year's frame (topic, monthly themes, deadlines) and each unit's plan, with the date rule:
a unit's plan is never dated before its parent's (002)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from models.accounts import Unit
from models.notebook import CellCommittee, NotebookYear, UnitPlan
from services.accounts.auth import CurrentUser
from services.errors import NotFound, UserError
from services.notebook import access
from services.vi import format_date, name_sort_key


@dataclass
class YearInput:
    year: int
    topic: str
    monthly_themes: str = ""
    plan_date: date | None = None
    register_deadline: date | None = None
    midyear_review: date | None = None
    yearend_review: date | None = None


def parse_themes(text: str) -> dict[int, str]:
    """'3-5: Phong cách quần chúng' lines -> {3: ..., 4: ..., 5: ...}; bad lines are refused."""
    themes: dict[int, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        months, sep, theme = line.partition(":")
        try:
            first, _, last = months.strip().partition("-")
            start, end = int(first), int(last or first)
        except ValueError:
            start = end = 0
        if not sep or not theme.strip() or not 1 <= start <= end <= 12:
            raise UserError(
                f"Dòng {number} của chủ đề từng tháng chưa đúng dạng "
                f"“tháng-tháng: chủ đề” (ví dụ “3-5: Phong cách quần chúng”)."
            )
        for month in range(start, end + 1):
            themes[month] = theme.strip()
    return themes


def save_year(*, session: Session, actor: CurrentUser, data: YearInput) -> NotebookYear:
    access.require_organiser(actor=actor)
    if not data.topic.strip():
        raise UserError("Vui lòng nhập chuyên đề của năm.")
    if not 2000 <= data.year <= 2100:
        raise UserError("Năm không hợp lệ.")
    parse_themes(data.monthly_themes)
    for label, day in (
        ("Hạn đăng ký", data.register_deadline),
        ("Ngày sơ kết", data.midyear_review),
        ("Ngày tổng kết", data.yearend_review),
    ):
        if day is not None and day.year != data.year:
            raise UserError(f"{label} ({format_date(day)}) phải thuộc năm {data.year}.")
    if data.plan_date and data.register_deadline and data.register_deadline < data.plan_date:
        raise UserError(
            f"Hạn đăng ký ({format_date(data.register_deadline)}) không được trước "
            f"ngày ban hành kế hoạch ({format_date(data.plan_date)})."
        )
    row = session.exec(select(NotebookYear).where(NotebookYear.year == data.year)).first()
    row = row or NotebookYear(year=data.year, topic="")
    for key, value in vars(data).items():
        setattr(row, key, value.strip() if isinstance(value, str) else value)
    session.add(row)
    session.flush()
    return row


def update_word_lists(
    *, session: Session, actor: CurrentUser, year_id: int, generic_phrases: str, ratings: str
) -> None:
    """The organiser edits the list of generic phrases and of year-end ratings."""
    access.require_organiser(actor=actor)
    row = get_year(session=session, year_id=year_id)
    rating_list = [r.strip() for r in ratings.splitlines() if r.strip()]
    if not rating_list:
        raise UserError("Danh sách mức xếp loại không được để trống.")
    row.generic_phrases = "\n".join(p.strip() for p in generic_phrases.splitlines() if p.strip())
    row.ratings = "\n".join(rating_list)


def list_years(*, session: Session) -> list[NotebookYear]:
    return list(session.exec(select(NotebookYear).order_by(NotebookYear.year.desc())).all())


def get_year(*, session: Session, year_id: int) -> NotebookYear:
    row = session.get(NotebookYear, year_id)
    if row is None:
        raise NotFound("Không tìm thấy năm của sổ tay.")
    return row


def _governing_plan(
    session: Session, year: NotebookYear, unit_id: int | None
) -> tuple[str, date] | None:
    """The nearest plan above (or at) the unit: (who issued it, its date)."""
    while unit_id is not None:
        unit = session.get(Unit, unit_id)
        if unit is None:
            break
        plan = session.exec(
            select(UnitPlan).where(UnitPlan.year_id == year.id, UnitPlan.unit_id == unit_id)
        ).first()
        if plan is not None:
            return unit.name, plan.plan_date
        unit_id = unit.parent_id
    if year.plan_date is not None:
        return "kế hoạch của Ban Thường vụ", year.plan_date
    return None


def governing_plan(*, session: Session, year_id: int, unit_id: int) -> tuple[str, date] | None:
    return _governing_plan(session, get_year(session=session, year_id=year_id), unit_id)


def save_unit_plan(
    *,
    session: Session,
    actor: CurrentUser,
    year_id: int,
    unit_id: int,
    plan_date: date,
    collective_models: str = "",
) -> UnitPlan:
    access.require_unit_committee(session, actor=actor, unit_id=unit_id)
    year = get_year(session=session, year_id=year_id)
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound("Không tìm thấy đơn vị.")
    above = _governing_plan(session, year, unit.parent_id)
    if above is not None and plan_date < above[1]:
        raise UserError(
            f"Ngày kế hoạch của {unit.name} ({format_date(plan_date)}) không được "
            f"trước ngày kế hoạch của cấp trên — {above[0]} ({format_date(above[1])})."
        )
    children = session.exec(
        select(Unit.name, UnitPlan.plan_date)
        .join(UnitPlan, UnitPlan.unit_id == Unit.id)
        .where(
            Unit.parent_id == unit_id, UnitPlan.year_id == year_id, UnitPlan.plan_date < plan_date
        )
    ).first()
    if children is not None:
        raise UserError(
            f"Kế hoạch của cấp dưới {children[0]} đã ghi ngày "
            f"{format_date(children[1])}, trước ngày {format_date(plan_date)} này."
        )
    plan = session.exec(
        select(UnitPlan).where(UnitPlan.year_id == year_id, UnitPlan.unit_id == unit_id)
    ).first()
    plan = plan or UnitPlan(year_id=year_id, unit_id=unit_id, plan_date=plan_date)
    plan.plan_date = plan_date
    plan.collective_models = "\n".join(
        m.strip() for m in collective_models.splitlines() if m.strip()
    )
    session.add(plan)
    session.flush()
    return plan


def get_unit_plan(*, session: Session, year_id: int, unit_id: int) -> UnitPlan | None:
    return session.exec(
        select(UnitPlan).where(UnitPlan.year_id == year_id, UnitPlan.unit_id == unit_id)
    ).first()


def set_committee(
    *, session: Session, actor: CurrentUser, unit_id: int, user_ids: list[int]
) -> list[int]:
    """Who sits on a cell's committee (chi ủy); set by the organisers."""
    access.require_organiser(actor=actor)
    for row in session.exec(select(CellCommittee).where(CellCommittee.unit_id == unit_id)):
        session.delete(row)
    session.flush()
    for user_id in dict.fromkeys(user_ids):
        session.add(CellCommittee(unit_id=unit_id, user_id=user_id))
    session.flush()
    return list(dict.fromkeys(user_ids))


def committee_units(*, session: Session, actor: CurrentUser) -> list[Unit]:
    ids = access.committee_unit_ids(session, actor=actor)
    if not ids:
        return []
    return list(session.exec(select(Unit).where(Unit.id.in_(ids)).order_by(Unit.name)).all())


def committee_choices(
    *, session: Session, actor: CurrentUser, unit_id: int
) -> tuple[list[tuple[int, str]], list[int]]:
    """The unit's members (id, name) and those now on its committee, for the organiser's form."""
    from models.accounts import User

    access.require_organiser(actor=actor)
    members = session.exec(
        select(User.id, User.full_name).where(User.unit_id == unit_id, User.is_active)
    ).all()
    current = session.exec(
        select(CellCommittee.user_id).where(CellCommittee.unit_id == unit_id)
    ).all()
    return sorted(((i, n) for i, n in members), key=lambda m: name_sort_key(m[1])), list(current)
