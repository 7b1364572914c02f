"""The notebook pages through AppTest on the demo data: the member writes and sends, the chi ủy
returns and approves, the leader reads the rates and the report sentence, the organiser saves
the year."""

from __future__ import annotations

import pytest

from models.accounts import Role

GENERIC = "Luôn nêu cao tinh thần trách nhiệm"
CONCRETE = "Phát 100% bưu phẩm hành chính công đúng hẹn trong năm 2026"


def _texts(at) -> str:
    return " ".join(
        str(e.value)
        for kind in ("warning", "success", "info", "error", "markdown")
        for e in getattr(at, kind)
    )


@pytest.fixture
def pages(demo_engine, run_page):
    return run_page


def test_member_sees_the_generic_warning_fixes_it_and_sends(pages):
    at = pages("notebook_mine", Role.MEMBER, username="thanhvien")
    assert "Chuyên đề năm 2026" in _texts(at)
    part3 = next(t for t in at.text_area if t.label.startswith("3."))
    part3.input(GENERIC).run()
    assert "cụm từ chung chung" in _texts(at)
    part3 = next(t for t in at.text_area if t.label.startswith("3."))
    part3.input(CONCRETE).run()
    assert not [w for w in at.warning if "chung chung" in w.value]
    next(b for b in at.button if b.label == "Gửi chi ủy").click().run()
    assert not at.exception
    assert "Đã gửi bản cam kết" in _texts(at)
    assert "Đã gửi chi ủy" in _texts(at)


def test_committee_returns_then_approves(pages):
    at = pages("notebook_cell", Role.MEMBER, username="bithu")
    assert not at.exception
    # The demo's waiting commitment in Chi bộ Bưu điện thành phố has a generic part 3.
    assert "cụm từ chung chung" in _texts(at)
    comment = next(t for t in at.text_area if t.label == "Ý kiến của chi ủy")
    comment.input("Ghi rõ việc cụ thể, chỉ tiêu cần đạt").run()
    next(b for b in at.button if b.label == "Trả lại để sửa").click().run()
    assert "Đã trả lại" in _texts(at)


def test_committee_approves(pages):
    at = pages("notebook_cell", Role.MEMBER, username="bithu")
    next(b for b in at.button if b.label == "Duyệt").click().run()
    assert not at.exception
    assert "Đã duyệt bản cam kết" in _texts(at)


def test_ordinary_member_is_not_a_committee(pages):
    at = pages("notebook_cell", Role.MEMBER, username="thanhvien")
    assert "chưa có tên trong chi ủy" in _texts(at)


def test_leader_reads_rates_lagging_and_sentence(pages):
    at = pages("notebook_dashboard", Role.LEADER, username="lanhdao")
    assert not at.exception
    assert any("1.181/1.223" in str(m.value) for m in at.metric), [m.value for m in at.metric]
    sentence = at.code[0].value
    assert "1.181/1.223 cán bộ, đảng viên đăng ký làm theo gương Bác, đạt 96,6%" in sentence, (
        sentence
    )
    lagging = next(d.value for d in at.dataframe if "Kế hoạch" in d.value.columns)
    assert "Chi bộ Bưu điện huyện Cao Lộc" in list(lagging["Đơn vị"])


def test_member_may_not_open_the_dashboard(pages):
    at = pages("notebook_dashboard", Role.MEMBER, username="thanhvien")
    assert "Xin lỗi" in " ".join(e.value for e in at.error)


def test_organiser_edits_the_year(pages):
    at = pages("notebook_year", Role.ORGANISER, username="tochuc")
    assert not at.exception
    at.selectbox(key="nb_year_pick").set_value(at.selectbox(key="nb_year_pick").options[1]).run()
    topic = next(t for t in at.text_area if t.label == "Chuyên đề năm")
    assert "tự lực, tự cường" in topic.value
    themes = next(t for t in at.text_area if t.label.startswith("Chủ đề từng tháng"))
    themes.input("3-5: Phong cách quần chúng\n13: sai")
    next(b for b in at.button if b.label == "Lưu năm").click().run()
    assert "Dòng 2 của chủ đề từng tháng" in " ".join(e.value for e in at.error)


def test_yearend_summary_has_the_committees_ratings(pages):
    at = pages("notebook_dashboard", Role.LEADER, username="lanhdao")
    at.toggle(key="nb_dash_yearend").set_value(True).run()
    assert not at.exception
    sentence = at.code[0].value
    assert sentence.startswith(
        "Qua tổng kết năm 2026, Đảng bộ Khối các cơ quan tỉnh có 1.181/1.223"
    ), sentence
    assert "được đánh giá mức làm theo: " in sentence and "hoàn thành xuất sắc (" in sentence
    summary = at.dataframe[0].value
    assert {"Hoàn thành xuất sắc", "Hoàn thành tốt", "Sổ giấy"} <= set(summary.columns)
    at.selectbox(key="nb_dash_summary").set_value(
        next(o for o in at.selectbox(key="nb_dash_summary").options if "Cao Lộc" in str(o))
    ).run()
    assert any("Chi bộ Bưu điện huyện Cao Lộc có 11/21" in c.value for c in at.code)


