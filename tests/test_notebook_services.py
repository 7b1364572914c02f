"""Sổ tay làm theo gương Bác: year frame, date rules, commitment workflow, versions, access,
warnings, reviews and rates, on a real database."""

from __future__ import annotations

import time
from datetime import date

import pytest

from models.accounts import Role, Unit
from models.notebook import CommitmentStatus, ReviewStatus
from services.accounts.auth import CurrentUser
from services.errors import PermissionDenied, UserError
from services.notebook import commitments as cm
from services.notebook import reviews, stats, years
from services.notebook import warnings as nw
from tests.fixtures import add_user

GOOD = [
    "Kiên định lập trường",
    "Sống giản dị",
    "Giảm 20% thời gian chờ khám tại khoa Nội",
    "Dự đủ 12 kỳ sinh hoạt",
    "Sửa tính nóng nảy với người bệnh",
    "Học nghị quyết trong quý I",
]


def me(user) -> CurrentUser:
    return CurrentUser(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        unit_id=user.unit_id,
        must_change_password=False,
    )


@pytest.fixture
def world(session):
    root = Unit(name="Đảng bộ Khối", kind="dang_bo", headcount=4)
    session.add(root)
    session.flush()
    cell = Unit(name="Chi bộ Y tế", parent_id=root.id, headcount=3)
    other = Unit(name="Chi bộ Giáo dục", parent_id=root.id, headcount=1)
    session.add_all([cell, other])
    session.flush()
    w = {
        "root": root,
        "cell": cell,
        "other": other,
        "org": me(add_user(session, "tochuc1", Role.ORGANISER, unit_id=root.id)),
        "leader": me(add_user(session, "lanhdao1", Role.LEADER, unit_id=root.id)),
        "a": me(add_user(session, "dv_a", full_name="Nguyễn Văn An", unit_id=cell.id)),
        "b": me(add_user(session, "dv_b", full_name="Trần Thị Bình", unit_id=cell.id)),
        "sec": me(add_user(session, "bithu", full_name="Lê Văn Chi", unit_id=cell.id)),
        "stranger": me(add_user(session, "dv_c", unit_id=other.id)),
    }
    year = years.save_year(
        session=session,
        actor=w["org"],
        data=years.YearInput(
            2026,
            "Học tập và làm theo về ý chí tự lực, tự cường",
            "3-5: Phong cách quần chúng",
            plan_date=date(2026, 1, 10),
        ),
    )
    years.set_committee(session=session, actor=w["org"], unit_id=cell.id, user_ids=[w["sec"].id])
    w["year"] = year
    return w


def test_unit_plan_may_not_predate_its_parent(session, world):
    y, cell = world["year"], world["cell"]
    with pytest.raises(UserError, match="05/01/2026.*Ban Thường vụ.*10/01/2026"):
        years.save_unit_plan(
            session=session,
            actor=world["org"],
            year_id=y.id,
            unit_id=cell.id,
            plan_date=date(2026, 1, 5),
        )
    years.save_unit_plan(
        session=session,
        actor=world["org"],
        year_id=y.id,
        unit_id=world["root"].id,
        plan_date=date(2026, 1, 20),
    )
    with pytest.raises(UserError, match="Đảng bộ Khối"):
        years.save_unit_plan(
            session=session,
            actor=world["sec"],
            year_id=y.id,
            unit_id=cell.id,
            plan_date=date(2026, 1, 15),
        )
    years.save_unit_plan(
        session=session,
        actor=world["sec"],
        year_id=y.id,
        unit_id=cell.id,
        plan_date=date(2026, 2, 1),
        collective_models="Bệnh viện không khói",
    )
    with pytest.raises(UserError, match="cấp dưới Chi bộ Y tế"):
        years.save_unit_plan(
            session=session,
            actor=world["org"],
            year_id=y.id,
            unit_id=world["root"].id,
            plan_date=date(2026, 2, 5),
        )
    with pytest.raises(PermissionDenied):
        years.save_unit_plan(
            session=session,
            actor=world["a"],
            year_id=y.id,
            unit_id=cell.id,
            plan_date=date(2026, 2, 1),
        )


