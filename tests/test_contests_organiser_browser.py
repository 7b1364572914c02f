"""In a real Chromium: the organiser imports a small GIFT bank through the manage page (with its
preview), builds a contest with two rounds (times in Asia/Ho_Chi_Minh, the first open now), runs
the publish checks and publishes; then a member on a phone sees the new contest, registers and
starts round 1, then hands it in."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from services.vi import LOCAL_TZ
from tests.browser import (
    RunWatch,
    click_and_wait_for_run,
    contest_card,
    login,
    open_page,
    screenshot,
)

pytestmark = pytest.mark.browser

TITLE = "Cuộc thi thử: tìm hiểu Chỉ thị 05 ở chi bộ"
GROUP = "Kiểm thử – Chỉ thị 05"
SUBGROUP = "Làm theo ở cơ sở"
GIFT = f"""// Ngân hàng câu hỏi nhỏ cho cuộc thi thử (định dạng GIFT của Moodle)
$CATEGORY: {GROUP}

::Ngày ban hành::Chỉ thị 05-CT/TW của Bộ Chính trị được ban hành ngày nào? {{
=15/5/2016 # Đúng: ngày 15 tháng 5 năm 2016.
~19/5/2016
~2/9/2015
~3/2/2017
}}

Bản cam kết học tập và làm theo gồm mấy nội dung? {{=Sáu ~Bốn ~Năm ~Bảy}}

Người đứng đầu phải gương mẫu đi đầu trong học tập và làm theo Bác. {{TRUE}}

Sổ tay ghi chép việc làm theo chỉ dành cho Bí thư chi bộ. {{FALSE}}

$CATEGORY: {GROUP}/{SUBGROUP}

Việc đầu tiên trong bốn bước làm theo ở cơ sở là gì? {{
=Xây dựng kế hoạch, đăng ký nội dung làm theo
~Sơ kết, tổng kết
~Khen thưởng điển hình
~Kiểm tra, giám sát
}}

Chuyên đề năm 2020 nói về điều gì? {{
=Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ thống chính trị trong sạch
~Về phong cách làm việc
~Về nêu gương
~Về kỷ luật, kỷ cương
}}

