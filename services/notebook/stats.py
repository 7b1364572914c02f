"""Registration and review rates by unit, rolled up the unit tree against the headcounts
(“đăng ký 13.130/13.778, đạt 95,3%”). Every count is an aggregate query; only the few units
are walked in Python."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select

from models.accounts import User
from models.notebook import (
    REGISTERED,
    REGISTRATION_MONTH,
    Commitment,
    CountedRating,
    CountedRecord,
    MonthlyReview,
    NotebookYear,
    UnitPlan,
)
from services.accounts.auth import CurrentUser
from services.errors import NotFound, PermissionDenied
from services.notebook import access
from services.units import list_units
from services.vi import format_int, format_percent, name_sort_key

LAGGING_BELOW = 0.8  # a unit under this registration rate is listed as behind


@dataclass
class UnitRate:
    unit_id: int
    name: str
    depth: int
    parent_id: int | None
    headcount: int
    registered: int = 0
    approved: int = 0
    counted: int = 0  # of the registered: counted from paper notebooks (no account)
    collectives: int = 0  # units in the subtree that registered collective models
    has_plan: bool = False
    reviews: dict[int, int] = field(default_factory=dict)  # month -> members who reviewed
    ratings: dict[str, int] = field(default_factory=dict)  # committee's year-end rating -> members

    @property
    def rate(self) -> float:
        return self.registered / self.headcount if self.headcount else 0.0

    def review_rate(self, month: int) -> float:
        return self.reviews.get(month, 0) / self.registered if self.registered else 0.0


def unit_rates(*, session: Session, actor: CurrentUser, year_id: int) -> list[UnitRate]:
    """One row per unit the user may see, in tree order, each counting its whole subtree."""
    visible = access.readable_unit_ids(session, actor=actor)
    if visible is not None and not visible:
        raise PermissionDenied("Bạn chưa được giao theo dõi đơn vị nào.")
    if session.get(NotebookYear, year_id) is None:
        raise NotFound("Không tìm thấy năm của sổ tay.")
    units = list_units(session=session)
    rows = {u.id: UnitRate(u.id, u.name, u.depth, u.parent_id, u.headcount) for u in units}
    status_counts = session.exec(
        select(Commitment.unit_id, Commitment.status, func.count())
        .where(Commitment.year_id == year_id, Commitment.status.in_(REGISTERED))
        .group_by(Commitment.unit_id, Commitment.status)
    ).all()
    for unit_id, status, count in status_counts:
        rows[unit_id].registered += count
        if status == "approved":
            rows[unit_id].approved += count
    review_counts = session.exec(
        select(MonthlyReview.unit_id, MonthlyReview.month, func.count())
        .where(MonthlyReview.year_id == year_id)
        .group_by(MonthlyReview.unit_id, MonthlyReview.month)
    ).all()
    for unit_id, month, count in review_counts:
        rows[unit_id].reviews[month] = count
    for unit_id, rating, count in session.exec(
        select(Commitment.unit_id, Commitment.rating, func.count())
        .where(Commitment.year_id == year_id, Commitment.rating != "")
        .group_by(Commitment.unit_id, Commitment.rating)
    ).all():
        rows[unit_id].ratings[rating] = count
    # Members without an account, counted from the paper notebooks by the unit's committee.
    for unit_id, rating, count in session.exec(
        select(CountedRating.unit_id, CountedRating.rating, CountedRating.count).where(
            CountedRating.year_id == year_id
        )
    ).all():
        rows[unit_id].ratings[rating] = rows[unit_id].ratings.get(rating, 0) + count
    for unit_id, month, count in session.exec(
        select(CountedRecord.unit_id, CountedRecord.month, CountedRecord.count).where(
            CountedRecord.year_id == year_id
        )
    ).all():
        if month == REGISTRATION_MONTH:
            rows[unit_id].registered += count
            rows[unit_id].approved += count
            rows[unit_id].counted += count
        else:
            rows[unit_id].reviews[month] = rows[unit_id].reviews.get(month, 0) + count
    for unit_id, models in session.exec(
        select(UnitPlan.unit_id, UnitPlan.collective_models).where(UnitPlan.year_id == year_id)
    ).all():
        rows[unit_id].has_plan = True
        rows[unit_id].collectives = 1 if models.strip() else 0
    # Roll up, deepest first, so every parent adds its finished children.
    for unit in sorted(units, key=lambda u: -u.depth):
        row, parent = rows[unit.id], rows.get(unit.parent_id)
        if parent is not None:
            parent.registered += row.registered
            parent.approved += row.approved
            parent.counted += row.counted
            parent.collectives += row.collectives
            for month, count in row.reviews.items():
                parent.reviews[month] = parent.reviews.get(month, 0) + count
            for rating, count in row.ratings.items():
                parent.ratings[rating] = parent.ratings.get(rating, 0) + count
    for row in rows.values():  # a unit with no headcount entered counts its sub-units'
        row.headcount = max(row.headcount, row.registered)
    return [rows[u.id] for u in units if visible is None or u.id in visible]


def lagging(rates: list[UnitRate], *, month: int | None = None) -> list[UnitRate]:
    """Units behind on any step (no plan, few registered, few reviewed), the worst first."""

    def behind(row: UnitRate) -> bool:
        return (
            not row.has_plan
            or row.rate < LAGGING_BELOW
            or (month is not None and row.review_rate(month) < LAGGING_BELOW)
        )

    return sorted((r for r in rates if r.headcount and behind(r)), key=lambda r: r.rate)


def missing_members(
    *, session: Session, actor: CurrentUser, year_id: int, unit_id: int
) -> list[str]:
    """Names of the unit's members (subtree) who have not registered; for those who may see."""
    if not access.can_read_unit(session, actor=actor, unit_id=unit_id):
        raise PermissionDenied("Bạn không được xem danh sách của đơn vị này.")
    from services.units import descendant_ids

    units = descendant_ids(session=session, unit_id=unit_id)
    registered = select(Commitment.user_id).where(
        Commitment.year_id == year_id, Commitment.status.in_(REGISTERED)
    )
    names = session.exec(
        select(User.full_name).where(
            User.unit_id.in_(units), User.is_active, User.id.not_in(registered)
        )
    ).all()
    return sorted(names, key=name_sort_key)