def test_commitment_may_not_predate_the_cell_plan(session, world):
    y = world["year"]
    years.save_unit_plan(
        session=session,
        actor=world["sec"],
        year_id=y.id,
        unit_id=world["cell"].id,
        plan_date=date(2026, 2, 1),
    )
    with pytest.raises(UserError, match=r"28/01/2026.*Chi bộ Y tế \(01/02/2026\)"):
        cm.save_draft(
            session=session,
            actor=world["a"],
            year_id=y.id,
            member_id=world["a"].id,
            parts=GOOD,
            committed_on=date(2026, 1, 28),
        )


def test_workflow_versions_and_bulk_entry(session, world):
    y, a, sec = world["year"], world["a"], world["sec"]
    c = cm.save_draft(
        session=session,
        actor=a,
        year_id=y.id,
        member_id=a.id,
        parts=GOOD,
        committed_on=date(2026, 2, 5),
    )
    assert not c.on_behalf
    cm.send(session=session, actor=a, commitment_id=c.id)
    with pytest.raises(UserError):
        cm.save_draft(
            session=session,
            actor=a,
            year_id=y.id,
            member_id=a.id,
            parts=GOOD,
            committed_on=date(2026, 2, 5),
        )
    with pytest.raises(PermissionDenied):
        cm.approve(session=session, actor=a, commitment_id=c.id)
    with pytest.raises(UserError, match="ý kiến"):
        cm.return_with_comment(session=session, actor=sec, commitment_id=c.id, comment=" ")
    cm.return_with_comment(
        session=session, actor=sec, commitment_id=c.id, comment="Ghi rõ chỉ tiêu"
    )
    assert c.status == CommitmentStatus.RETURNED
    cm.send(session=session, actor=a, commitment_id=c.id)
    cm.approve(session=session, actor=sec, commitment_id=c.id)
    assert (c.status, c.version) == (CommitmentStatus.APPROVED, 1)
    cm.start_new_version(session=session, actor=a, commitment_id=c.id, reason="Được giao thêm việc")
    changed = [*GOOD[:2], "Giảm 30% thời gian chờ khám", *GOOD[3:]]
    cm.save_draft(
        session=session,
        actor=a,
        year_id=y.id,
        member_id=a.id,
        parts=changed,
        committed_on=date(2026, 2, 5),
    )
    cm.send(session=session, actor=a, commitment_id=c.id)
    cm.approve(session=session, actor=sec, commitment_id=c.id)
    book = cm.notebook(session=session, actor=a, commitment_id=c.id)
    assert [cm.version_parts(v)[2] for v in book.versions] == [GOOD[2], changed[2]]
    assert book.versions[1].reason == "Được giao thêm việc"
    # The secretary writes for an elderly member: allowed, and marked.
    b = world["b"]
    cb = cm.save_draft(
        session=session,
        actor=sec,
        year_id=y.id,
        member_id=b.id,
        parts=GOOD,
        committed_on=date(2026, 2, 6),
    )
    assert cb.on_behalf and cb.entered_by_id == sec.id


@pytest.mark.parametrize(
    "who, reads, writes",
    [
        ("a", True, True),
        ("sec", True, True),
        ("leader", True, False),
        ("org", True, False),
        ("b", False, False),
        ("stranger", False, False),
    ],
)
def test_access(session, world, who, reads, writes):
    from services.notebook import access

    a = world["a"]
    c = cm.save_draft(
        session=session,
        actor=a,
        year_id=world["year"].id,
        member_id=a.id,
        parts=GOOD,
        committed_on=date(2026, 2, 5),
    )
    user = world[who]
    assert access.can_read(session, actor=user, commitment=c) is reads
    assert access.can_write(session, actor=user, commitment=c) is writes
    if not reads:
        with pytest.raises(PermissionDenied):
            cm.notebook(session=session, actor=user, commitment_id=c.id)


@pytest.mark.parametrize(
    "part3, expected",
    [
        ("Luôn nêu cao tinh thần trách nhiệm", ["chung chung", "mục 1"]),
        ("Hoàn thành tốt chức trách nhiệm vụ được giao.", ["chung chung", "mục 1"]),
        ("Làm việc chăm chỉ", ["mục 1"]),
        ("Giảm 20% thời gian chờ khám", []),
        ("Mỗi tuần đến thăm và hướng dẫn hai hộ nghèo trong ấp cách trồng rau sạch", []),
    ],
)
def test_generic_part3_warnings(part3, expected):
    from models.notebook import DEFAULT_GENERIC_PHRASES

    found = nw.check_parts(["", "", part3, "", "", ""], list(DEFAULT_GENERIC_PHRASES))
    assert len(found) == len(expected)
    for warning, word in zip(found, expected, strict=True):
        assert word in warning.message


