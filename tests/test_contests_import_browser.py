"""In a real Chromium, as the organiser: each kind of file through the manage page's import tab
(Moodle's own GIFT fixture with duplicates and skipped types, a broken GIFT file, a Word file
with the answers in bold imported twice, an Excel sheet with a formula), on a desktop and on a
phone."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from services.contests import excel as io_svc
from tests.browser import login, open_page, screenshot

pytestmark = pytest.mark.browser
MOODLE = Path(__file__).parent / "moodle_gift" / "questions.gift.txt"


def _docx(path: Path) -> Path:
    from docx import Document

    doc = Document()
    doc.add_paragraph("ĐỀ THI TÌM HIỂU (thử nhập)")
    for number, (question, options, right) in enumerate(
        [
            ("Chỉ thị 05-CT/TW (thử nhập Word) ban hành năm nào?", ["2011", "2016", "2021"], 1),
            ("Bản cam kết (thử nhập Word) có mấy nội dung?", ["Năm", "Sáu"], 1),
        ],
        start=1,
    ):
        doc.add_paragraph(f"Câu {number}. {question}")
        for index, option in enumerate(options):
            run = doc.add_paragraph().add_run(f"{'abc'[index]}) {option}")
            run.bold = index == right or None
    doc.save(path)
    return path


def _upload(page, path: Path) -> None:
    panel = page.get_by_role("tabpanel", name="Nhập / xuất câu hỏi")
    with page.expect_file_chooser() as chooser:
        panel.get_by_role("button", name="Chọn tệp").first.click()
    chooser.value.set_files(str(path))


def _import_tab(page, live_app) -> None:
    open_page(page, live_app, "contests_manage", "Ngân hàng câu hỏi")
    page.get_by_role("tab", name="Nhập / xuất câu hỏi").click()
    page.get_by_text("Nhập câu hỏi từ tệp").wait_for()


def test_organiser_imports_each_kind_of_file(live_app, browser_page, phone_page, tmp_path):
    page = browser_page
    login(page, live_app, "tochuc")

    # 1. Moodle's fixture: 5 questions, 4 of types the engine lacks, 2 duplicates in the file.
    _import_tab(page, live_app)
    _upload(page, MOODLE)
    page.get_by_text("5 câu hợp lệ, 0 lỗi, 4 câu loại chưa hỗ trợ, 2 câu trùng").wait_for()
    page.get_by_text("Dòng 49: “TSL is blablabla.” — trùng với dòng 46").wait_for()
    page.get_by_text("Dòng 31: câu trả lời số (numerical)").wait_for()
    save = page.get_by_role("button", name="Lưu 5 câu hỏi")
    expect(save).to_be_disabled()
    page.get_by_text("Đồng ý bỏ qua các câu này").click()
    page.get_by_text("Bỏ qua các câu trùng").click()
    save = page.get_by_role("button", name="Lưu 3 câu hỏi")
    expect(save).to_be_enabled()
    screenshot(page, "contests_import_moodle_preview")
    save.click()
    page.get_by_text("Đã nhập 3 câu hỏi.").wait_for()

    # 2. A broken GIFT file: refused whole, the line named.
    broken = tmp_path / "hong.gift"
    broken.write_text("Câu tốt? {=A ~B}\n\nCâu chưa đóng? {=A ~B\n", encoding="utf-8")
    _import_tab(page, live_app)
    _upload(page, broken)
    page.get_by_text("Dòng 3: dấu “{” mở phần đáp án chưa được đóng").wait_for()
    expect(page.get_by_role("button", name="Lưu 1 câu hỏi")).to_be_disabled()
    screenshot(page, "contests_import_broken_gift")

    # 3. Word, answers in bold: imports; the same file again lists both as in the bank.
    word = _docx(tmp_path / "de-thi.docx")
    for attempt in (1, 2):
        _import_tab(page, live_app)
        _upload(page, word)
        if attempt == 1:
            page.get_by_text("2 câu hợp lệ, 0 lỗi, 0 câu loại chưa hỗ trợ, 0 câu trùng").wait_for()
            page.get_by_text(
                "2 câu không ghi nhóm sẽ được lưu vào nhóm “Chưa phân loại”"
            ).wait_for()
            page.get_by_role("button", name="Lưu 2 câu hỏi").click()
            page.get_by_text("Đã nhập 2 câu hỏi.").wait_for()
        else:
            page.get_by_text("2 câu hợp lệ, 0 lỗi, 0 câu loại chưa hỗ trợ, 2 câu trùng").wait_for()
            page.get_by_text("Có 2 câu đã có trong ngân hàng.").wait_for()
            expect(page.get_by_role("button", name="Lưu 2 câu hỏi")).to_be_disabled()
            screenshot(page, "contests_import_word_again")

    # 4. Excel with a formula that has no stored value.
    wb = load_workbook(io.BytesIO(io_svc.excel_template()))
    wb["Câu hỏi"].append(
        ["Nhóm", "Một đáp án", "Câu có công thức?", "=1+1", "3", "", "", "", "", "A", "", "Dễ", ""]
    )
    sheet = tmp_path / "bang.xlsx"
    wb.save(sheet)
    _import_tab(page, live_app)
    _upload(page, sheet)
    page.get_by_text("Hàng 5: ô D5 là công thức, hãy dán giá trị").wait_for()
    screenshot(page, "contests_import_excel_formula")

    # 5. On a phone: the Moodle preview stays readable.
    login(phone_page, live_app, "tochuc")
    _import_tab(phone_page, live_app)
    _upload(phone_page, MOODLE)
    phone_page.get_by_text("5 câu hợp lệ, 0 lỗi, 4 câu loại chưa hỗ trợ, 7 câu trùng").wait_for()
    expect(
        phone_page.get_by_role("tabpanel", name="Nhập / xuất câu hỏi").get_by_role(
            "combobox", name="Lưu vào nhóm"
        )
    ).to_have_value("Theo nhóm ghi trong tệp")
    screenshot(phone_page, "contests_import_moodle_preview_phone")
