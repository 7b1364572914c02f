"""The group leader's (tổ trưởng) own screen: the group's members, the month's self-reviews and
the group's note to the committee, and nothing of another group (checked in the service)."""

from __future__ import annotations

from datetime import date

import pytest

from models.notebook import ReviewStatus
from services.errors import PermissionDenied
from services.notebook import commitments as cm
from services.notebook import groups, reviews
from tests import test_notebook_services as base
from tests.fixtures import add_user

world = base.world  # the fixture


def _approved(session, world, member):
    c = cm.save_draft(
        session=session,
        actor=member,
        year_id=world["year"].id,
        member_id=member.id,
        parts=base.GOOD,
        committed_on=date(2026, 2, 5),
    )
    cm.send(session=session, actor=member, commitment_id=c.id)
    cm.approve(session=session, actor=world["sec"], commitment_id=c.id)
    return c


def test_a_group_leader_sees_their_group_and_cannot_read_another(session, world):
    y, a, b, sec, cell = world["year"], world["a"], world["b"], world["sec"], world["cell"]
    d = base.me(add_user(session, "dv_d", full_name="Phạm Thị Dung", unit_id=cell.id))
    g1 = groups.save_group(
        session=session, actor=sec, unit_id=cell.id, name="Tổ 1", leader_id=a.id, member_ids=[b.id]
    )
    g2 = groups.save_group(
        session=session, actor=sec, unit_id=cell.id, name="Tổ 2", leader_id=d.id, member_ids=[]
    )
    cb = _approved(session, world, b)
    _approved(session, world, d)
    reviews.record_review(
        session=session,
        actor=b,
        commitment_id=cb.id,
        month=3,
        status=ReviewStatus.DONE,
        note="Xong",
    )
    for group, leader, text in ((g1, a, "Tổ 1: 1/2 tự kiểm điểm"), (g2, d, "Tổ 2: đủ")):
        groups.save_month_note(
            session=session,
            actor=leader,
            year_id=y.id,
            unit_id=cell.id,
            month=3,
            text=text,
            group_id=group.id,
        )
    groups.save_month_note(
        session=session, actor=sec, year_id=y.id, unit_id=cell.id, month=3, text="Chi bộ: tốt"
    )
    seen = groups.group_month(session=session, actor=a, group_id=g1.id, year_id=y.id, month=3)
    assert [(m.name, m.status, m.review_status, m.review_note) for m in seen.members] == [
        ("Nguyễn Văn An", None, None, ""),
        ("Trần Thị Bình", "approved", ReviewStatus.DONE, "Xong"),
    ]
    assert (seen.note, seen.reviewed, seen.unit_name) == (
        "Tổ 1: 1/2 tự kiểm điểm",
        1,
        "Chi bộ Y tế",
    )
    # Another group: refused by the service itself, for its leader's view and its notes.
    with pytest.raises(PermissionDenied, match="không phải tổ trưởng Tổ 2"):
        groups.group_month(session=session, actor=a, group_id=g2.id, year_id=y.id, month=3)
    with pytest.raises(PermissionDenied):
        groups.save_month_note(
            session=session,
            actor=a,
            year_id=y.id,
            unit_id=cell.id,
            month=3,
            text="x",
            group_id=g2.id,
        )
    assert groups.month_notes(session=session, actor=a, year_id=y.id, unit_id=cell.id, month=3) == {
        g1.id: "Tổ 1: 1/2 tự kiểm điểm"
    }
    # A member of the group who does not lead it sees nothing; the committee sees every group.
    with pytest.raises(PermissionDenied):
        groups.group_month(session=session, actor=b, group_id=g1.id, year_id=y.id, month=3)
    assert (
        groups.group_month(session=session, actor=sec, group_id=g2.id, year_id=y.id, month=3).note
        == "Tổ 2: đủ"
    )
    assert [g.name for g in groups.led_groups(session=session, actor=a)] == ["Tổ 1"]
