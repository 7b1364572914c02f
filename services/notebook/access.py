"""Who may read and write a notebook, in one place; every notebook service calls these.

Writers: the member and the committee (chi ủy) of the member's cell. Readers: the writers, the
organisers and admins, and the leaders and committees of any unit above (their subtree). Other
members see nothing."""

from __future__ import annotations

from sqlmodel import Session, select

from models.accounts import Role
from models.notebook import CellCommittee, Commitment
from services.accounts.auth import CurrentUser
from services.errors import PermissionDenied
from services.units import descendant_ids

DENIED = "Bạn không có quyền xem hoặc ghi sổ tay này."


def can_organise(*, user: CurrentUser) -> bool:
    return user.role in (Role.ADMIN, Role.ORGANISER)


def committee_unit_ids(session: Session, *, user: CurrentUser) -> set[int]:
    return set(
        session.exec(select(CellCommittee.unit_id).where(CellCommittee.user_id == user.id)).all()
    )


def is_committee_of(session: Session, *, user: CurrentUser, unit_id: int) -> bool:
    return unit_id in committee_unit_ids(session, user=user)


def readable_unit_ids(session: Session, *, user: CurrentUser) -> set[int] | None:
    """The units whose notebooks the user may read; None means all of them."""
    if can_organise(user=user):
        return None
    roots = committee_unit_ids(session, user=user)
    if user.role == Role.LEADER and user.unit_id is not None:
        roots.add(user.unit_id)
    found: set[int] = set()
    for root in roots:
        found |= descendant_ids(session=session, unit_id=root)
    return found


def can_read_unit(session: Session, *, user: CurrentUser, unit_id: int) -> bool:
    units = readable_unit_ids(session, user=user)
    return units is None or unit_id in units


def can_write(session: Session, *, user: CurrentUser, commitment: Commitment) -> bool:
    return user.id == commitment.user_id or is_committee_of(
        session, user=user, unit_id=commitment.unit_id
    )


def can_read(session: Session, *, user: CurrentUser, commitment: Commitment) -> bool:
    return can_write(session, user=user, commitment=commitment) or can_read_unit(
        session, user=user, unit_id=commitment.unit_id
    )


def require_read(session: Session, *, user: CurrentUser, commitment: Commitment) -> None:
    if not can_read(session, user=user, commitment=commitment):
        raise PermissionDenied(DENIED)


def require_write(session: Session, *, user: CurrentUser, commitment: Commitment) -> None:
    if not can_write(session, user=user, commitment=commitment):
        raise PermissionDenied(DENIED)


def require_organiser(*, user: CurrentUser) -> None:
    if not can_organise(user=user):
        raise PermissionDenied("Chỉ Ban tổ chức mới mở năm và sửa khung của năm.")


def require_unit_committee(session: Session, *, user: CurrentUser, unit_id: int) -> None:
    """A unit's plan is written by its own committee (or the organisers)."""
    if not (can_organise(user=user) or is_committee_of(session, user=user, unit_id=unit_id)):
        raise PermissionDenied("Chỉ cấp ủy của đơn vị (hoặc Ban tổ chức) được ghi kế hoạch này.")
