"""The two commendations pages through Streamlit's AppTest, on the demo data."""

from __future__ import annotations

import re

import pytest

from models.accounts import Role

DASHBOARD, MANAGE = "commendations_dashboard", "commendations_manage"
ARTICLE = (
    "Giai đoạn 2016–2021, toàn Đảng bộ có 263 lượt tập thể, 1.500 lượt cá nhân được các "
    "cấp biểu dương, khen thưởng"
)


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _infos(at) -> str:
    return " ".join(i.value for i in at.info)


def _open_report(at):
    """Tabs run lazily: only the open one's body runs, so open the report tab as a click does."""
    at.session_state["com_dash_tab"] = "Bảng báo cáo"
    return at.run()


@pytest.mark.parametrize("role", [Role.LEADER, Role.ORGANISER, Role.ADMIN])
def test_dashboard_shows_the_article_figures(demo_engine, run_page, role):
    at = _open_report(run_page(DASHBOARD, role, query={"tu": "2016", "den": "2021"}))
    assert not at.exception
    metrics = _metrics(at)
    assert metrics["Tổng số lượt"] == "1.318"  # khen thưởng only: biểu dương is apart
    assert metrics["Tập thể"] == "218"
    assert metrics["Cá nhân"] == "1.100"
    assert ARTICLE in _infos(at)
    assert "Ban Thường vụ Đảng ủy Khối tặng giấy khen 82 lượt tập thể, 158 lượt cá nhân" in (
        _infos(at)
    )


def test_changing_the_period_changes_the_numbers(demo_engine, run_page):
    at = run_page(DASHBOARD, Role.LEADER, query={"tu": "2016", "den": "2021"})
    before = _metrics(at)["Tổng số lượt"]
    at.slider(key="com_dash_period").set_value((2022, 2022)).run()
    _open_report(at)
    assert not at.exception
    assert _metrics(at)["Tổng số lượt"] != before
    assert "Năm 2022, toàn Đảng bộ có" in _infos(at)


@pytest.mark.parametrize(("kind", "total"), [("bieu_duong", "445"), ("danh_hieu", None)])
def test_kind_switch_keeps_counts_apart(demo_engine, run_page, kind, total):
    at = run_page(DASHBOARD, Role.LEADER, query={"tu": "2016", "den": "2021"})
    at.button_group(key="com_dash_kind").set_value(kind).run()
    assert not at.exception
    value = _metrics(at)["Tổng số lượt"]
    assert value != "1.318"
    if total:
        assert value == total


def test_distinct_recipients_switch(demo_engine, run_page):
    at = run_page(DASHBOARD, Role.LEADER, query={"tu": "2016", "den": "2021"})
    at.radio(key="com_dash_measure").set_value("doi_tuong").run()
    assert not at.exception
    # the KPI for distinct recipients does not move, the charts' measure does
    assert int(_metrics(at)["Đối tượng (không trùng)"].replace(".", "")) < 1318


def test_unit_filter(demo_engine, run_page):
    at = run_page(DASHBOARD, Role.LEADER, query={"tu": "2016", "den": "2021"})
    from sqlmodel import Session, select

    from models.accounts import Unit

    with Session(demo_engine) as session:
        court = session.exec(
            select(Unit.id).where(Unit.name == "Đảng bộ Tòa án nhân dân tỉnh")
        ).one()
    at.selectbox(key="com_dash_unit").set_value(court).run()
    _open_report(at)
    assert not at.exception
    assert int(_metrics(at)["Tổng số lượt"].replace(".", "")) < 1318
    assert "Đảng bộ Tòa án nhân dân tỉnh có" in _infos(at)


@pytest.mark.parametrize("page", [DASHBOARD, MANAGE])
def test_member_is_refused(demo_engine, run_page, page):
    at = run_page(page, Role.MEMBER)
    assert any("Xin lỗi, vai trò Thành viên" in e.value for e in at.error)
    assert not at.metric


def test_leader_cannot_open_the_manage_page(demo_engine, run_page):
    at = run_page(MANAGE, Role.LEADER)
    assert any("không được mở trang" in e.value for e in at.error)


def test_dashboard_without_data_says_so(engine, run_page):
    at = run_page(DASHBOARD, Role.LEADER)
    assert not at.exception
    assert "Chưa có bản ghi khen thưởng nào" in _infos(at)


def _open_manage_tab(at, label: str):
    """The manage page's tabs run lazily too: open one as a click does."""
    at.session_state["com_manage_tab"] = label
    return at.run()


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.ADMIN])
def test_manage_page_renders(demo_engine, run_page, role):
    at = run_page(MANAGE, role)
    assert not at.exception
    assert at.title[0].value == "Nhập khen thưởng"
    _open_manage_tab(at, "Danh mục")
    assert not at.exception
    # the vocabulary is editable only by the admin
    assert bool(at.selectbox(key="com_manage_vocab_form_pick")) if role == Role.ADMIN else True
    if role == Role.ORGANISER:
        assert any("chỉ quản trị viên được sửa" in i.value for i in at.info)


