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


def can_organise(*, actor: CurrentUser) -> bool:
    return actor.role in (Role.ADMIN, Role.ORGANISER)


def committee_unit_ids(session: Session, *, actor: CurrentUser) -> set[int]:
    return set(
        session.exec(select(CellCommittee.unit_id).where(CellCommittee.user_id == actor.id)).all()
    )


def is_committee_of(session: Session, *, actor: CurrentUser, unit_id: int) -> bool:
    return unit_id in committee_unit_ids(session, actor=actor)


def readable_unit_ids(session: Session, *, actor: CurrentUser) -> set[int] | None:
    """The units whose notebooks the user may read; None means all of them."""
    if can_organise(actor=actor):
        return None
    roots = committee_unit_ids(session, actor=actor)
    if actor.role == Role.LEADER and actor.unit_id is not None:
        roots.add(actor.unit_id)
    found: set[int] = set()
    for root in roots:
        found |= descendant_ids(session=session, unit_id=root)
    return found


def can_read_unit(session: Session, *, actor: CurrentUser, unit_id: int) -> bool:
    units = readable_unit_ids(session, actor=actor)
    return units is None or unit_id in units


def can_write(session: Session, *, actor: CurrentUser, commitment: Commitment) -> bool:
    return actor.id == commitment.user_id or is_committee_of(
        session, actor=actor, unit_id=commitment.unit_id
    )


def can_read(session: Session, *, actor: CurrentUser, commitment: Commitment) -> bool:
    return can_write(session, actor=actor, commitment=commitment) or can_read_unit(
        session, actor=actor, unit_id=commitment.unit_id
    )


def require_read(session: Session, *, actor: CurrentUser, commitment: Commitment) -> None:
    if not can_read(session, actor=actor, commitment=commitment):
        raise PermissionDenied(DENIED)


def require_write(session: Session, *, actor: CurrentUser, commitment: Commitment) -> None:
    if not can_write(session, actor=actor, commitment=commitment):
        raise PermissionDenied(DENIED)


def require_organiser(*, actor: CurrentUser) -> None:
    if not can_organise(actor=actor):
        raise PermissionDenied("Chỉ Ban tổ chức mới mở năm và sửa khung của năm.")


def require_unit_committee(session: Session, *, actor: CurrentUser, unit_id: int) -> None:
    """A unit's plan is written by its own committee (or the organisers)."""
    if not (can_organise(actor=actor) or is_committee_of(session, actor=actor, unit_id=unit_id)):
        raise PermissionDenied("Chỉ cấp ủy của đơn vị (hoặc Ban tổ chức) được ghi kế hoạch này.")