def test_copied_commitments_are_named_to_the_committee_only(session, world):
    y, a, b = world["year"], world["a"], world["b"]
    cm.save_draft(
        session=session,
        actor=a,
        year_id=y.id,
        member_id=a.id,
        parts=GOOD,
        committed_on=date(2026, 2, 5),
    )
    copied = [*GOOD[:5], "Học nghị quyết trong quý II"]
    _, similar = nw.draft_warnings(session=session, actor=b, year_id=y.id, parts=copied)
    assert len(similar) == 1 and similar[0].ratio > 0.6
    assert similar[0].member_name == "một đồng chí khác trong chi bộ"
    cb = cm.save_draft(
        session=session,
        actor=b,
        year_id=y.id,
        member_id=b.id,
        parts=copied,
        committed_on=date(2026, 2, 5),
    )
    _, seen = nw.warnings_for(session=session, actor=world["sec"], commitment_id=cb.id)
    assert seen[0].member_name == "Nguyễn Văn An"
    _, none = nw.draft_warnings(
        session=session,
        actor=b,
        year_id=y.id,
        parts=["Khác hẳn", "", "Trồng 50 cây xanh ở trường", "", "", ""],
    )
    assert none == []


def test_similarity_for_200_members_is_fast():
    texts = [
        f"Giảm {i}% thời gian chờ khám tại khoa {i % 7} và hướng dẫn {i} hộ dân " * 8
        for i in range(200)
    ]
    started = time.perf_counter()
    sets = [nw.shingles(t) for t in texts]
    pairs = sum(nw.jaccard(a, b) > 0.6 for i, a in enumerate(sets) for b in sets[i + 1 :])
    elapsed = time.perf_counter() - started
    assert pairs >= 0 and elapsed < 1.0, elapsed


def test_reviews_rates_and_report_sentence(session, world):
    y, a, b, sec = world["year"], world["a"], world["b"], world["sec"]
    for member in (a, b):
        c = cm.save_draft(
            session=session,
            actor=member,
            year_id=y.id,
            member_id=member.id,
            parts=GOOD,
            committed_on=date(2026, 2, 5),
        )
        cm.send(session=session, actor=member, commitment_id=c.id)
        cm.approve(session=session, actor=sec, commitment_id=c.id)
    ca = cm.find_commitment(session=session, actor=a, year_id=y.id, member_id=a.id)
    reviews.record_review(
        session=session,
        actor=a,
        commitment_id=ca.id,
        month=3,
        status=ReviewStatus.DONE,
        note="Đã giảm 10%",
    )
    reviews.record_review(
        session=session, actor=a, commitment_id=ca.id, month=4, status=ReviewStatus.IN_PROGRESS
    )
    reviews.comment_review(session=session, actor=sec, commitment_id=ca.id, month=3, comment="Tốt")
    with pytest.raises(PermissionDenied):
        reviews.comment_review(
            session=session, actor=a, commitment_id=ca.id, month=3, comment="Tự khen"
        )
    reviews.rate(session=session, actor=sec, commitment_id=ca.id, rating="Hoàn thành xuất sắc")
    rows = {
        r.name: r for r in stats.unit_rates(session=session, actor=world["leader"], year_id=y.id)
    }
    assert (rows["Chi bộ Y tế"].registered, rows["Chi bộ Y tế"].headcount) == (2, 3)
    assert rows["Đảng bộ Khối"].registered == 2 and rows["Đảng bộ Khối"].reviews == {3: 1, 4: 1}
    assert next(r.name for r in stats.lagging(list(rows.values()))) == "Chi bộ Giáo dục"
    sentence = stats.report_sentence(rows["Đảng bộ Khối"], 2026, month=3)
    assert "2/4 cán bộ, đảng viên đăng ký làm theo gương Bác, đạt 50,0%" in sentence
    assert "tháng 3 có 1 đồng chí" in sentence
    missing = stats.missing_members(
        session=session, actor=world["leader"], year_id=y.id, unit_id=world["cell"].id
    )
    assert missing == ["Lê Văn Chi"]
    with pytest.raises(PermissionDenied):
        stats.missing_members(session=session, actor=b, year_id=y.id, unit_id=world["cell"].id)
    with pytest.raises(PermissionDenied):
        stats.unit_rates(session=session, actor=b, year_id=y.id)


