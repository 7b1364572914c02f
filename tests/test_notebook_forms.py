"""The non-Party members' form: the organiser sets it per year, the member writes on it, the
approval, versions and generic-phrase warnings work as on the six parts of Công văn 2952."""

from __future__ import annotations

from datetime import date

import pytest

from models.accounts import User
from models.notebook import CommitmentStatus
from services.errors import PermissionDenied, UserError
from services.notebook import commitments as cm
from services.notebook import forms, report
from services.notebook import warnings as nw
from tests import test_notebook_services as base

GOOD = base.GOOD
world = base.world  # the fixture: a root, two cells, an organiser, a leader, members

FORM = [
    {"title": "Tác phong phục vụ nhân dân", "hint": "Việc cụ thể", "figure": False},
    {"title": "Nhiệm vụ chuyên môn", "hint": "Có con số", "figure": True},
    {"title": "", "hint": "", "figure": None},  # an empty row from the table editor
    {"title": "Học tập, rèn luyện", "hint": "", "figure": False},
]


def _non_party(session, world):
    forms.set_party_member(
        session=session, actor=world["sec"], member_id=world["b"].id, party_member=False
    )
    forms.save_non_party_form(
        session=session, actor=world["org"], year_id=world["year"].id, parts=FORM
    )


def test_only_the_organiser_sets_the_form_and_bad_rows_are_named(session, world):
    y = world["year"]
    with pytest.raises(PermissionDenied):
        forms.save_non_party_form(session=session, actor=world["sec"], year_id=y.id, parts=FORM)
    with pytest.raises(UserError, match="Dòng 2: cột “Tiêu đề phần”"):
        forms.save_non_party_form(
            session=session,
            actor=world["org"],
            year_id=y.id,
            parts=[FORM[0], {"title": " ", "hint": "chỉ có gợi ý", "figure": True}],
        )
    with pytest.raises(UserError, match="tối đa 6 phần"):
        forms.save_non_party_form(
            session=session,
            actor=world["org"],
            year_id=y.id,
            parts=[{"title": f"Phần {i}"} for i in range(7)],
        )
    with pytest.raises(UserError, match="Dòng 3: phần “Nhiệm vụ chuyên môn” bị trùng"):
        forms.save_non_party_form(
            session=session, actor=world["org"], year_id=y.id, parts=[FORM[0], FORM[1], FORM[1]]
        )
    assert forms.year_non_party_form(session=session, year_id=y.id) == forms.DEFAULT_NON_PARTY_FORM
    forms.save_non_party_form(session=session, actor=world["org"], year_id=y.id, parts=FORM)
    saved = forms.year_non_party_form(session=session, year_id=y.id)
    assert [p.title for p in saved] == [
        "Tác phong phục vụ nhân dân",
        "Nhiệm vụ chuyên môn",
        "Học tập, rèn luyện",
    ]
    assert [p.figure for p in saved] == [False, True, False]


def test_party_flag_is_set_by_the_cell_committee_or_organisers(session, world):
    with pytest.raises(PermissionDenied):
        forms.set_party_member(
            session=session, actor=world["a"], member_id=world["b"].id, party_member=False
        )
    with pytest.raises(PermissionDenied):
        forms.set_party_member(
            session=session, actor=world["leader"], member_id=world["b"].id, party_member=False
        )
    assert session.get(User, world["b"].id).party_member is True  # the default
    forms.set_party_member(
        session=session, actor=world["org"], member_id=world["b"].id, party_member=False
    )
    assert session.get(User, world["b"].id).party_member is False


