"""Counted records: the members without an account, whose paper notebooks the unit's committee
counts and enters as figures (how many registered for the year; how many reviewed themselves in
a month's meeting). Always entered on the members' behalf, with who entered it and when; the
dashboard adds them to the app's own notebooks so the rate covers the whole headcount."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from models.accounts import Unit, User
from models.common import utcnow
from models.notebook import REGISTRATION_MONTH, CountedRating, CountedRecord, NotebookYear
from services.accounts.auth import CurrentUser
from services.errors import NotFound, PermissionDenied, UserError
from services.notebook import access
from services.units import descendant_ids
from services.vi import format_int


def counted_for(
    *, session: Session, actor: CurrentUser, year_id: int, unit_id: int
) -> dict[int, int]:
    """{month: count} of the unit's counted records (0 = registered for the year)."""
    if not access.can_read_unit(session, actor=actor, unit_id=unit_id):
        raise PermissionDenied(access.DENIED)
    return dict(
        session.exec(
            select(CountedRecord.month, CountedRecord.count).where(
                CountedRecord.year_id == year_id, CountedRecord.unit_id == unit_id
            )
        ).all()
    )


def without_account_room(session: Session, *, year_id: int, unit: Unit) -> int:
    """How many of the unit's headcount can be counted: the headcount less the members who have
    an account in its subtree and the figures already counted in the units below it."""
    below = descendant_ids(session=session, unit_id=unit.id)
    accounts = session.exec(
        select(func.count()).select_from(User).where(User.unit_id.in_(below), User.is_active)
    ).one()
    counted_below = session.exec(
        select(func.coalesce(func.sum(CountedRecord.count), 0)).where(
            CountedRecord.year_id == year_id,
            CountedRecord.month == REGISTRATION_MONTH,
            CountedRecord.unit_id.in_(below - {unit.id}),
        )
    ).one()
    return max(unit.headcount - accounts - counted_below, 0)


def record_count(
    *,
    session: Session,
    actor: CurrentUser,
    year_id: int,
    unit_id: int,
    month: int,
    count: int,
    note: str = "",
) -> CountedRecord:
    """Set a unit's counted figure for the year (month 0) or a month; the unit's committee or
    the organisers only."""
    access.require_unit_committee(session, actor=actor, unit_id=unit_id)
    unit = session.get(Unit, unit_id)
    if unit is None or session.get(NotebookYear, year_id) is None:
        raise NotFound("Không tìm thấy đơn vị hoặc năm của sổ tay.")
    if not 0 <= month <= 12:
        raise UserError(f"Tháng {month} không hợp lệ (1–12, hoặc 0 cho số đăng ký cả năm).")
    if count < 0:
        raise UserError("Số người phải từ 0 trở lên.")
    if unit.headcount <= 0:
        raise UserError(f"{unit.name} chưa có sĩ số; quản trị viên ghi sĩ số trước khi đếm sổ.")
    existing = session.exec(
        select(CountedRecord).where(
            CountedRecord.year_id == year_id,
            CountedRecord.unit_id == unit_id,
            CountedRecord.month == month,
        )
    ).first()
    if month == REGISTRATION_MONTH:
        room = without_account_room(session, year_id=year_id, unit=unit)
        if count > room:
            raise UserError(
                f"Số đăng ký đếm từ sổ giấy ({format_int(count)}) vượt số người chưa có tài khoản "
                f"của {unit.name} ({format_int(room)} = sĩ số {format_int(unit.headcount)} trừ "
                f"người đã có tài khoản và số đã đếm ở đơn vị cấp dưới)."
            )
    else:
        registered = _registered_on_paper(session, year_id, unit_id)
        if count > registered:
            raise UserError(
                f"Số tự kiểm điểm tháng {month} ({format_int(count)}) vượt số đã "
                f"đăng ký đếm từ sổ giấy ({format_int(registered)})."
            )
    record = existing or CountedRecord(year_id=year_id, unit_id=unit_id, month=month, count=0)
    record.count, record.note = count, note.strip()[:500]
    record.entered_by_id, record.updated_at = actor.id, utcnow()
    session.add(record)
    session.flush()
    return record


def _registered_on_paper(session: Session, year_id: int, unit_id: int) -> int:
    """How many of the unit's members the committee counted as registered from paper."""
    return (
        session.exec(
            select(CountedRecord.count).where(
                CountedRecord.year_id == year_id,
                CountedRecord.unit_id == unit_id,
                CountedRecord.month == REGISTRATION_MONTH,
            )
        ).first()
        or 0
    )


def counted_ratings_for(
    *, session: Session, actor: CurrentUser, year_id: int, unit_id: int
) -> dict[str, int]:
    """{rating: members} the unit's committee counted from the paper notebooks at year's end."""
    if not access.can_read_unit(session, actor=actor, unit_id=unit_id):
        raise PermissionDenied(access.DENIED)
    return dict(
        session.exec(
            select(CountedRating.rating, CountedRating.count).where(
                CountedRating.year_id == year_id, CountedRating.unit_id == unit_id
            )
        ).all()
    )


def record_ratings(
    *,
    session: Session,
    actor: CurrentUser,
    year_id: int,
    unit_id: int,
    counts: dict[str, int],
) -> dict[str, int]:
    """Set how many of the members counted from paper got each year-end rating (0 clears one).
    Never more in all than the paper notebooks counted as registered, which itself fits the
    headcount (less the members with an account)."""
    access.require_unit_committee(session, actor=actor, unit_id=unit_id)
    unit = session.get(Unit, unit_id)
    year = session.get(NotebookYear, year_id)
    if unit is None or year is None:
        raise NotFound("Không tìm thấy đơn vị hoặc năm của sổ tay.")
    options = [r.strip() for r in year.ratings.splitlines() if r.strip()]
    for rating, count in counts.items():
        if rating not in options:
            raise UserError(
                f"Mức đánh giá “{rating}” không có trong danh sách của năm {year.year}."
            )
        if count is None or count < 0:
            raise UserError(f"Số người “{rating}” phải từ 0 trở lên.")
    total = sum(counts.values())
    if total > unit.headcount:
        raise UserError(
            f"Tổng số được đánh giá ({format_int(total)}) vượt sĩ số của {unit.name} "
            f"({format_int(unit.headcount)})."
        )
    registered = _registered_on_paper(session, year_id, unit_id)
    if total > registered:
        raise UserError(
            f"Tổng số được đánh giá từ sổ giấy ({format_int(total)}: "
            + ", ".join(f"{r} {format_int(c)}" for r, c in counts.items() if c)
            + f") vượt số đã đăng ký đếm từ sổ giấy của {unit.name} ({format_int(registered)})."
        )
    existing = {
        r.rating: r
        for r in session.exec(
            select(CountedRating).where(
                CountedRating.year_id == year_id, CountedRating.unit_id == unit_id
            )
        ).all()
    }
    for rating, count in counts.items():
        row = existing.get(rating)
        if count == 0:
            if row is not None:
                session.delete(row)
            continue
        row = row or CountedRating(year_id=year_id, unit_id=unit_id, rating=rating, count=0)
        row.count, row.entered_by_id, row.updated_at = count, actor.id, utcnow()
        session.add(row)
    session.flush()
    return {r: c for r, c in counts.items() if c}