def test_counted_paper_notebooks_join_the_rates(session, world):
    """Members without an account: the committee counts their paper notebooks; the figure is
    bounded by the headcount less the members with accounts, and only the committee writes it."""
    from services.notebook import counted

    y, cell, sec = world["year"], world["cell"], world["sec"]
    cell.headcount, world["root"].headcount = 10, 11
    session.add_all([cell, world["root"]])
    session.flush()
    with pytest.raises(PermissionDenied):
        counted.record_count(
            session=session, actor=world["a"], year_id=y.id, unit_id=cell.id, month=0, count=5
        )
    with pytest.raises(PermissionDenied):  # a leader reads, does not write
        counted.record_count(
            session=session, actor=world["leader"], year_id=y.id, unit_id=cell.id, month=0, count=5
        )
    with pytest.raises(UserError, match=r"vượt số người chưa có tài khoản của Chi bộ Y tế \(7"):
        counted.record_count(
            session=session, actor=sec, year_id=y.id, unit_id=cell.id, month=0, count=8
        )
    with pytest.raises(UserError, match="tháng 3 .* vượt số đã đăng ký"):
        counted.record_count(
            session=session, actor=sec, year_id=y.id, unit_id=cell.id, month=3, count=1
        )
    record = counted.record_count(
        session=session, actor=sec, year_id=y.id, unit_id=cell.id, month=0, count=6, note="Sổ giấy"
    )
    assert record.entered_by_id == sec.id
    counted.record_count(
        session=session, actor=sec, year_id=y.id, unit_id=cell.id, month=0, count=7
    )  # corrected in place, not added twice
    counted.record_count(
        session=session, actor=sec, year_id=y.id, unit_id=cell.id, month=3, count=5
    )
    assert counted.counted_for(
        session=session, actor=world["leader"], year_id=y.id, unit_id=cell.id
    ) == {0: 7, 3: 5}
    with pytest.raises(PermissionDenied):
        counted.counted_for(session=session, actor=world["stranger"], year_id=y.id, unit_id=cell.id)
    c = cm.save_draft(
        session=session,
        actor=world["a"],
        year_id=y.id,
        member_id=world["a"].id,
        parts=GOOD,
        committed_on=date(2026, 2, 5),
    )
    cm.send(session=session, actor=world["a"], commitment_id=c.id)
    rows = {
        r.name: r for r in stats.unit_rates(session=session, actor=world["leader"], year_id=y.id)
    }
    assert (rows["Chi bộ Y tế"].registered, rows["Chi bộ Y tế"].counted) == (8, 7)
    assert rows["Đảng bộ Khối"].reviews == {3: 5}
    sentence = stats.report_sentence(rows["Đảng bộ Khối"], 2026)
    assert "8/11 cán bộ, đảng viên đăng ký làm theo gương Bác, đạt 72,7%" in sentence


def test_yearend_sentence_lists_the_ratings_in_the_years_order():
    row = stats.UnitRate(
        1,
        "Đảng bộ Khối",
        0,
        None,
        20,
        registered=19,
        collectives=2,
        ratings={"Hoàn thành tốt": 12, "Hoàn thành xuất sắc": 3},
    )
    sentence = stats.report_sentence(
        row, 2026, yearend=True, ratings=["Hoàn thành xuất sắc", "Hoàn thành tốt"]
    )
    assert sentence == (
        "Qua tổng kết năm 2026, Đảng bộ Khối có 19/20 cán bộ, đảng viên đăng ký làm theo gương "
        "Bác, đạt 95,0%; 2 tập thể đăng ký mô hình làm theo. Qua đánh giá của chi ủy, 15 đồng "
        "chí được đánh giá mức làm theo: 3 hoàn thành xuất sắc (20,0%), 12 hoàn thành tốt "
        "(80,0%)."
    )
    midyear = stats.report_sentence(row, 2026, month=6)
    assert midyear.startswith("Qua sơ kết 6 tháng đầu năm 2026, Đảng bộ Khối có 19/20")
    assert "đánh giá" not in midyear