def test_a_non_party_member_writes_on_the_years_form_with_the_same_workflow(session, world):
    _non_party(session, world)
    y, a, b, sec = world["year"], world["a"], world["b"], world["sec"]
    form = forms.member_form(session=session, year_id=y.id, member_id=b.id)
    assert len(form) == 3 and form[1].title == "Nhiệm vụ chuyên môn"
    # The Party member keeps the six parts.
    assert forms.member_form(session=session, year_id=y.id, member_id=a.id) == forms.PARTY_FORM
    with pytest.raises(UserError, match="đủ 3 phần"):
        cm.save_draft(
            session=session,
            actor=b,
            year_id=y.id,
            member_id=b.id,
            parts=GOOD,
            committed_on=date(2026, 2, 5),
        )
    with pytest.raises(UserError, match=r"Phần 2 \(Nhiệm vụ chuyên môn\) không được để trống"):
        cm.save_draft(
            session=session,
            actor=b,
            year_id=y.id,
            member_id=b.id,
            parts=["Lễ phép với dân", " ", ""],
            committed_on=date(2026, 2, 5),
        )
    # Generic phrases are warned in the part that expects a figure, naming it.
    generic = ["Lễ phép với dân", "Hoàn thành tốt nhiệm vụ được giao", ""]
    found, _ = nw.draft_warnings(session=session, actor=b, year_id=y.id, parts=generic)
    assert {w.part for w in found} == {2}
    assert any("Phần 2 (Nhiệm vụ chuyên môn) có cụm từ chung chung" in w.message for w in found)
    good = ["Lễ phép với dân", "Trả 100% hồ sơ đúng hẹn", "Học tin học văn phòng"]
    assert nw.draft_warnings(session=session, actor=b, year_id=y.id, parts=good)[0] == []
    c = cm.save_draft(
        session=session,
        actor=b,
        year_id=y.id,
        member_id=b.id,
        parts=generic,
        committed_on=date(2026, 2, 5),
    )
    assert c.party_form is False and (c.part4, c.part5, c.part6) == ("", "", "")
    cm.send(session=session, actor=b, commitment_id=c.id)
    found, _ = nw.warnings_for(session=session, actor=sec, commitment_id=c.id)  # the committee
    assert [w.part for w in found] == [2, 2]
    cm.return_with_comment(session=session, actor=sec, commitment_id=c.id, comment="Ghi chỉ tiêu")
    cm.save_draft(
        session=session,
        actor=b,
        year_id=y.id,
        member_id=b.id,
        parts=good,
        committed_on=date(2026, 2, 5),
    )
    cm.send(session=session, actor=b, commitment_id=c.id)
    cm.approve(session=session, actor=sec, commitment_id=c.id)
    cm.start_new_version(session=session, actor=b, commitment_id=c.id, reason="Thêm việc")
    changed = [good[0], "Trả 100% hồ sơ đúng hẹn\nSố hóa 500 hồ sơ lưu trữ", good[2]]
    cm.save_draft(
        session=session,
        actor=b,
        year_id=y.id,
        member_id=b.id,
        parts=changed,
        committed_on=date(2026, 2, 5),
    )
    cm.send(session=session, actor=b, commitment_id=c.id)
    cm.approve(session=session, actor=sec, commitment_id=c.id)
    book = cm.notebook(session=session, actor=b, commitment_id=c.id)
    assert (c.status, c.version) == (CommitmentStatus.APPROVED, 2)
    assert [cm.version_parts(v)[1] for v in book.versions] == [good[1], changed[1]]
    titled = forms.titled_parts(session=session, commitment=c)
    assert [(p.title, t) for p, t in titled][1] == ("Nhiệm vụ chuyên môn", changed[1])
    assert report.notebook_pdf(session=session, actor=b, commitment_id=c.id).startswith(b"%PDF")
    # The Party member's part 3 is still the one checked, with its 2952 title.
    found = nw.check_parts(
        ["", "", "Luôn nêu cao tinh thần trách nhiệm", "", "", ""],
        ["luôn nêu cao tinh thần trách nhiệm"],
    )
    assert found[0].message.startswith("Phần 3 (Thực hiện chức trách, nhiệm vụ được giao)")


def test_demo_has_non_party_members_on_the_years_form_once(demo_engine, settings):
    from sqlmodel import Session, select

    from models.notebook import Commitment, NotebookYear
    from services.notebook import demo as notebook_demo

    with Session(demo_engine) as session:
        notebook_demo.seed(session=session, settings=settings)  # again: nothing changes
        session.commit()
        year = session.exec(select(NotebookYear).where(NotebookYear.year == 2026)).one()
        assert [p.title for p in forms.non_party_form(year)][1] == (
            "Thực hiện nhiệm vụ chuyên môn được giao"
        )
        rows = session.exec(
            select(Commitment).where(Commitment.year_id == year.id, ~Commitment.party_form)
        ).all()
        assert len(rows) == 3
        assert all(not session.get(User, c.user_id).party_member for c in rows)
        waiting = [c for c in rows if c.status == CommitmentStatus.SENT]
        assert len(waiting) == 1
        secretary = session.exec(select(User).where(User.username == "bithu")).one()
        found, _ = nw.warnings_for(
            session=session, actor=base.me(secretary), commitment_id=waiting[0].id
        )
        assert any("Phần 2 (Thực hiện nhiệm vụ chuyên môn được giao)" in w.message for w in found)


def test_similar_commitments_name_the_parts_alike_and_warnings_group_by_part(session, world):
    y, a, b = world["year"], world["a"], world["b"]
    c = cm.save_draft(
        session=session,
        actor=a,
        year_id=y.id,
        member_id=a.id,
        parts=GOOD,
        committed_on=date(2026, 2, 5),
    )
    cm.send(session=session, actor=a, commitment_id=c.id)
    copied = ["Học tập suốt đời theo gương Bác về tự học", *GOOD[1:]]
    found, similar = nw.draft_warnings(session=session, actor=b, year_id=y.id, parts=copied)
    assert len(similar) == 1 and 1 not in similar[0].parts and 3 in similar[0].parts
    warned, alike = nw.by_part(
        [nw.Warning(3, 1, "x"), nw.Warning(3, None, "y")], similar, len(forms.PARTY_FORM)
    )
    assert [w.message for w in warned[3]] == ["x", "y"] and warned[1] == []
    assert alike[1] == [] and alike[3] == similar
    # A commitment alike as a whole but in no single part goes under the last part.
    whole = nw.Similar(a.id, "Nguyễn Văn An", 0.7, ())
    assert nw.by_part([], [whole], 6)[1][6] == [whole]
    assert found == []
