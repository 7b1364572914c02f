"""Tổ in a big cell: the committee forms the groups and names their leaders; each month a group
leader notes how the group's review went, and the committee sums the groups up for the cell."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from models.accounts import User
from models.common import utcnow
from models.notebook import MonthSummary, NotebookGroup, NotebookGroupMember
from services.accounts.auth import CurrentUser
from services.errors import NotFound, PermissionDenied, UserError
from services.notebook import access
from services.vi import name_sort_key


@dataclass
class Group:
    id: int
    name: str
    leader_id: int | None
    member_ids: list[int]


def _require_committee(session: Session, actor: CurrentUser, unit_id: int) -> None:
    if not access.is_committee_of(session, actor=actor, unit_id=unit_id):
        raise PermissionDenied("Chỉ chi ủy của chi bộ được chia tổ và tổng hợp ý kiến các tổ.")


def save_group(
    *,
    session: Session,
    actor: CurrentUser,
    unit_id: int,
    name: str,
    leader_id: int | None,
    member_ids: list[int],
    group_id: int | None = None,
) -> NotebookGroup:
    _require_committee(session, actor, unit_id)
    name = name.strip()
    if not name:
        raise UserError("Vui lòng đặt tên tổ (ví dụ “Tổ 1”).")
    ids = set(member_ids) | ({leader_id} if leader_id else set())
    outside = session.exec(
        select(User.full_name).where(
            User.id.in_(ids), (User.unit_id != unit_id) | User.unit_id.is_(None)
        )
    ).all()
    if outside:
        raise UserError("Không thuộc chi bộ này: " + ", ".join(outside) + ".")
    taken = session.exec(
        select(User.full_name, NotebookGroup.name)
        .join(NotebookGroupMember, NotebookGroupMember.user_id == User.id)
        .join(NotebookGroup, NotebookGroup.id == NotebookGroupMember.group_id)
        .where(
            NotebookGroup.unit_id == unit_id, User.id.in_(ids), NotebookGroup.id != (group_id or 0)
        )
    ).all()
    if taken:
        raise UserError("Đã ở tổ khác: " + ", ".join(f"{n} ({g})" for n, g in taken) + ".")
    group = session.get(NotebookGroup, group_id) if group_id else None
    if group_id and (group is None or group.unit_id != unit_id):
        raise NotFound("Không tìm thấy tổ.")
    same = session.exec(
        select(NotebookGroup).where(NotebookGroup.unit_id == unit_id, NotebookGroup.name == name)
    ).first()
    if same is not None and same.id != group_id:
        raise UserError(f"Chi bộ đã có “{name}”.")
    group = group or NotebookGroup(unit_id=unit_id, name=name)
    group.name, group.leader_id = name, leader_id
    session.add(group)
    session.flush()
    for old in session.exec(
        select(NotebookGroupMember).where(NotebookGroupMember.group_id == group.id)
    ).all():
        session.delete(old)
    session.flush()
    session.add_all(NotebookGroupMember(group_id=group.id, user_id=i) for i in sorted(ids))
    session.flush()
    return group


def groups_of(*, session: Session, actor: CurrentUser, unit_id: int) -> list[Group]:
    if not (
        access.can_read_unit(session, actor=actor, unit_id=unit_id) or actor.unit_id == unit_id
    ):
        raise PermissionDenied(access.DENIED)
    found = session.exec(
        select(NotebookGroup).where(NotebookGroup.unit_id == unit_id).order_by(NotebookGroup.name)
    ).all()
    members: dict[int, list[int]] = {}
    for group_id, user_id in session.exec(
        select(NotebookGroupMember.group_id, NotebookGroupMember.user_id).where(
            NotebookGroupMember.group_id.in_([g.id for g in found])
        )
    ).all():
        members.setdefault(group_id, []).append(user_id)
    return [Group(g.id, g.name, g.leader_id, members.get(g.id, [])) for g in found]


def save_month_note(
    *,
    session: Session,
    actor: CurrentUser,
    year_id: int,
    unit_id: int,
    month: int,
    text: str,
    group_id: int | None = None,
) -> MonthSummary:
    """A group's note (its leader, or the committee) or the committee's summing up (no group)."""
    if not 1 <= month <= 12:
        raise UserError(f"Tháng {month} không hợp lệ.")
    if group_id is None:
        _require_committee(session, actor, unit_id)
    else:
        group = session.get(NotebookGroup, group_id)
        if group is None or group.unit_id != unit_id:
            raise NotFound("Không tìm thấy tổ.")
        if group.leader_id != actor.id and not access.is_committee_of(
            session, actor=actor, unit_id=unit_id
        ):
            raise PermissionDenied(f"Chỉ tổ trưởng {group.name} hoặc chi ủy được ghi ý kiến tổ.")
    if not text.strip():
        raise UserError("Vui lòng ghi nội dung.")
    note = session.exec(
        select(MonthSummary).where(
            MonthSummary.year_id == year_id,
            MonthSummary.unit_id == unit_id,
            MonthSummary.month == month,
            MonthSummary.group_id.is_(None)
            if group_id is None
            else MonthSummary.group_id == group_id,
        )
    ).first()
    note = note or MonthSummary(year_id=year_id, unit_id=unit_id, group_id=group_id, month=month)
    note.text, note.entered_by_id, note.updated_at = text.strip(), actor.id, utcnow()
    session.add(note)
    session.flush()
    return note


def month_notes(
    *, session: Session, actor: CurrentUser, year_id: int, unit_id: int, month: int
) -> dict[int | None, str]:
    """{group id: its note, None: the committee's summing up} for the month."""
    reads_all = access.can_read_unit(session, actor=actor, unit_id=unit_id) or (
        access.is_committee_of(session, actor=actor, unit_id=unit_id)
    )
    led = set(
        session.exec(
            select(NotebookGroup.id).where(
                NotebookGroup.unit_id == unit_id, NotebookGroup.leader_id == actor.id
            )
        ).all()
    )
    if not led and not reads_all:
        raise PermissionDenied(access.DENIED)
    return {  # a group leader reads only the notes of the groups they lead
        g: t
        for g, t in session.exec(
            select(MonthSummary.group_id, MonthSummary.text).where(
                MonthSummary.year_id == year_id,
                MonthSummary.unit_id == unit_id,
                MonthSummary.month == month,
            )
        ).all()
        if reads_all or g in led
    }


def led_groups(*, session: Session, actor: CurrentUser) -> list[NotebookGroup]:
    return list(session.exec(select(NotebookGroup).where(NotebookGroup.leader_id == actor.id)))


@dataclass
class GroupMemberMonth:
    member_id: int
    name: str
    status: str | None  # the commitment's status; None when not written yet
    review_status: str | None  # the month's self-review; None when not recorded
    review_note: str = ""


@dataclass
class GroupMonth:
    """What a group leader (tổ trưởng) sees of one month: the group's members with their
    self-review, the group's own note, and how many reviewed; nothing of the other groups."""

    group: NotebookGroup
    unit_name: str
    month: int
    members: list[GroupMemberMonth]
    note: str

    @property
    def reviewed(self) -> int:
        return sum(1 for m in self.members if m.review_status is not None)


def require_group_reader(session: Session, *, actor: CurrentUser, group: NotebookGroup) -> None:
    """The group's leader, the cell's committee and those who read the unit's notebooks."""
    if group.leader_id == actor.id:
        return
    if access.is_committee_of(session, actor=actor, unit_id=group.unit_id) or access.can_read_unit(
        session, actor=actor, unit_id=group.unit_id
    ):
        return
    raise PermissionDenied(f"Bạn không phải tổ trưởng {group.name} nên không xem được tổ này.")


def group_month(
    *, session: Session, actor: CurrentUser, group_id: int, year_id: int, month: int
) -> GroupMonth:
    from models.accounts import Unit
    from models.notebook import Commitment, MonthlyReview

    group = session.get(NotebookGroup, group_id)
    if group is None:
        raise NotFound("Không tìm thấy tổ.")
    require_group_reader(session, actor=actor, group=group)
    if not 1 <= month <= 12:
        raise UserError(f"Tháng {month} không hợp lệ.")
    rows = session.exec(
        select(User.id, User.full_name, Commitment.status, MonthlyReview.status, MonthlyReview.note)
        .join(NotebookGroupMember, NotebookGroupMember.user_id == User.id)
        .outerjoin(
            Commitment,
            (Commitment.user_id == User.id) & (Commitment.year_id == year_id),
        )
        .outerjoin(
            MonthlyReview,
            (MonthlyReview.commitment_id == Commitment.id) & (MonthlyReview.month == month),
        )
        .where(NotebookGroupMember.group_id == group_id)
    ).all()
    note = session.exec(
        select(MonthSummary.text).where(
            MonthSummary.year_id == year_id,
            MonthSummary.group_id == group_id,
            MonthSummary.month == month,
        )
    ).first()
    unit = session.get(Unit, group.unit_id)
    return GroupMonth(
        group,
        unit.name if unit else "",
        month,
        sorted(
            (GroupMemberMonth(i, n, s, r, rn or "") for i, n, s, r, rn in rows),
            key=lambda m: name_sort_key(m.name),
        ),
        note or "",
    )