def test_report_files_carry_the_ratings(tmp_path):
    from io import BytesIO

    from docx import Document
    from openpyxl import load_workbook

    from services.notebook import report

    row = stats.UnitRate(
        1,
        "=Đảng bộ Khối",
        0,
        None,
        20,
        registered=19,
        counted=4,
        reviews={12: 17},
        ratings={"Hoàn thành xuất sắc": 3},
    )
    data = report.rates_xlsx([row], 2026, "Câu văn.", ["Hoàn thành xuất sắc"], 12)
    ws = load_workbook(BytesIO(data)).active
    header = [c.value for c in ws[1]]
    assert header[-3:] == ["Đếm từ sổ giấy", "Tự kiểm điểm tháng 12", "Hoàn thành xuất sắc"]
    assert [c.value for c in ws[2]][-3:] == [4, 17, 3]
    assert ws["A2"].data_type == "s"  # the shared writer keeps a typed "=" as text
    doc = Document(BytesIO(report.rates_docx([row], 2026, "Câu văn.", ["Hoàn thành xuất sắc"], 12)))
    assert doc.paragraphs[0].text == "Kết quả tổng kết làm theo gương Bác năm 2026"
    assert [c.text for c in doc.tables[0].rows[1].cells][-2:] == ["17", "3"]


def test_propose_a_top_rated_member_and_a_collective(session, world):
    from models.catalogue import CatalogueRecord, RecordStatus
    from services.notebook import proposals

    y, a, sec = world["year"], world["a"], world["sec"]
    c = cm.save_draft(
        session=session,
        actor=a,
        year_id=y.id,
        member_id=a.id,
        parts=GOOD,
        committed_on=date(2026, 2, 5),
    )
    cm.send(session=session, actor=a, commitment_id=c.id)
    cm.approve(session=session, actor=sec, commitment_id=c.id)
    with pytest.raises(
        UserError,
        match="Chỉ đề xuất đảng viên được chi ủy đánh giá "
        "“Hoàn thành xuất sắc”; Nguyễn Văn An đang là",
    ):
        proposals.propose_member(session=session, actor=sec, commitment_id=c.id, target="catalogue")
    reviews.rate(session=session, actor=sec, commitment_id=c.id, rating="Hoàn thành xuất sắc")
    for who in (a, world["leader"], world["stranger"]):
        with pytest.raises(PermissionDenied):
            proposals.propose_member(
                session=session, actor=who, commitment_id=c.id, target="catalogue"
            )
    p = proposals.propose_member(session=session, actor=sec, commitment_id=c.id, target="catalogue")
    record = session.get(CatalogueRecord, p.catalogue_record_id)
    assert (record.kind, record.status, record.name) == (
        "ca_nhan",
        RecordStatus.DRAFT,
        "Nguyễn Văn An",
    )
    assert "Giảm 20% thời gian chờ khám" in record.story and f"số {c.id}" in record.story
    with pytest.raises(UserError, match="đã được đề xuất"):
        proposals.propose_member(session=session, actor=sec, commitment_id=c.id, target="catalogue")
    award = proposals.propose_member(
        session=session, actor=sec, commitment_id=c.id, target="commendation"
    )
    assert award.catalogue_record_id is None
    years.save_unit_plan(
        session=session,
        actor=sec,
        year_id=y.id,
        unit_id=world["cell"].id,
        plan_date=date(2026, 1, 20),
        collective_models="Khoa khám bệnh xanh",
    )
    with pytest.raises(UserError, match="không có trong các mô hình"):
        proposals.propose_collective(
            session=session,
            actor=sec,
            year_id=y.id,
            unit_id=world["cell"].id,
            model="Mô hình khác",
            target="catalogue",
        )
    m = proposals.propose_collective(
        session=session,
        actor=sec,
        year_id=y.id,
        unit_id=world["cell"].id,
        model="Khoa khám bệnh xanh",
        target="catalogue",
    )
    assert session.get(CatalogueRecord, m.catalogue_record_id).kind == "mo_hinh"
    seen = proposals.proposals(session=session, actor=world["leader"], year_id=y.id)
    assert [x.title for x in seen] == ["Nguyễn Văn An", "Nguyễn Văn An", "Khoa khám bệnh xanh"]
    assert proposals.proposals(session=session, actor=world["stranger"], year_id=y.id) == []


