"""In Chromium, on the demo: a leader reads the article's 2016–2021 figures, changes the period
and clicks a bar; an organiser imports a year's commendations from Excel and sees them in the
charts; a member is refused."""

from __future__ import annotations

import time
from io import BytesIO

import pytest
from openpyxl import Workbook

from services.commendations.excel import HEADERS
from tests.browser import login, open_page, screenshot

pytestmark = pytest.mark.browser

ARTICLE = (
    "Giai đoạn 2016–2021, toàn Đảng bộ có 263 lượt tập thể, 1.500 lượt cá nhân được các "
    "cấp biểu dương, khen thưởng"
)


def _first_metric(page) -> str:
    return page.locator('[data-testid="stMetricValue"]').first.inner_text()


def _wait_for_metric_change(page, before: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = _first_metric(page)
        if value != before:
            return value
        time.sleep(0.3)
    raise AssertionError(f"Số liệu không đổi (vẫn {before}).")


def test_leader_changes_the_period_and_reads_the_report(browser_page, live_app):
    page = browser_page
    login(page, live_app, "lanhdao")
    open_page(page, live_app, "commendations_dashboard", "Tổng số lượt")
    main = page.get_by_role("main")
    assert _first_metric(page) == "1.318"  # the default is the reports' period, 2016–2021
    main.get_by_role("button", name="Toàn bộ").click()
    whole = _wait_for_metric_change(page, "1.318")
    screenshot(page, "commendations_dashboard_leader_all_years")

    main.get_by_role("button", name="2016–2021").click()
    assert _wait_for_metric_change(page, whole) == "1.318"
    main.get_by_text("Hình thức khen thưởng theo năm, 2016–2021").wait_for()

    # Click the 2016 bar: its records are listed under the chart.
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    page.mouse.click(box["x"] + 110, box["y"] + box["height"] - 110)
    records = main.get_by_text("Năm 2016 ·").first
    records.wait_for()
    records.scroll_into_view_if_needed()
    screenshot(page, "commendations_dashboard_leader_bar_records")

    page.get_by_role("tab", name="Bảng báo cáo").click()
    main.get_by_text(ARTICLE).first.wait_for()
    main.get_by_text(
        "Ban Thường vụ Đảng ủy Khối tặng giấy khen 82 lượt tập thể, 158 lượt cá "
        "nhân và Chủ tịch UBND tỉnh tặng bằng khen 06 lượt tập thể, 04 lượt cá "
        "nhân"
    ).first.wait_for()
    screenshot(page, "commendations_dashboard_leader_report_2016_2021")

    main.get_by_role("button", name="5 năm gần nhất").click()
    main.get_by_text("Tổng hợp biểu dương, khen thưởng — giai đoạn 2022–2026").wait_for()
    assert _first_metric(page) != "1.318"
    screenshot(page, "commendations_dashboard_leader_report_2022_2026")
    # the next visit, from the menu (no period in the address), opens on the period chosen last
    open_page(page, live_app, "commendations_dashboard", "Tổng số lượt")
    main.get_by_text("Hình thức khen thưởng theo năm, 2022–2026").wait_for()


def _import_file(rows: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Khen thưởng"
    ws.append(list(HEADERS))
    for index in range(rows):
        ws.append(
            [
                "Cá nhân",
                f"Đoàn Thị Nhập Thử {index + 1}",
                "Đảng bộ Cục Hải quan",
                "Giấy khen",
                "",
                "Ban Thường vụ Đảng ủy Khối",
                "301-QĐ/ĐUK",
                "15/05/2026",
                2026,
                "Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5)",
                "Điển hình học tập và làm theo Bác",
                None,
            ]
        )
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_organiser_imports_a_year_and_sees_it_in_the_charts(browser_page, live_app, tmp_path):
    page = browser_page
    login(page, live_app, "tochuc")
    open_page(page, live_app, "commendations_dashboard?tu=2026&den=2026", "Tổng số lượt")
    before = int(_first_metric(page).replace(".", ""))

    open_page(page, live_app, "commendations_manage", "Nhập khen thưởng")
    page.get_by_role("tab", name="Nhập từ Excel").click()
    path = tmp_path / "khen-thuong-2026.xlsx"
    path.write_bytes(_import_file(12))
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
    main = page.get_by_role("main")
    main.get_by_text("Tệp hợp lệ: 12 dòng.").wait_for()
    main.get_by_role("button", name="Nhập 12 dòng").click()
    main.get_by_text("Đã nhập 12 bản ghi (năm 2026)").wait_for()
    # a second click cannot import the same file again
    assert main.get_by_role("button", name="Nhập 12 dòng").is_disabled()
    screenshot(page, "commendations_manage_organiser_import")

    open_page(page, live_app, "commendations_dashboard?tu=2026&den=2026", "Tổng số lượt")
    assert int(_first_metric(page).replace(".", "")) == before + 12
    screenshot(page, "commendations_dashboard_organiser_after_import")


def test_member_is_refused(browser_page, live_app):
    page = browser_page
    login(page, live_app, "thanhvien")
    open_page(page, live_app, "commendations_dashboard", "Xin lỗi, vai trò Thành viên")
    assert page.locator('[data-testid="stMetricValue"]').count() == 0
    screenshot(page, "commendations_refusal_member")
