"""Inspection (000: 6 đoàn kiểm tra): an inspector reads a unit's notebooks read-only, with a
checklist of what each member's notebook is missing up to a month, and records findings.

Inspectors are those who read the unit from above: the organisers, the leaders and the
committees of a unit above it. The cell's own committee does not inspect itself."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from models.accounts import Role, Unit
from models.notebook import CommitmentStatus, Inspection, MonthlyReview, NotebookYear
from services.accounts.auth import CurrentUser
from services.errors import NotFound, PermissionDenied, UserError
from services.notebook import access, forms
from services.notebook import commitments as cm
from services.units import descendant_ids

FIRST_REVIEW_MONTH = 3  # the demo's and the articles' first monthly review after registering


@dataclass
class ChecklistRow:
    member_id: int
    name: str
    status: str | None
    missing: list[str] = field(default_factory=list)
    on_behalf: bool = False
    rating: str = ""


def can_inspect(session: Session, *, actor: CurrentUser, unit_id: int) -> bool:
    if access.can_organise(actor=actor):
        return True
    if actor.role == Role.LEADER and access.can_read_unit(session, actor=actor, unit_id=unit_id):
        return True
    above = access.committee_unit_ids(session, actor=actor) - {unit_id}
    return any(unit_id in descendant_ids(session=session, unit_id=root) for root in above)


def _require_inspector(session: Session, actor: CurrentUser, unit_id: int) -> None:
    if not can_inspect(session, actor=actor, unit_id=unit_id):
        raise PermissionDenied(
            "Chỉ Ban tổ chức, lãnh đạo và cấp ủy cấp trên được kiểm tra sổ tay của đơn vị này."
        )


def checklist(
    *, session: Session, actor: CurrentUser, year_id: int, unit_id: int, month: int
) -> list[ChecklistRow]:
    """Every member of the unit (with an account) and what their notebook lacks by the month:
    no commitment, not yet approved, an empty part, months without a self-review."""
    _require_inspector(session, actor, unit_id)
    if not 1 <= month <= 12:
        raise UserError(f"Tháng {month} không hợp lệ.")
    rows = cm.unit_commitments(session=session, actor=actor, year_id=year_id, unit_id=unit_id)
    ids = [c.id for _, c in rows if c is not None]
    reviewed: dict[int, set[int]] = {}
    for commitment_id, m in session.exec(
        select(MonthlyReview.commitment_id, MonthlyReview.month).where(
            MonthlyReview.commitment_id.in_(ids), MonthlyReview.month <= month
        )
    ).all():
        reviewed.setdefault(commitment_id, set()).add(m)
    result = []
    for member, c in rows:
        row = ChecklistRow(member.id, member.full_name, c.status if c else None)
        if c is None:
            row.missing.append("chưa viết bản cam kết")
            result.append(row)
            continue
        row.on_behalf, row.rating = c.on_behalf, c.rating
        if c.status != CommitmentStatus.APPROVED:
            row.missing.append("chưa được chi ủy duyệt")
        titled = forms.titled_parts(session=session, commitment=c)
        empty = [str(i + 1) for i, (_, t) in enumerate(titled) if not t.strip()]
        if empty:
            row.missing.append("trống phần " + ", ".join(empty) + f" (trong {len(titled)} phần)")
        if c.status == CommitmentStatus.APPROVED:
            months = [
                m
                for m in range(FIRST_REVIEW_MONTH, month + 1)
                if m not in reviewed.get(c.id, set())
            ]
            if months:
                row.missing.append("thiếu tự kiểm điểm tháng " + ", ".join(map(str, months)))
        if month == 12 and c.status == CommitmentStatus.APPROVED and not c.rating:
            row.missing.append("chưa có đánh giá cuối năm")
        result.append(row)
    return result


def record_findings(
    *, session: Session, actor: CurrentUser, year_id: int, unit_id: int, month: int, findings: str
) -> Inspection:
    rows = checklist(session=session, actor=actor, year_id=year_id, unit_id=unit_id, month=month)
    if session.get(NotebookYear, year_id) is None or session.get(Unit, unit_id) is None:
        raise NotFound("Không tìm thấy năm hoặc đơn vị.")
    if not findings.strip():
        raise UserError("Vui lòng ghi kết luận kiểm tra.")
    inspection = Inspection(
        year_id=year_id,
        unit_id=unit_id,
        inspector_id=actor.id,
        month=month,
        missing_count=sum(1 for r in rows if r.missing),
        findings=findings.strip(),
    )
    session.add(inspection)
    session.flush()
    return inspection


def inspections(
    *, session: Session, actor: CurrentUser, year_id: int, unit_id: int
) -> list[Inspection]:
    """The findings on a unit, for whoever reads it (its own committee too: to act on them)."""
    if not access.can_read_unit(session, actor=actor, unit_id=unit_id):
        raise PermissionDenied(access.DENIED)
    return list(
        session.exec(
            select(Inspection)
            .where(Inspection.year_id == year_id, Inspection.unit_id == unit_id)
            .order_by(Inspection.created_at.desc())
        ).all()
    )