def test_groups_review_first_and_the_committee_sums_up(session, world):
    from services.notebook import groups

    y, a, b, sec, cell = world["year"], world["a"], world["b"], world["sec"], world["cell"]
    with pytest.raises(PermissionDenied):
        groups.save_group(
            session=session,
            actor=a,
            unit_id=cell.id,
            name="Tổ 1",
            leader_id=a.id,
            member_ids=[b.id],
        )
    with pytest.raises(UserError, match="Không thuộc chi bộ này"):
        groups.save_group(
            session=session,
            actor=sec,
            unit_id=cell.id,
            name="Tổ 1",
            leader_id=a.id,
            member_ids=[world["stranger"].id],
        )
    g1 = groups.save_group(
        session=session, actor=sec, unit_id=cell.id, name="Tổ 1", leader_id=a.id, member_ids=[b.id]
    )
    with pytest.raises(UserError, match=r"Đã ở tổ khác: Trần Thị Bình \(Tổ 1\)"):
        groups.save_group(
            session=session,
            actor=sec,
            unit_id=cell.id,
            name="Tổ 2",
            leader_id=sec.id,
            member_ids=[b.id],
        )
    assert [
        (g.name, sorted(g.member_ids))
        for g in groups.groups_of(session=session, actor=sec, unit_id=cell.id)
    ] == [("Tổ 1", sorted([a.id, b.id]))]
    groups.save_month_note(
        session=session,
        actor=a,
        year_id=y.id,
        unit_id=cell.id,
        month=3,
        text="Tổ 1: 2/2 đồng chí tự kiểm điểm",
        group_id=g1.id,
    )
    with pytest.raises(PermissionDenied):  # a member who leads no group
        groups.save_month_note(
            session=session,
            actor=b,
            year_id=y.id,
            unit_id=cell.id,
            month=3,
            text="x",
            group_id=g1.id,
        )
    with pytest.raises(PermissionDenied):  # the group leader does not sum up the cell
        groups.save_month_note(
            session=session, actor=a, year_id=y.id, unit_id=cell.id, month=3, text="Chi bộ"
        )
    groups.save_month_note(
        session=session,
        actor=sec,
        year_id=y.id,
        unit_id=cell.id,
        month=3,
        text="Chi bộ: các tổ đều sinh hoạt đủ",
    )
    assert groups.month_notes(
        session=session, actor=world["leader"], year_id=y.id, unit_id=cell.id, month=3
    ) == {g1.id: "Tổ 1: 2/2 đồng chí tự kiểm điểm", None: "Chi bộ: các tổ đều sinh hoạt đủ"}
    with pytest.raises(PermissionDenied):
        groups.month_notes(session=session, actor=b, year_id=y.id, unit_id=cell.id, month=3)


def test_inspection_checklist_and_findings(session, world):
    from services.notebook import inspection

    y, a, b, sec, cell = world["year"], world["a"], world["b"], world["sec"], world["cell"]
    c = cm.save_draft(
        session=session,
        actor=a,
        year_id=y.id,
        member_id=a.id,
        parts=GOOD,
        committed_on=date(2026, 2, 5),
    )
    cm.send(session=session, actor=a, commitment_id=c.id)
    cm.approve(session=session, actor=sec, commitment_id=c.id)
    reviews.record_review(
        session=session, actor=a, commitment_id=c.id, month=3, status=ReviewStatus.DONE
    )
    parts = [*GOOD[:4], "", GOOD[5]]
    cb = cm.save_draft(
        session=session,
        actor=b,
        year_id=y.id,
        member_id=b.id,
        parts=parts,
        committed_on=date(2026, 2, 5),
    )
    assert cb.status == CommitmentStatus.DRAFT
    for who in (a, sec, world["stranger"]):  # the cell's own committee does not inspect itself
        with pytest.raises(PermissionDenied):
            inspection.checklist(session=session, actor=who, year_id=y.id, unit_id=cell.id, month=5)
    rows = {
        r.name: r.missing
        for r in inspection.checklist(
            session=session, actor=world["leader"], year_id=y.id, unit_id=cell.id, month=5
        )
    }
    assert rows == {
        "Nguyễn Văn An": ["thiếu tự kiểm điểm tháng 4, 5"],
        "Trần Thị Bình": ["chưa được chi ủy duyệt", "trống phần 5 (trong 6 phần)"],
        "Lê Văn Chi": ["chưa viết bản cam kết"],
    }
    with pytest.raises(UserError, match="kết luận"):
        inspection.record_findings(
            session=session,
            actor=world["org"],
            year_id=y.id,
            unit_id=cell.id,
            month=5,
            findings=" ",
        )
    found = inspection.record_findings(
        session=session,
        actor=world["org"],
        year_id=y.id,
        unit_id=cell.id,
        month=5,
        findings="Đề nghị chi ủy đôn đốc 2 đồng chí.",
    )
    assert found.missing_count == 3
    seen = inspection.inspections(session=session, actor=sec, year_id=y.id, unit_id=cell.id)
    assert [i.findings for i in seen] == ["Đề nghị chi ủy đôn đốc 2 đồng chí."]