def test_secretary_counts_paper_notebooks_within_the_headcount(pages):
    at = pages("notebook_cell", Role.MEMBER, username="bithu")
    at.number_input(key="nb_cell_paper_reg").set_value(1)
    next(b for b in at.button if b.label == "Lưu số liệu sổ giấy").click().run()
    assert "vượt số người chưa có tài khoản của Chi bộ Bưu điện thành phố (0" in " ".join(
        e.value for e in at.error
    )


def test_secretary_proposes_a_top_rated_member_and_the_organiser_sees_the_link(pages):
    at = pages("notebook_cell", Role.MEMBER, username="bithu")
    button = next(b for b in at.button if b.label == "Đề xuất: điển hình trong thư viện (bản nháp)")
    button.click().run()
    assert not at.exception
    assert "Đã đề xuất" in _texts(at)
    assert "Đã đề xuất: điển hình trong thư viện (bản nháp)" in " ".join(
        c.value for c in at.caption
    )
    board = pages("notebook_dashboard", Role.ORGANISER, username="tochuc")
    table = next(d.value for d in board.dataframe if "Nơi đề xuất" in d.value.columns)
    assert table["Hồ sơ"].iloc[0].startswith("/catalogue_detail?id=")


def test_leader_inspects_a_cell_and_records_findings(pages):
    at = pages("notebook_dashboard", Role.LEADER, username="lanhdao")
    picker = at.selectbox(key="nb_dash_inspect")
    picker.select_index(next(i for i, o in enumerate(picker.options) if "Cao Lộc" in o)).run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "Còn thiếu" in d.value.columns)
    assert "chưa viết bản cam kết" in " ".join(table["Còn thiếu"])
    at.text_area(key="nb_dash_findings").input("Chi bộ chậm đăng ký; đề nghị đôn đốc 10 đồng chí.")
    next(b for b in at.button if b.label == "Ghi kết luận kiểm tra").click().run()
    assert "Đã ghi kết luận kiểm tra" in _texts(at)
    assert any("đề nghị đôn đốc 10 đồng chí" in t.value for t in at.text)


def _user_ids(demo_engine) -> dict[str, int]:
    from sqlmodel import Session, select

    from models.accounts import User

    with Session(demo_engine) as session:
        return {u.username: u.id for u in session.exec(select(User)).all()}


def test_secretary_forms_a_group_and_sums_up(pages, demo_engine):
    ids = _user_ids(demo_engine)  # the demo's three tổ hold the sotay members; two are left
    at = pages("notebook_cell", Role.MEMBER, username="bithu")
    at.text_input(key="nb_cell_group_name").input("Tổ 4")
    at.selectbox(key="nb_cell_group_leader").set_value(ids["thisinh011"])
    at.multiselect(key="nb_cell_group_members").select(ids["thisinh022"])
    next(b for b in at.button if b.label == "Lập tổ").click().run()
    assert not at.exception
    assert "Đã lập Tổ 4" in _texts(at)
    summing = next(t for t in at.text_area if t.label.startswith("Chi ủy tổng hợp tháng"))
    summing.input("Tổ 1 đã kiểm điểm đủ; chi ủy ghi nhận.")
    next(b for b in at.button if b.label == "Lưu tổng hợp của chi ủy").click().run()
    assert "Đã lưu tổng hợp tháng" in _texts(at)


def test_group_leader_sees_the_group_and_writes_its_note(pages):
    at = pages("notebook_group", Role.MEMBER, username="totruong")
    assert not at.exception
    assert "Tổ 1" in _texts(at) and "đã tự kiểm điểm" in _texts(at)
    table = at.dataframe[0].value
    assert len(table) == 11 and "Tự kiểm điểm tháng" in " ".join(table.columns)
    at.selectbox(key="nb_group_month").set_value(11).run()
    note = at.text_area[0]
    assert note.value.startswith("Tổ 1:")
    note.input("Tổ 1: 11/11 đồng chí tự kiểm điểm tháng 11.")
    next(b for b in at.button if b.label == "Lưu ý kiến của tổ").click().run()
    assert "Đã lưu ý kiến Tổ 1 tháng 11" in _texts(at)


def test_a_member_who_leads_no_group_is_told_so(pages):
    at = pages("notebook_group", Role.MEMBER, username="thanhvien")
    assert not at.exception
    assert "chưa được chi ủy giao làm tổ trưởng" in _texts(at)
