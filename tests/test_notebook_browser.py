"""In Chromium, on the demo: the organiser edits 2026's frame; a member writes a commitment with a
generic part 3, sees the warning, fixes it and sends it; the cell secretary returns it with a
comment, then approves it; the member records two monthly reviews and downloads the PDF; the
leader's dashboard counts the new registration. Screenshots on a desktop and a 390×844 phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import browser
from tests.browser import login, open_page, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def notebook_app(tmp_path_factory):
    """A demo app of our own (this test changes a member's notebook), given longer to seed on a
    busy machine than the shared one."""
    from pathlib import Path

    if not Path(browser.CHROMIUM).exists():
        pytest.skip(f"Chưa cài Chromium ({browser.CHROMIUM})")
    data_dir = tmp_path_factory.mktemp("notebook_app")
    port = browser.free_port()
    server = browser.start_app(data_dir, port, data_dir / "server.log")
    try:
        browser.wait_until_up(f"http://127.0.0.1:{port}", server, seconds=300)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def chromium(notebook_app, shared_chromium):
    return shared_chromium  # the run's one Chromium (see tests/conftest.py)


GENERIC = "Luôn nêu cao tinh thần trách nhiệm"
CONCRETE = "Hướng dẫn 50 người cao tuổi dùng dịch vụ công trực tuyến tại bưu cục trong năm 2026"
COMMENT = "Đề nghị ghi rõ số người cần hướng dẫn"


def _context(chromium, phone: bool = False):
    size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = chromium.new_context(
        viewport=size,
        is_mobile=phone,
        has_touch=phone,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    return context, page


def _select_option(page, label: str, text: str) -> None:
    box = page.get_by_role("combobox", name=label).first
    box.click()
    box.fill(text)
    page.get_by_role("option", name=re.compile(re.escape(text))).first.click()
    browser.settle(page)


def _open_member_in_cell(page, notebook_app, status: str):
    open_page(page, notebook_app, "notebook_cell", "Chi ủy xem sổ tay")
    _select_option(page, "Chi bộ", "Đảng bộ Bưu điện tỉnh")
    page.get_by_text(f"Lê Thị Hồng Nhung — {status}").click()


def test_notebook_main_path(chromium, notebook_app):
    member_ctx, member = _context(chromium, phone=True)
    secretary_ctx, secretary = _context(chromium)
    try:
        login(member, notebook_app, "thanhvien")
        open_page(member, notebook_app, "notebook_mine", "Chuyên đề năm 2026")
        part3 = member.get_by_label("3. Thực hiện chức trách, nhiệm vụ được giao")
        part3.fill(GENERIC)
        part3.press("Tab")
        member.get_by_text(
            "Phần 3 (Thực hiện chức trách, nhiệm vụ được giao) có cụm từ chung chung"
        ).first.wait_for()
        # On the phone the warning sits right under part 3, above part 4 (not at the bottom).
        warning_box = member.get_by_text(
            "Phần 3 (Thực hiện chức trách, nhiệm vụ được giao) có cụm từ chung chung"
        ).first.bounding_box()
        part3_box = part3.bounding_box()
        part4_box = member.get_by_label("4. Tổ chức kỷ luật").bounding_box()
        assert part3_box["y"] < warning_box["y"] < part4_box["y"], (part3_box, warning_box)
        assert warning_box["y"] - (part3_box["y"] + part3_box["height"]) < 200
        screenshot(member, "notebook_member_generic_warning_phone")
        part3.fill(CONCRETE)
        part3.press("Tab")
        member.get_by_text("Các phần cần con số đã có việc cụ thể").wait_for()
        expect(
            member.get_by_text(
                "Phần 3 (Thực hiện chức trách, nhiệm vụ được giao) có cụm từ chung chung"
            )
        ).to_have_count(0)
        member.get_by_role("button", name="Gửi chi ủy").click()
        member.get_by_text("Đã gửi bản cam kết").wait_for()

        login(secretary, notebook_app, "bithu")
        _open_member_in_cell(secretary, notebook_app, "Đã gửi chi ủy")
        comment = secretary.get_by_label("Ý kiến của chi ủy")
        comment.fill(COMMENT)
        comment.press("Tab")
        secretary.get_by_role("button", name="Trả lại để sửa").click()
        secretary.get_by_text("Đã trả lại bản cam kết").wait_for()

        member.reload()
        member.get_by_text(f"Ý kiến chi ủy: {COMMENT}").wait_for()
        member.get_by_role("button", name="Gửi chi ủy").click()
        member.get_by_text("Đã gửi bản cam kết").wait_for()

        _open_member_in_cell(secretary, notebook_app, "Đã gửi chi ủy")
        screenshot(secretary, "notebook_secretary_review_desktop")
        secretary.get_by_role("button", name="Duyệt").click()
        secretary.get_by_text("Đã duyệt bản cam kết").wait_for()

        member.reload()
        member.get_by_text("Tự kiểm điểm hằng tháng").wait_for()
        for month in (11, 12):
            _select_option(member, "Tháng", f"Tháng {month}")
            member.get_by_label("Ghi chú (việc đã làm, còn vướng)").fill(
                f"Tháng {month}: đã hướng dẫn 8 người"
            )
            member.get_by_role("button", name="Lưu tự kiểm điểm").click()
            member.get_by_text(f"Đã lưu tự kiểm điểm tháng {month}").wait_for()
        screenshot(member, "notebook_member_reviews_phone")
        with member.expect_download() as info:
            member.get_by_role("button", name="Tải sổ tay (PDF)").click()
        data = Path(info.value.path()).read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 5_000

        leader_ctx, leader = _context(chromium)
        try:
            login(leader, notebook_app, "lanhdao")
            open_page(leader, notebook_app, "notebook_dashboard", "Câu văn cho báo cáo")
            leader.get_by_text("1.182/1.223").first.wait_for()
            leader.get_by_text("Chi bộ Bưu điện huyện Cao Lộc").first.wait_for()
            leader.get_by_text("đạt 96,6%").first.wait_for()
            screenshot(leader, "notebook_dashboard_leader_desktop")
            leader.get_by_text("Báo cáo tổng kết năm (thay vì sơ kết)").click()
            leader.get_by_text("Qua tổng kết năm 2026").first.wait_for()
            leader.get_by_text("được đánh giá mức làm theo").first.wait_for()
            _select_option(leader, "Đơn vị được kiểm tra", "Chi bộ Bưu điện huyện Cao Lộc")
            leader.get_by_text("sổ còn thiếu").first.wait_for()
            findings = leader.get_by_label("Kết luận của đoàn kiểm tra")
            findings.fill("Chi bộ chậm đăng ký; đề nghị đôn đốc 10 đồng chí.")
            findings.press("Tab")
            leader.get_by_role("button", name="Ghi kết luận kiểm tra").click()
            leader.get_by_text("Đã ghi kết luận kiểm tra").wait_for()
            screenshot(leader, "notebook_dashboard_leader_yearend_inspection_desktop")
        finally:
            leader_ctx.close()
    finally:
        member_ctx.close()
        secretary_ctx.close()


def test_organiser_edits_the_year_on_a_phone(chromium, notebook_app):
    context, page = _context(chromium, phone=True)
    try:
        login(page, notebook_app, "tochuc")
        open_page(page, notebook_app, "notebook_year", "Khung năm của sổ tay")
        _select_option(page, "Năm", "2026")
        page.get_by_label("Chuyên đề năm").wait_for()
        page.get_by_role("button", name="Lưu năm").click()
        page.get_by_text("Đã lưu khung năm 2026").wait_for()
        screenshot(page, "notebook_year_organiser_phone")
    finally:
        context.close()


def test_secretary_and_organiser_on_the_new_parts(chromium, notebook_app):
    """The cell page's tổ, paper notebooks and proposals (secretary, phone and desktop); the
    organiser's dashboard with the proposals and the link to the draft; the member's page."""
    context, page = _context(chromium, phone=True)
    try:
        login(page, notebook_app, "bithu")
        open_page(page, notebook_app, "notebook_cell", "Chi ủy xem sổ tay")
        page.get_by_text("Sổ giấy của đảng viên chưa có tài khoản").click()
        page.get_by_text("Tổ trong chi bộ (3)").click()
        page.get_by_label("Tên tổ").wait_for()
        browser.settle(page)
        screenshot(page, "notebook_cell_secretary_groups_phone")
    finally:
        context.close()
    context, page = _context(chromium)
    try:
        login(page, notebook_app, "bithu")
        open_page(page, notebook_app, "notebook_cell", "Chi ủy xem sổ tay")
        page.get_by_text("Phạm Văn Thành — Đã duyệt").click()
        page.get_by_role("button", name="Đề xuất: điển hình trong thư viện (bản nháp)").click()
        page.get_by_text("Đã đề xuất Phạm Văn Thành").wait_for()
        browser.settle(page)  # the rerun after the proposal has finished before the next click
        page.get_by_text("Đề xuất mô hình tập thể của chi bộ").click()
        browser.settle(page)
        screenshot(page, "notebook_cell_secretary_proposals_desktop")
    finally:
        context.close()
    for phone in (False, True):
        context, page = _context(chromium, phone=phone)
        try:
            login(page, notebook_app, "tochuc")
            open_page(page, notebook_app, "notebook_dashboard", "Câu văn cho báo cáo")
            page.get_by_text("Đề xuất từ sổ tay").wait_for()
            page.get_by_text("Sơ kết 6 tháng theo đơn vị").wait_for()
            page.get_by_text("tháng 11 có").first.wait_for()  # opens on the latest full month
            browser.settle(page)
            screenshot(page, f"notebook_dashboard_organiser_{'phone' if phone else 'desktop'}")
        finally:
            context.close()
    context, page = _context(chromium, phone=True)
    try:
        login(page, notebook_app, "lanhdao")
        open_page(page, notebook_app, "notebook_dashboard", "Câu văn cho báo cáo")
        page.get_by_text("Sơ kết 6 tháng theo đơn vị").wait_for()
        page.get_by_text("Qua sơ kết 6 tháng đầu năm 2026").first.wait_for()
        browser.settle(page)
        screenshot(page, "notebook_dashboard_leader_phone")
    finally:
        context.close()