def test_demo_rates_read_like_the_articles(demo_engine):
    """The demo tree: most units 95–100 %, two cells complete, Cao Lộc lagging, and no paper
    count above what the app itself would accept."""
    from sqlmodel import Session, select

    from models.notebook import NotebookYear

    with Session(demo_engine) as session:
        year = session.exec(select(NotebookYear).where(NotebookYear.year == 2026)).one()
        admin = CurrentUser(
            id=0,
            username="x",
            full_name="x",
            role=Role.ADMIN,
            unit_id=None,
            must_change_password=False,
        )
        rows = {r.name: r for r in stats.unit_rates(session=session, actor=admin, year_id=year.id)}
        top = rows["Đảng bộ Khối các cơ quan tỉnh"]
        assert (top.registered, top.headcount) == (1181, 1223)
        assert "đăng ký làm theo gương Bác, đạt 96,6%" in stats.report_sentence(top, 2026)
        full = [n for n, r in rows.items() if r.rate == 1]
        assert full == ["Chi bộ Bưu điện thành phố", "Chi bộ Văn phòng Sở Y tế"]
        assert sum(1 for r in rows.values() if r.rate >= 0.95) >= 11
        assert [r.name for r in stats.lagging(list(rows.values()))] == [
            "Chi bộ Bưu điện huyện Cao Lộc"
        ]
        for unit in session.exec(select(Unit)).all():  # the paper counts fit the headcounts
            if unit.headcount:
                assert rows[unit.name].registered <= unit.headcount, unit.name
        assert top.reviews[11] > 0.9 * top.registered  # most members reviewed in November


def test_member_lists_are_in_vietnamese_name_order(session, world):
    """By given name, then family name, with Đ after D: the database's order by full_name
    listed "Lê Văn Chi, Nguyễn Văn An, Trần Thị Bình, Đặng Văn Dũng"."""
    add_user(session, "dv_d", full_name="Đặng Văn Dũng", unit_id=world["cell"].id)
    expected = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Chi", "Đặng Văn Dũng"]
    year_id, cell_id = world["year"].id, world["cell"].id
    listed = cm.unit_commitments(
        session=session, actor=world["org"], year_id=year_id, unit_id=cell_id
    )
    assert [member.full_name for member, _ in listed] == expected
    missing = stats.missing_members(
        session=session, actor=world["org"], year_id=year_id, unit_id=cell_id
    )
    assert missing == expected
    members, _ = years.committee_choices(session=session, actor=world["org"], unit_id=cell_id)
    assert [name for _, name in members] == expected


@pytest.mark.parametrize(
    ("party", "statuses", "expected"),
    [
        ([], [], "**0 người** · chờ xem: 0 · đã duyệt: 0 · trả lại: 0 · chưa gửi: 0"),
        (
            [True, True, True],
            [CommitmentStatus.SENT, None, CommitmentStatus.DRAFT],
            "**3 đảng viên** · chờ xem: 1 · đã duyệt: 0 · trả lại: 0 · chưa gửi: 2",
        ),
        (  # a công chức outside the Party registers too: the cell's list is not all đảng viên
            [True, False, True],
            [CommitmentStatus.APPROVED, CommitmentStatus.RETURNED, None],
            "**3 người (2 đảng viên, 1 ngoài Đảng)** · chờ xem: 0 · đã duyệt: 1 · trả lại: 1 · "
            "chưa gửi: 1",
        ),
    ],
)
def test_unit_summary_counts_people_outside_the_party_apart(party, statuses, expected):
    from models.accounts import User
    from models.notebook import Commitment

    members = [
        (
            User(username=f"u{i}", full_name=f"Người {i}", party_member=p),
            None if s is None else Commitment(status=s),
        )
        for i, (p, s) in enumerate(zip(party, statuses, strict=True))
    ]
    assert cm.unit_summary(members) == expected