def report_sentence(
    row: UnitRate,
    year: int,
    *,
    month: int | None = None,
    yearend: bool = False,
    ratings: list[str] | None = None,
) -> str:
    """The sentence the sơ kết / tổng kết report needs, in the articles' style; at the year's
    end with the committees' ratings, in the order of the year's list."""
    stage = "tổng kết" if yearend else "sơ kết 6 tháng đầu"
    text = (
        f"Qua {stage} năm {year}, {row.name} có {format_int(row.registered)}/"
        f"{format_int(row.headcount)} cán bộ, đảng viên đăng ký làm theo gương Bác, đạt "
        f"{format_percent(row.rate)}"
    )
    if row.collectives:
        text += f"; {format_int(row.collectives)} tập thể đăng ký mô hình làm theo"
    if month is not None and row.registered:
        text += (
            f"; tháng {month} có {format_int(row.reviews.get(month, 0))} đồng chí tự kiểm "
            f"điểm việc làm theo, đạt {format_percent(row.review_rate(month))}"
        )
    rated = sum(row.ratings.values())
    if yearend and rated:
        order = [r for r in (ratings or []) if row.ratings.get(r)]
        order += [r for r in row.ratings if r not in order]
        text += (
            f". Qua đánh giá của chi ủy, {format_int(rated)} đồng chí được đánh giá mức làm "
            "theo: "
            + ", ".join(
                f"{format_int(row.ratings[r])} {r[:1].lower() + r[1:]} "
                f"({format_percent(row.ratings[r] / rated)})"
                for r in order
            )
        )
    return text + "."
