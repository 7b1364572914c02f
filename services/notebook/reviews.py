"""Monthly self-reviews in the cell meeting, the chi ủy's comments, the sơ kết / tổng kết notes
and the year-end rating (the basis for classifying Party members)."""

from __future__ import annotations

from sqlmodel import Session, select

from models.common import utcnow
from models.notebook import (
    REVIEW_STATUS_LABELS,
    Commitment,
    CommitmentStatus,
    MonthlyReview,
    NotebookYear,
)
from services.accounts.auth import CurrentUser
from services.errors import PermissionDenied, UserError
from services.notebook import access
from services.notebook.commitments import get_commitment


def _writable(session: Session, actor: CurrentUser, commitment_id: int) -> Commitment:
    commitment = get_commitment(session=session, actor=actor, commitment_id=commitment_id)
    access.require_write(session, actor=actor, commitment=commitment)
    if commitment.version == 0:
        raise UserError("Bản cam kết chưa được chi ủy duyệt nên chưa tự kiểm điểm được.")
    return commitment


def record_review(
    *,
    session: Session,
    actor: CurrentUser,
    commitment_id: int,
    month: int,
    status: str,
    note: str = "",
) -> MonthlyReview:
    commitment = _writable(session, actor, commitment_id)
    if not 1 <= month <= 12:
        raise UserError("Tháng phải từ 1 đến 12.")
    if status not in REVIEW_STATUS_LABELS:
        raise UserError("Vui lòng chọn mức thực hiện.")
    review = session.exec(
        select(MonthlyReview).where(
            MonthlyReview.commitment_id == commitment_id, MonthlyReview.month == month
        )
    ).first()
    review = review or MonthlyReview(
        commitment_id=commitment_id,
        unit_id=commitment.unit_id,
        year_id=commitment.year_id,
        month=month,
    )
    review.status = status
    review.note = note.strip()
    review.entered_by_id = actor.id
    review.on_behalf = actor.id != commitment.user_id
    review.updated_at = utcnow()
    session.add(review)
    session.flush()
    return review


def comment_review(
    *, session: Session, actor: CurrentUser, commitment_id: int, month: int, comment: str
) -> MonthlyReview:
    commitment = get_commitment(session=session, actor=actor, commitment_id=commitment_id)
    if not access.is_committee_of(session, actor=actor, unit_id=commitment.unit_id):
        raise PermissionDenied("Chỉ chi ủy mới nhận xét phần tự kiểm điểm.")
    review = session.exec(
        select(MonthlyReview).where(
            MonthlyReview.commitment_id == commitment_id, MonthlyReview.month == month
        )
    ).first()
    if review is None:
        raise UserError(f"Đảng viên chưa tự kiểm điểm tháng {month}.")
    review.committee_comment = comment.strip()
    return review


def reviews_of(*, session: Session, actor: CurrentUser, commitment_id: int) -> list[MonthlyReview]:
    get_commitment(session=session, actor=actor, commitment_id=commitment_id)
    return list(
        session.exec(
            select(MonthlyReview)
            .where(MonthlyReview.commitment_id == commitment_id)
            .order_by(MonthlyReview.month)
        ).all()
    )


def save_summary(
    *,
    session: Session,
    actor: CurrentUser,
    commitment_id: int,
    midyear: str | None = None,
    yearend: str | None = None,
) -> Commitment:
    """The member's sơ kết (end of June) and tổng kết (end of year) notes."""
    commitment = _writable(session, actor, commitment_id)
    if midyear is not None:
        commitment.midyear_note = midyear.strip()
    if yearend is not None:
        commitment.yearend_note = yearend.strip()
    return commitment


def rate(*, session: Session, actor: CurrentUser, commitment_id: int, rating: str) -> Commitment:
    commitment = get_commitment(session=session, actor=actor, commitment_id=commitment_id)
    if not access.is_committee_of(session, actor=actor, unit_id=commitment.unit_id):
        raise PermissionDenied("Chỉ chi ủy mới đánh giá mức làm theo của đảng viên.")
    year = session.get(NotebookYear, commitment.year_id)
    options = [r.strip() for r in year.ratings.splitlines() if r.strip()]
    if rating not in options:
        raise UserError(f"Mức đánh giá “{rating}” không có trong danh sách của năm.")
    if commitment.status != CommitmentStatus.APPROVED:
        raise UserError("Chỉ đánh giá bản cam kết đã duyệt.")
    commitment.rating = rating
    return commitment
