"""A member's yearly commitment: draft → sent to the chi ủy → returned with comments or
approved. An approved text is never edited in place: a change is a new version with its reason
(Pleiku: “tránh việc tẩy xóa”)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from models.accounts import Unit, User
from models.common import utcnow
from models.notebook import (
    PART_FIELDS,
    PARTS,
    Commitment,
    CommitmentStatus,
    CommitmentVersion,
)
from services.accounts.auth import CurrentUser
from services.errors import NotFound, PermissionDenied, UserError
from services.notebook import access, forms, years
from services.vi import format_date, format_int, name_sort_key

EDITABLE = (CommitmentStatus.DRAFT, CommitmentStatus.RETURNED)


@dataclass
class Notebook:
    """What the notebook page shows: the commitment and its history."""

    commitment: Commitment
    member_name: str
    unit_name: str
    versions: list[CommitmentVersion]


def parts_of(commitment: Commitment) -> list[str]:
    return [getattr(commitment, f) for f in PART_FIELDS]


def get_commitment(*, session: Session, actor: CurrentUser, commitment_id: int) -> Commitment:
    commitment = session.get(Commitment, commitment_id)
    if commitment is None:
        raise NotFound("Không tìm thấy bản cam kết.")
    access.require_read(session, actor=actor, commitment=commitment)
    return commitment


def find_commitment(
    *, session: Session, actor: CurrentUser, year_id: int, member_id: int
) -> Commitment | None:
    commitment = session.exec(
        select(Commitment).where(Commitment.year_id == year_id, Commitment.user_id == member_id)
    ).first()
    if commitment is not None:
        access.require_read(session, actor=actor, commitment=commitment)
    return commitment


def notebook(*, session: Session, actor: CurrentUser, commitment_id: int) -> Notebook:
    commitment = get_commitment(session=session, actor=actor, commitment_id=commitment_id)
    versions = session.exec(
        select(CommitmentVersion)
        .where(CommitmentVersion.commitment_id == commitment_id)
        .order_by(CommitmentVersion.version)
    ).all()
    member = session.get(User, commitment.user_id)
    unit = session.get(Unit, commitment.unit_id)
    return Notebook(commitment, member.full_name, unit.name if unit else "", list(versions))


def save_draft(
    *,
    session: Session,
    actor: CurrentUser,
    year_id: int,
    member_id: int,
    parts: list[str],
    committed_on: date,
) -> Commitment:
    """Write (or rewrite) the member's draft; the cell secretary may write it for the member,
    which is marked as such."""
    member = session.get(User, member_id)
    if member is None or member.unit_id is None:
        raise UserError("Tài khoản này chưa thuộc chi bộ nào nên chưa ghi sổ tay được.")
    commitment = session.exec(
        select(Commitment).where(Commitment.year_id == year_id, Commitment.user_id == member_id)
    ).first()
    if commitment is None:
        commitment = Commitment(
            year_id=year_id, user_id=member_id, unit_id=member.unit_id, committed_on=committed_on
        )
    access.require_write(session, actor=actor, commitment=commitment)
    if commitment.status not in EDITABLE:
        raise UserError(
            "Bản cam kết đã gửi hoặc đã duyệt thì không sửa trực tiếp; hãy tạo "
            "phiên bản mới kèm lý do."
        )
    year = years.get_year(session=session, year_id=year_id)
    if committed_on.year != year.year:
        raise UserError(f"Ngày cam kết ({format_date(committed_on)}) phải thuộc năm {year.year}.")
    plan = years.governing_plan(session=session, year_id=year_id, unit_id=member.unit_id)
    if plan is not None and committed_on < plan[1]:
        raise UserError(
            f"Ngày cam kết ({format_date(committed_on)}) không được trước ngày kế "
            f"hoạch của {plan[0]} ({format_date(plan[1])})."
        )
    form = forms.form_for(member.party_member, year)
    if len(parts) != len(form):
        raise UserError(f"Bản cam kết phải có đủ {len(form)} phần của mẫu.")
    for number, part in enumerate(form, start=1):
        if part.figure and not parts[number - 1].strip():
            raise UserError(f"Phần {number} ({part.title}) không được để trống.")
    parts = list(parts) + [""] * (len(PARTS) - len(parts))
    commitment.party_form = member.party_member
    for field, text in zip(PART_FIELDS, parts, strict=True):
        setattr(commitment, field, text.strip())
    commitment.committed_on = committed_on
    commitment.entered_by_id = actor.id
    commitment.on_behalf = actor.id != member_id
    commitment.updated_at = utcnow()
    session.add(commitment)
    session.flush()
    return commitment


def send(*, session: Session, actor: CurrentUser, commitment_id: int) -> Commitment:
    commitment = get_commitment(session=session, actor=actor, commitment_id=commitment_id)
    access.require_write(session, actor=actor, commitment=commitment)
    if commitment.status not in EDITABLE:
        raise UserError("Bản cam kết này đã được gửi.")
    if commitment.version > 0 and not commitment.change_reason.strip():
        raise UserError("Vui lòng ghi lý do điều chỉnh trước khi gửi phiên bản mới.")
    commitment.status = CommitmentStatus.SENT
    commitment.sent_at = utcnow()
    return commitment


def _require_committee(session: Session, actor: CurrentUser, commitment: Commitment) -> None:
    if not access.is_committee_of(session, actor=actor, unit_id=commitment.unit_id):
        raise PermissionDenied("Chỉ chi ủy của chi bộ mới trả lại hoặc duyệt bản cam kết.")


def return_with_comment(
    *, session: Session, actor: CurrentUser, commitment_id: int, comment: str
) -> Commitment:
    commitment = get_commitment(session=session, actor=actor, commitment_id=commitment_id)
    _require_committee(session, actor, commitment)
    if commitment.status != CommitmentStatus.SENT:
        raise UserError("Chỉ trả lại được bản cam kết đang chờ chi ủy xem.")
    if not comment.strip():
        raise UserError("Vui lòng ghi ý kiến để đảng viên biết cần sửa gì.")
    commitment.status = CommitmentStatus.RETURNED
    commitment.committee_comment = comment.strip()
    return commitment


def approve(
    *, session: Session, actor: CurrentUser, commitment_id: int, comment: str = ""
) -> Commitment:
    commitment = get_commitment(session=session, actor=actor, commitment_id=commitment_id)
    _require_committee(session, actor, commitment)
    if commitment.status != CommitmentStatus.SENT:
        raise UserError("Chỉ duyệt được bản cam kết đang chờ chi ủy xem.")
    commitment.version += 1
    session.add(
        CommitmentVersion(
            commitment_id=commitment.id,
            version=commitment.version,
            parts=json.dumps(parts_of(commitment), ensure_ascii=False),
            reason=commitment.change_reason or "Bản đăng ký đầu năm",
            approved_by_id=actor.id,
        )
    )
    commitment.status = CommitmentStatus.APPROVED
    commitment.committee_comment = comment.strip()
    commitment.change_reason = ""
    session.flush()
    return commitment


def start_new_version(
    *, session: Session, actor: CurrentUser, commitment_id: int, reason: str
) -> Commitment:
    """Reopen an approved commitment as a draft of its next version; the approved one stays."""
    commitment = get_commitment(session=session, actor=actor, commitment_id=commitment_id)
    access.require_write(session, actor=actor, commitment=commitment)
    if commitment.status != CommitmentStatus.APPROVED:
        raise UserError(
            "Chỉ bản cam kết đã duyệt mới cần tạo phiên bản mới; bản nháp thì sửa trực tiếp."
        )
    if not reason.strip():
        raise UserError("Vui lòng ghi lý do điều chỉnh cam kết.")
    commitment.status = CommitmentStatus.DRAFT
    commitment.change_reason = reason.strip()[:500]
    return commitment


def version_parts(version: CommitmentVersion) -> list[str]:
    return json.loads(version.parts)


def unit_commitments(
    *, session: Session, actor: CurrentUser, year_id: int, unit_id: int
) -> list[tuple[User, Commitment | None]]:
    """Every member of a unit with their commitment (or none): the chi ủy's and inspectors' list."""
    if not access.can_read_unit(
        session, actor=actor, unit_id=unit_id
    ) and not access.is_committee_of(session, actor=actor, unit_id=unit_id):
        raise PermissionDenied(access.DENIED)
    rows = session.exec(
        select(User, Commitment)
        .outerjoin(Commitment, (Commitment.user_id == User.id) & (Commitment.year_id == year_id))
        .where(User.unit_id == unit_id, User.is_active)
    ).all()
    # In Vietnamese order (given name first); SQL's order by full_name put "Đặng" after "Trần".
    return sorted(rows, key=lambda row: name_sort_key(row[0].full_name))


def unit_summary(members: list[tuple[User, Commitment | None]]) -> str:
    """The line above the chi ủy's list: who is on it (people outside the Party register too,
    so not all are "đảng viên") and where their commitments stand."""
    party = sum(1 for member, _ in members if member.party_member)
    others = len(members) - party
    people = f"{format_int(len(members))} người"
    if others:
        people += f" ({format_int(party)} đảng viên, {format_int(others)} ngoài Đảng)"
    elif members:
        people = f"{format_int(party)} đảng viên"
    counts = {s: sum(1 for _, c in members if c and c.status == s) for s in CommitmentStatus}
    waiting = len(members) - sum(
        counts[s]
        for s in (CommitmentStatus.SENT, CommitmentStatus.APPROVED, CommitmentStatus.RETURNED)
    )
    return (
        f"**{people}** · chờ xem: {format_int(counts[CommitmentStatus.SENT])} · "
        f"đã duyệt: {format_int(counts[CommitmentStatus.APPROVED])} · "
        f"trả lại: {format_int(counts[CommitmentStatus.RETURNED])} · "
        f"chưa gửi: {format_int(waiting)}"
    )