Chi bộ nên đưa nội dung làm theo vào sinh hoạt thường kỳ hằng tháng. {{T}}
"""


def _set_moment(form, label: str, moment: datetime) -> None:
    """Type a local date and time into the round form's one field, as a user would: its first
    part (the day) clicked, then day, month, year, hour and minute typed in turn; Escape closes
    the calendar the click opened."""
    field = form.get_by_role("group", name=label)
    field.get_by_role("spinbutton").first.click()
    form.page.keyboard.type(moment.strftime("%d%m%Y%H%M"))
    expect(field).to_have_text(re.compile(moment.strftime(r"%d\W*%m\W*%Y\W*%H\W*%M")))
    form.page.keyboard.press("Escape")
    expect(form.page.get_by_test_id("stDateTimeInputCalendar")).to_have_count(0)


def _expect_no_publish_problems(page) -> None:
    """Wait for the publish checks to come out clean; if they do not, fail with what they say
    (a bare timeout once hid which check failed)."""
    try:
        page.get_by_text("Không phát hiện vấn đề nào.").wait_for()
    except PlaywrightTimeout:
        shown = page.get_by_test_id("stAlert").all_inner_texts()
        raise AssertionError(f"Kiểm tra trước khi công bố còn báo: {shown}") from None


def _open_expander(page, label: str):
    """The expander whose title starts with `label`, unfolded (it may stay open after a rerun)."""
    expander = (
        page.get_by_test_id("stExpander").filter(has=page.locator("summary", has_text=label)).last
    )
    if not expander.get_by_label("Tên đợt thi").is_visible():
        expander.locator("summary").click()
    expander.get_by_label("Tên đợt thi").wait_for()
    return expander


def _add_round(
    page,
    watch: RunWatch,
    name: str,
    opens: datetime,
    closes: datetime,
    quota: int,
    expect_name: str,
    expect_day: datetime | None = None,
) -> None:
    form = _open_expander(page, "Thêm đợt thi")
    # A new round's form starts from fresh values (not the last round's typing).
    expect(form.get_by_label("Tên đợt thi")).to_have_value(expect_name)
    if expect_day is not None:  # it opens when the previous round closes
        expect(
            form.get_by_role("group", name="Mở lúc").get_by_role("spinbutton").first
        ).to_have_text(expect_day.strftime("%d"))
    form.get_by_label("Tên đợt thi").fill(name)
    _set_moment(form, "Mở lúc", opens)
    _set_moment(form, "Đóng lúc", closes)
    # The quota counts the group's questions with its subgroup's: 4 + 3.
    form.get_by_label(f"{GROUP} (có 7 câu)", exact=True).fill(str(quota))
    form.get_by_label("Thời gian (phút)").fill("10")
    click_and_wait_for_run(page, watch, form.get_by_role("button", name="Lưu đợt thi"))
    page.get_by_text("Đã lưu đợt thi.").wait_for()
    page.locator("summary", has_text=f"{name}: ").wait_for()


def test_organiser_imports_builds_publishes_and_a_member_starts(
    live_app, browser_page, phone_page, tmp_path
):
    page = browser_page
    watch = RunWatch(page)
    login(page, live_app, "tochuc")
    open_page(page, live_app, "contests_manage", "Ngân hàng câu hỏi")

    # 1. Import the GIFT bank: preview first, nothing saved until the organiser says so.
    page.get_by_role("tab", name="Nhập / xuất câu hỏi").click()
    page.get_by_text("Nhập câu hỏi từ tệp").wait_for()
    gift = tmp_path / "ngan-hang-chi-bo.gift"
    gift.write_text(GIFT, encoding="utf-8")
    panel = page.get_by_role("tabpanel", name="Nhập / xuất câu hỏi")
    expect(panel.get_by_role("combobox", name="Lưu vào nhóm")).to_have_value(
        "Theo nhóm ghi trong tệp"
    )
    with page.expect_file_chooser() as chooser:
        panel.get_by_role("button", name="Chọn tệp").first.click()
    chooser.value.set_files(str(gift))
    page.get_by_text("Xem trước (GIFT)").wait_for()
    page.get_by_text("7 câu hợp lệ, 0 lỗi, 0 câu loại chưa hỗ trợ").wait_for()
    save = page.get_by_role("button", name="Lưu 7 câu hỏi")
    save.scroll_into_view_if_needed()
    screenshot(page, "contests_organiser_import_preview")
    save.click()
    page.get_by_text("Đã nhập 7 câu hỏi.").wait_for()
    # The save stays on the import tab, and the file is gone so it cannot be saved twice.
    expect(page.get_by_role("tab", name="Nhập / xuất câu hỏi")).to_have_attribute(
        "aria-selected", "true"
    )
    expect(page.get_by_text("Xem trước (GIFT)")).to_have_count(0)
    page.get_by_role("tab", name="Ngân hàng câu hỏi").click()
    page.get_by_text(f"{GROUP} (4)").wait_for()
    page.get_by_text(f"{SUBGROUP} (3)").wait_for()

    # 2. A new contest.
    page.get_by_role("tab", name="Cuộc thi và đợt thi").click()
    page.get_by_label("Cuộc thi", exact=True).click()
    page.get_by_role("option", name="(Tạo cuộc thi mới)").click()
    # Until the rerun ends, the last contest's form may still stand beside the new, empty one.
    page.wait_for_function("""() => {
        const boxes = document.querySelectorAll('input[aria-label="Tên cuộc thi"]');
        return boxes.length === 1 && boxes[0].value === "";
    }""")
    page.get_by_label("Tên cuộc thi").fill(TITLE)
    page.get_by_label("Giới thiệu").fill("Cuộc thi trắc nghiệm dành cho đảng viên các chi bộ.")
    page.get_by_label("Thể lệ").fill("Mỗi đợt 5 câu hỏi rút ngẫu nhiên, làm trong 10 phút.")
    page.get_by_role("button", name="Lưu cuộc thi").click()
    page.get_by_text("Đã tạo cuộc thi; tiếp theo hãy thêm các đợt thi.").wait_for()
    expect(page.get_by_role("combobox", name="Cuộc thi", exact=True)).to_have_value(
        f"{TITLE} (nháp)"
    )

    # 3. Two rounds, in Vietnam's time: the first opened an hour ago; the second follows it.
    now = datetime.now(LOCAL_TZ).replace(second=0, microsecond=0)
    first_opens = now - timedelta(hours=1, minutes=now.minute % 15)
    first_closes = first_opens + timedelta(days=7)
    _add_round(
        page,
        watch,
        "Tuần thi thứ nhất",
        first_opens,
        first_closes,
        quota=5,
        expect_name="Tuần thi thứ 1",
    )
    _add_round(
        page,
        watch,
        "Tuần thi thứ hai",
        first_closes,
        first_closes + timedelta(days=7),
        quota=9,
        expect_name="Tuần thi thứ 2",
        expect_day=first_closes,
    )

    # 4. The publish checks catch the second round asking for more questions than the bank has.
    page.get_by_text(f"Nhóm “{GROUP}” cần 9 câu nhưng ngân hàng chỉ có 7 câu đang dùng.").wait_for()
    publish = page.get_by_role("button", name="Công bố cuộc thi")
    expect(publish).to_be_disabled()
    publish.scroll_into_view_if_needed()
    screenshot(page, "contests_organiser_publish_blocked")
    second = _open_expander(page, "Tuần thi thứ hai: ")
    second.get_by_label(f"{GROUP} (có 7 câu)", exact=True).fill("5")
    # The flash of the last save is still on screen: wait for this click's own run instead.
    click_and_wait_for_run(page, watch, second.get_by_role("button", name="Lưu đợt thi"))
    page.get_by_text("Đã lưu đợt thi.").wait_for()
    _expect_no_publish_problems(page)
    expect(publish).to_be_enabled()
    publish.click()
    page.get_by_text("Đã công bố cuộc thi").wait_for()
    page.get_by_text(re.compile("Cuộc thi đã được công bố lúc")).scroll_into_view_if_needed()
    screenshot(page, "contests_organiser_published")

    # 5. A member on a phone sees it, registers and starts round 1.
    # The group leader, not `thanhvien`: this member holds no attempt of the other browser tests.
    member = phone_page
    login(member, live_app, "totruong")
    open_page(member, live_app, "contests_take", TITLE)
    card = contest_card(member, TITLE)
    if card.get_by_role("button", name="Đăng ký").count():
        card.get_by_label("Số điện thoại").fill("0912345678")
        card.get_by_role("button", name="Đăng ký").click()
    start = card.get_by_role("button", name="Bắt đầu làm bài")
    start.wait_for()
    card.get_by_text("Tuần thi thứ nhất").wait_for()
    card.get_by_text("Tuần thi thứ hai").wait_for()
    card.get_by_text("Đang mở").wait_for()
    start.scroll_into_view_if_needed()
    screenshot(member, "contests_organiser_member_card")
    start.click()
    member.get_by_text("Câu 1/5").wait_for()
    member.locator("#gs-timer").get_by_text(re.compile(r"Còn \d\d:\d\d")).wait_for()
    member.get_by_text(TITLE).first.wait_for()
    assert "đáp án đúng" not in member.content()
    screenshot(member, "contests_organiser_member_question")
    # Hand it in (and leave no attempt running for the other browser tests' member).
    member.get_by_role("button", name="Nộp bài").last.click()
    dialog = member.get_by_role("dialog")
    dialog.get_by_text("Bạn mới trả lời 0/5 câu").wait_for()
    dialog.get_by_role("button", name="Nộp bài").click()
    member.get_by_text("Bạn đã nộp bài thành công.").wait_for()