def test_manage_form_saves_one_award_and_warns_on_duplicate(demo_engine, run_page):
    from sqlmodel import Session, select

    from models.commendations import AwardForm, AwardIssuer

    with Session(demo_engine) as session:
        form_id = session.exec(select(AwardForm.id).where(AwardForm.name == "Bằng khen")).one()
        issuer_id = session.exec(
            select(AwardIssuer.id).where(AwardIssuer.name == "Chủ tịch UBND tỉnh")
        ).one()
    at = run_page(MANAGE, Role.ORGANISER)
    next(t for t in at.text_input if t.label == "Họ tên cá nhân / tên tập thể").input(
        "Nguyễn Thị Kiểm Thử"
    )
    next(s for s in at.selectbox if s.label == "Hình thức khen thưởng / danh hiệu").set_value(
        form_id
    )
    next(s for s in at.selectbox if s.label == "Cấp khen (người ký)").set_value(issuer_id)
    next(t for t in at.text_input if t.label == "Số quyết định").input("77/QĐ-UBND")
    next(n for n in at.number_input if n.label == "Năm").set_value(2025)
    next(b for b in at.button if b.label == "Lưu bản ghi").click().run()
    assert not at.exception
    assert any("Đã lưu: Nguyễn Thị Kiểm Thử — Bằng khen" in s.value for s in at.success)
    next(b for b in at.button if b.label == "Lưu bản ghi").click().run()
    assert any("Có thể trùng" in w.value for w in at.warning)


def test_default_period_is_the_reports_and_the_last_choice_is_remembered(demo_engine, run_page):
    at = run_page(DASHBOARD, Role.LEADER, username="lanhdao_nho")
    assert not at.exception
    assert at.slider(key="com_dash_period").value == (2016, 2021)  # the Chỉ thị 05 review's
    assert _metrics(at)["Tổng số lượt"] == "1.318"
    at.button(key="com_dash_preset_5 năm gần nhất").click().run()
    chosen = at.slider(key="com_dash_period").value
    assert chosen != (2016, 2021)
    assert (at.query_params["tu"], at.query_params["den"]) == tuple(str(y) for y in chosen)
    # another visit (a new session, no address): the same leader sees the period chosen last
    again = run_page(DASHBOARD, Role.LEADER, username="lanhdao_nho")
    assert again.slider(key="com_dash_period").value == chosen
    # another leader keeps the reports' period, and an address's period wins over both
    other = run_page(DASHBOARD, Role.LEADER, username="lanhdao_khac")
    assert other.slider(key="com_dash_period").value == (2016, 2021)
    linked = run_page(
        DASHBOARD, Role.LEADER, username="lanhdao_nho", query={"tu": "2018", "den": "2019"}
    )
    assert linked.slider(key="com_dash_period").value == (2018, 2019)


def _list_shown(at) -> bool:
    """The list tab's year filter and its count of records, drawn from its queries."""
    slider = any(s.key == "com_manage_list_years" for s in at.slider)
    count = any(re.match(r"[\d.]+ bản ghi", c.value) for c in at.caption)
    assert slider == count
    return slider


def test_manage_page_runs_only_the_open_tab(demo_engine, run_page):
    """The list's filter, count and query run only once its tab is opened, and it stays open."""
    at = run_page(MANAGE, Role.ORGANISER)
    assert not at.exception
    assert any(b.label == "Lưu bản ghi" for b in at.button)  # the first tab is open
    assert not _list_shown(at)  # the list tab's body did not run
    _open_manage_tab(at, "Danh sách và xuất Excel")
    assert not at.exception
    assert _list_shown(at)
    assert not any(b.label == "Lưu bản ghi" for b in at.button)  # now the form's is closed
    at.run()  # a rerun (a filter changed, a save) keeps the list tab open
    assert _list_shown(at)


def test_a_vocabulary_save_stays_on_its_tab(demo_engine, run_page):
    at = _open_manage_tab(run_page(MANAGE, Role.ADMIN), "Danh mục")
    names = [t for t in at.text_input if t.label == "Tên"]
    names[-1].input("Dịp kiểm thử lưu")  # the occasions' form, the last of the three
    [b for b in at.button if b.label == "Lưu"][-1].click().run()
    assert not at.exception
    assert any("Đã lưu “Dịp kiểm thử lưu”." in s.value for s in at.success)
    # still on the vocabulary tab
    assert any(s.key == "com_manage_vocab_occasion_pick" for s in at.selectbox)
    assert not any(b.label == "Lưu bản ghi" for b in at.button)
