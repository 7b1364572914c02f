"""The Excel template, the all-or-nothing import (clean and broken files), duplicates, and the
exports (records to Excel; report to Excel and DOCX)."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook
from sqlmodel import func, select

from models.accounts import UnitCreate
from models.commendations import Award, AwardKind
from services.capabilities import SYSTEM
from services.commendations import excel as cio
from services.commendations import records as com
from services.commendations import stats
from services.errors import UserError
from services.units import create_unit

GOOD_ROWS = [
    [
        "Tập thể",
        "Đảng bộ Cục Thuế",
        "Cục Thuế",
        "Bằng khen",
        "",
        "Chủ tịch UBND tỉnh",
        "99/QĐ-UBND",
        "20/06/2026",
        2026,
        "Đột xuất",
        "Thành tích xuất sắc",
        None,
    ],
    [
        "Cá nhân",
        "Nguyễn Văn An",
        "Cục Thuế",
        "Giấy khen",
        "",
        "Thủ trưởng cơ quan, đơn vị",
        "1/QĐ-CT",
        "",
        2026,
        "Tổng kết năm",
        "",
        None,
    ],
    [
        "Cá nhân",
        "Trần Thị Bình",
        "",
        "Huân chương Lao động",
        "Hạng Ba",
        "Chủ tịch nước",
        "5/QĐ-CTN",
        "02/09/2026",
        None,
        "",
        "",
        None,
    ],  # the year comes from the date
]


@pytest.fixture
def ready(session):
    com.ensure_vocabulary(session=session)
    create_unit(session=session, actor=SYSTEM, unit_in=UnitCreate(name="Cục Thuế"))
    return session


def _file(session, rows, *, from_template=True) -> bytes:
    if from_template:
        wb = load_workbook(BytesIO(cio.import_template(actor=SYSTEM, session=session)))
        ws = wb[cio.SHEET]
    else:
        wb = Workbook()
        ws = wb.active
        ws.append(list(cio.HEADERS))
    for row in rows:
        ws.append(row)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _count(session) -> int:
    return session.exec(select(func.count()).select_from(Award)).one()


def test_template_has_vietnamese_headers_and_lists(ready):
    wb = load_workbook(BytesIO(cio.import_template(actor=SYSTEM, session=ready)))
    assert wb.sheetnames == [cio.SHEET, cio.LISTS_SHEET, cio.GUIDE_SHEET]
    headers = [c.value for c in wb[cio.SHEET][1]]
    assert headers == list(cio.HEADERS)
    assert headers[0] == "Đối tượng (Cá nhân/Tập thể)"
    lists = wb[cio.LISTS_SHEET]
    assert "Giấy khen" in [c.value for c in lists["B"]]
    assert "Ban Thường vụ Đảng ủy Khối" in [c.value for c in lists["C"]]
    assert len(wb[cio.SHEET].data_validations.dataValidation) == 6


def test_clean_file_imports_every_row(ready):
    check = cio.check_import(actor=SYSTEM, session=ready, data=_file(ready, GOOD_ROWS))
    assert check.errors == [] and check.duplicates == [] and len(check.rows) == 3
    result = cio.import_awards(actor=SYSTEM, session=ready, data=_file(ready, GOOD_ROWS))
    assert (result.imported, result.skipped_duplicates, result.years) == (3, 0, (2026,))
    figures = stats.kpis(
        session=ready, actor=SYSTEM, flt=com.AwardFilter(year_from=2026, year_to=2026)
    )
    assert (figures.of(AwardKind.FORM).collective, figures.of(AwardKind.FORM).individual) == (1, 2)
    rows, _ = com.list_awards(session=ready, actor=SYSTEM, flt=com.AwardFilter(kind=None), limit=10)
    medal = next(r for r in rows if r.recipient_name == "Trần Thị Bình")
    assert medal.form_label == "Huân chương Lao động hạng ba"


def test_a_plain_file_with_the_headers_is_accepted(ready):
    check = cio.check_import(
        actor=SYSTEM, session=ready, data=_file(ready, GOOD_ROWS[:1], from_template=False)
    )
    assert check.clean and len(check.rows) == 1


BROKEN = [
    (
        [
            "Hộ gia đình",
            "X",
            "",
            "Giấy khen",
            "",
            "Thủ trưởng cơ quan, đơn vị",
            "",
            "",
            2026,
            "",
            "",
            None,
        ],
        "Dòng 2: cột Đối tượng phải là “Cá nhân” hoặc “Tập thể”.",
    ),
    (
        [
            "Cá nhân",
            "X",
            "",
            "Giấy khen to",
            "",
            "Thủ trưởng cơ quan, đơn vị",
            "",
            "",
            2026,
            "",
            "",
            None,
        ],
        "Dòng 2: không có hình thức, danh hiệu “Giấy khen to” trong danh mục.",
    ),
    (
        ["Cá nhân", "X", "", "Giấy khen", "", "Ông A", "", "", 2026, "", "", None],
        "Dòng 2: không có cấp khen “Ông A” trong danh mục.",
    ),
    (
        [
            "Cá nhân",
            "X",
            "Sở Không Có",
            "Giấy khen",
            "",
            "Thủ trưởng cơ quan, đơn vị",
            "",
            "",
            2026,
            "",
            "",
            None,
        ],
        "Dòng 2: không có đơn vị “Sở Không Có”.",
    ),
    (
        [
            "Cá nhân",
            "X",
            "",
            "Giấy khen",
            "",
            "Thủ trưởng cơ quan, đơn vị",
            "",
            "31/02/2026",
            2026,
            "",
            "",
            None,
        ],
        "Dòng 2: ngày quyết định “31/02/2026” không đúng dạng ngày/tháng/năm.",
    ),
    (
        [
            "Cá nhân",
            "X",
            "",
            "Giấy khen",
            "",
            "Thủ trưởng cơ quan, đơn vị",
            "",
            "",
            "năm ngoái",
            "",
            "",
            None,
        ],
        "Dòng 2: năm “năm ngoái” phải là một số nguyên.",
    ),
    (
        [
            "Cá nhân",
            "X",
            "",
            "Giấy khen",
            "",
            "Thủ trưởng cơ quan, đơn vị",
            "",
            "",
            None,
            "",
            "",
            None,
        ],
        "Dòng 2: thiếu năm khen thưởng.",
    ),
    (
        [
            "Tập thể",
            "Phòng A",
            "",
            "Lao động tiên tiến",
            "",
            "Thủ trưởng cơ quan, đơn vị",
            "",
            "",
            2026,
            "",
            "",
            None,
        ],
        "Dòng 2: “Lao động tiên tiến” chỉ dành cho cá nhân.",
    ),
    (
        [
            "Cá nhân",
            "",
            "",
            "Giấy khen",
            "",
            "Thủ trưởng cơ quan, đơn vị",
            "",
            "",
            2026,
            "",
            "",
            None,
        ],
        "Dòng 2: Vui lòng nhập họ tên cá nhân hoặc tên tập thể được khen.",
    ),
    (
        [
            "Cá nhân",
            "X",
            "",
            "Giấy khen",
            "",
            "Thủ trưởng cơ quan, đơn vị",
            "",
            "",
            2026,
            "",
            "",
            4242,
        ],
        "Dòng 2: không có gương sáng mã 4242.",
    ),
]


@pytest.mark.parametrize(("row", "message"), BROKEN)
def test_broken_row_is_reported_by_number(ready, row, message):
    check = cio.check_import(actor=SYSTEM, session=ready, data=_file(ready, [row]))
    assert message in check.errors


def test_broken_file_imports_nothing(ready):
    rows = GOOD_ROWS + [BROKEN[1][0]]  # the bad one is row 5
    before = _count(ready)
    with pytest.raises(UserError, match="Chưa nhập dòng nào: tệp còn 1 lỗi") as info:
        cio.import_awards(actor=SYSTEM, session=ready, data=_file(ready, rows))
    assert "Dòng 5: không có hình thức" in str(info.value)
    assert _count(ready) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not an excel file", "Không đọc được tệp"),
    ],
)
def test_unreadable_file(ready, data, message):
    with pytest.raises(UserError, match=message):
        cio.check_import(actor=SYSTEM, session=ready, data=data)


def test_missing_columns_and_empty_file(ready):
    wb = Workbook()
    wb.active.append(["Họ tên cá nhân / Tên tập thể", "Năm"])
    buffer = BytesIO()
    wb.save(buffer)
    with pytest.raises(UserError, match="Tệp thiếu cột: “Đối tượng"):
        cio.check_import(actor=SYSTEM, session=ready, data=buffer.getvalue())
    with pytest.raises(UserError, match="chưa có dòng dữ liệu"):
        cio.check_import(actor=SYSTEM, session=ready, data=_file(ready, []))


def test_duplicates_in_the_file_and_in_the_database(ready):
    rows = GOOD_ROWS[:2] + [GOOD_ROWS[1]]  # row 4 repeats row 3
    check = cio.check_import(actor=SYSTEM, session=ready, data=_file(ready, rows))
    assert check.clean
    assert check.duplicates == ["Dòng 4 trùng với dòng 3 (Nguyễn Văn An, năm 2026)."]
    result = cio.import_awards(actor=SYSTEM, session=ready, data=_file(ready, rows))
    assert (result.imported, result.skipped_duplicates) == (2, 1)
    again = cio.check_import(actor=SYSTEM, session=ready, data=_file(ready, GOOD_ROWS[:1]))
    assert len(again.duplicates) == 1
    assert again.duplicates[0].startswith("Dòng 2 có thể trùng bản ghi đã có (mã ")
    kept = cio.import_awards(
        actor=SYSTEM, session=ready, data=_file(ready, GOOD_ROWS[:1]), skip_duplicates=False
    )
    assert kept.imported == 1
    assert _count(ready) == 3


def test_export_round_trips_through_the_importer(ready):
    cio.import_awards(actor=SYSTEM, session=ready, data=_file(ready, GOOD_ROWS))
    exported = cio.export_awards(actor=SYSTEM, session=ready, flt=com.AwardFilter(kind=None))
    ws = load_workbook(BytesIO(exported))[cio.SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == list(cio.HEADERS + cio.EXPORT_EXTRA)
    assert len(rows) == 4
    check = cio.check_import(actor=SYSTEM, session=ready, data=exported)
    assert check.clean and len(check.duplicates) == 3  # the same records again


def test_report_exports(ready):
    cio.import_awards(actor=SYSTEM, session=ready, data=_file(ready, GOOD_ROWS))
    table = stats.report_table(session=ready, actor=SYSTEM, year_from=2026, year_to=2026)
    ws = load_workbook(BytesIO(cio.report_xlsx(table))).active
    assert ws["A1"].value == "Tổng hợp biểu dương, khen thưởng — năm 2026"
    assert ws["A2"].value == stats.report_sentence(table)
    assert [c.value for c in ws[4]] == list(stats.REPORT_HEADERS)
    document = Document(BytesIO(cio.report_docx(table)))
    assert document.paragraphs[1].text == stats.report_sentence(table)
    grid = document.tables[0]
    assert [c.text for c in grid.rows[0].cells] == list(stats.REPORT_HEADERS)
    total = next(r for r in grid.rows if r.cells[0].text == "Tổng cộng biểu dương, khen thưởng")
    assert [c.text for c in total.cells[4:]] == ["1", "2", "3"]


def test_a_missing_year_is_reported_whatever_the_other_messages_say(ready):
    """It was once left out when another message of the row held the word "năm"."""
    row = [
        "Cá nhân",
        "X",
        "",
        "Giấy khen cuối năm",
        "",
        "Thủ trưởng cơ quan, đơn vị",
        "",
        "",
        None,
        "",
        "",
        None,
    ]
    check = cio.check_import(actor=SYSTEM, session=ready, data=_file(ready, [row]))
    assert "Dòng 2: thiếu năm khen thưởng." in check.errors
    assert any("Giấy khen cuối năm" in e for e in check.errors)
