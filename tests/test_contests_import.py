"""Importers on well-formed and broken files; all-or-nothing saving; exports read back."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from models.contests import Question
from services.capabilities import SYSTEM
from services.contests import excel as io_svc
from services.contests import questions
from services.errors import UserError

GIFT = r"""// Ngân hàng thử
$CATEGORY: $course$/top/Chỉ thị 05/Mốc thời gian

::Ngày ban hành::Chỉ thị 05-CT/TW được ban hành ngày nào? {
  =15/5/2016 #Chính xác
  ~19/5/2016 #Đó là ngày sinh của Bác
  ~03/02/2016
  ####Bộ Chính trị ban hành ngày 15/5/2016.
}

Bản cam kết có 6 nội dung.{T}

::Nhiều đáp án::Nội dung nào thuộc bản cam kết? {
  ~%50%Về tư tưởng chính trị
  ~%50%Về tổ chức kỷ luật
  ~%-100%Về thu nhập
}

Ký tự đặc biệt\: 1 \= 1 và dấu \{ngoặc\}? {=Có \~ thật ~Không}

Thủ đô là {=Hà Nội =Ha Noi}.

Kể tên các bước. {}

Năm ban hành Chỉ thị 03? {#2011}

Chỉ thị {~03 =05 ~06}-CT/TW ban hành năm 2016.
"""


def test_gift_well_formed():
    preview = io_svc.parse_gift(GIFT)
    assert not preview.errors
    assert len(preview.drafts) == 5
    first, tf, multi, esc, missing = preview.drafts
    assert first.name == "Ngày ban hành"
    assert first.category_path == "Chỉ thị 05/Mốc thời gian"
    assert first.options[0] == {"text": "15/5/2016", "correct": True, "feedback": "Chính xác"}
    assert first.options[1]["feedback"] == "Đó là ngày sinh của Bác"
    assert first.explanation == "Bộ Chính trị ban hành ngày 15/5/2016."
    assert tf.qtype == "true_false" and tf.options[0]["correct"]
    assert multi.qtype == "multiple" and [o["weight"] for o in multi.options] == [0.5, 0.5, -1.0]
    assert esc.text == "Ký tự đặc biệt: 1 = 1 và dấu {ngoặc}?"
    assert esc.options[0]["text"] == "Có ~ thật"
    assert missing.text == "Chỉ thị _____-CT/TW ban hành năm 2016."  # as Moodle
    kinds = {(u.source, u.kind) for u in preview.unsupported}
    assert ("dòng 21", "trả lời ngắn (shortanswer)") in kinds
    assert ("dòng 23", "tự luận (essay)") in kinds
    assert ("dòng 25", "câu trả lời số (numerical)") in kinds


def test_gift_broken_names_the_line():
    preview = io_svc.parse_gift(
        "Câu tốt? {=A ~B}\n\nCâu hỏng không có đáp án\n\nCâu một đáp án "
        "có phương án trùng? {=A ~A}\n"
    )
    assert len(preview.drafts) == 1
    assert preview.errors[0].startswith("Dòng 3:")
    assert preview.errors[1] == "Dòng 5: có hai phương án trùng nhau."


def test_aiken():
    good = (
        "Chỉ thị 05 ban hành năm nào?\nA. 2016\nB. 2011\nANSWER: A\n\nHai?\nA) x\nB) y\nANSWER: B\n"
    )
    preview = io_svc.parse_aiken(good)
    assert not preview.errors and len(preview.drafts) == 2
    assert preview.drafts[1].options[1]["correct"]
    bad = io_svc.parse_aiken("Câu một\nA. x\nB. y\nANSWER: E\n\nCâu hai\nA. x\nB. y\n")
    assert "Dòng 4: đáp án E không có" in bad.errors[0]
    assert bad.errors[1].startswith("Dòng 6:")


def test_word_layout():
    lines = [
        "ĐỀ THI TÌM HIỂU",
        "Câu 1. Chỉ thị 05-CT/TW ban hành ngày nào?",
        "A. 15/5/2016",
        "B. 19/5/2016",
        "C. 3/2/2016",
        "D. 15/5/2011",
        "Đáp án: A",
        "Giải thích: Ngày 15/5/2016.",
        "Câu 2: Những nội dung thuộc bản cam kết?",
        "A. Tư tưởng chính trị   B. Tổ chức kỷ luật   C. Thu nhập",
        "Đáp án: A, B",
        "Câu 3. Bản cam kết có 6 nội dung.",
        "Đáp án: Đúng",
        "Câu 4. Thiếu đáp án",
        "A. x",
        "B. y",
    ]
    preview = io_svc.parse_word_lines(lines)
    assert [d.qtype for d in preview.drafts] == ["single", "multiple", "true_false"]
    assert preview.drafts[0].explanation == "Ngày 15/5/2016."
    assert preview.drafts[1].options[2] == {"text": "Thu nhập", "correct": False}
    assert preview.errors == [
        (
            "Đoạn 14 (Câu 4): thiếu đáp án — thêm dòng “Đáp án: …” hoặc in đậm, gạch chân hay tô "
            "đỏ phương án đúng (các phương án tìm thấy: A, B)."
        )
    ]


def test_docx_file_round_trip():
    from docx import Document

    doc = Document()
    for line in (
        "Câu 1. Pleiku trao sổ tay cho bao nhiêu đảng viên?",
        "A. Hơn 5.000",
        "B. Hơn 500",
        "Đáp án: A",
    ):
        doc.add_paragraph(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    preview = io_svc.parse_file("de-thi.docx", buffer.getvalue())
    assert preview.ok and preview.drafts[0].options[0]["correct"]


def test_excel_template_imports_and_errors_name_rows():
    preview = io_svc.parse_excel(io_svc.excel_template())
    assert not preview.errors and [d.qtype for d in preview.drafts] == [
        "single",
        "multiple",
        "true_false",
    ]
    wb = load_workbook(io.BytesIO(io_svc.excel_template()))
    ws = wb["Câu hỏi"]
    ws.append(["Nhóm", "Một đáp án", "Câu lỗi", "x", "y", "", "", "", "", "C", "", "Dễ", ""])
    ws.append(["Nhóm", "Kiểu lạ", "Câu lỗi 2", "x", "y", "", "", "", "", "A", "", "Dễ", ""])
    buffer = io.BytesIO()
    wb.save(buffer)
    broken = io_svc.parse_excel(buffer.getvalue())
    assert broken.errors[0].startswith("Hàng 5: đáp án đúng “C”")
    assert broken.errors[1].startswith("Hàng 6: loại câu hỏi “Kiểu lạ”")


def test_save_is_all_or_nothing(session):
    cat = questions.create_category(actor=SYSTEM, session=session, name="Nhập thử").id
    preview = io_svc.parse_gift(GIFT)
    with pytest.raises(UserError, match="chưa hỗ trợ"):
        io_svc.save_import(actor=SYSTEM, session=session, preview=preview, category_id=cat)
    assert session.exec(select(Question)).all() == []
    broken = io_svc.parse_gift("Tốt? {=A ~B}\n\nHỏng\n")
    with pytest.raises(UserError, match="1 lỗi"):
        io_svc.save_import(actor=SYSTEM, session=session, preview=broken, category_id=cat)
    assert session.exec(select(Question)).all() == []
    saved = io_svc.save_import(
        actor=SYSTEM, session=session, preview=preview, category_id=cat, skip_unsupported=True
    )
    assert saved == 5
    paths = {c.path for c in questions.list_categories(session=session)}
    assert "Nhập thử/Chỉ thị 05/Mốc thời gian" in paths
    # Importing the same file again would duplicate: refused whole.
    with pytest.raises(UserError, match="đã có trong ngân hàng"):
        io_svc.save_import(
            actor=SYSTEM, session=session, preview=preview, category_id=cat, skip_unsupported=True
        )
    assert len(session.exec(select(Question)).all()) == 5


def test_exports_read_back(session):
    cat = questions.create_category(actor=SYSTEM, session=session, name="Xuất").id
    io_svc.save_import(
        actor=SYSTEM,
        session=session,
        preview=io_svc.parse_gift(GIFT),
        category_id=cat,
        skip_unsupported=True,
    )
    again = io_svc.parse_gift(io_svc.export_gift(actor=SYSTEM, session=session))
    assert not again.errors and len(again.drafts) == 5
    original = {d.text: d for d in io_svc.parse_gift(GIFT).drafts}
    for draft in again.drafts:
        assert [o["correct"] for o in draft.options] == [
            o["correct"] for o in original[draft.text].options
        ]
    excel = io_svc.parse_excel(io_svc.export_excel(actor=SYSTEM, session=session))
    assert not excel.errors and len(excel.drafts) == 5


def test_import_can_keep_the_files_own_groups(session):
    """With no target group the file's $CATEGORY paths become root groups (so an empty bank can
    take a Moodle file as it stands); questions without a group go to "Chưa phân loại"."""
    preview = io_svc.parse_gift(
        "$CATEGORY: Chỉ thị 05/Mốc thời gian\n\n"
        "Chỉ thị 05 ban hành năm nào? {=2016 ~2015}\n\n"
        "$CATEGORY: Chỉ thị 05\n\n"
        "Bản cam kết có mấy nội dung? {=Sáu ~Năm}\n"
    )
    no_group = io_svc.parse_gift("Câu không có nhóm? {TRUE}")
    assert [io_svc.import_path(d, None) for d in preview.drafts] == [
        "Chỉ thị 05/Mốc thời gian",
        "Chỉ thị 05",
    ]
    assert io_svc.import_path(preview.drafts[0], "Gốc") == "Gốc/Chỉ thị 05/Mốc thời gian"
    assert io_svc.import_path(no_group.drafts[0], None) == "Chưa phân loại"
    assert io_svc.import_path(no_group.drafts[0], "Gốc") == "Gốc"
    assert io_svc.save_import(actor=SYSTEM, session=session, preview=preview, category_id=None) == 2
    assert (
        io_svc.save_import(actor=SYSTEM, session=session, preview=no_group, category_id=None) == 1
    )
    cats = questions.list_categories(session=session)
    assert {c.path: c.depth for c in cats} == {
        "Chưa phân loại": 0,
        "Chỉ thị 05": 0,
        "Chỉ thị 05/Mốc thời gian": 1,
    }
    # A quota on a group draws from its subgroups too: the counts shown say so.
    totals = questions.subtree_counts(cats)
    assert {c.path: totals[c.id] for c in cats} == {
        "Chưa phân loại": 1,
        "Chỉ thị 05": 2,
        "Chỉ thị 05/Mốc thời gian": 1,
    }


def _docx(paragraphs) -> bytes:
    """A real .docx: each paragraph is a string or a list of (text, format) runs, format one of
    "", "bold", "underline", "red"."""
    from docx import Document
    from docx.shared import RGBColor

    doc = Document()
    for item in paragraphs:
        paragraph = doc.add_paragraph()
        for text, fmt in [(item, "")] if isinstance(item, str) else item:
            run = paragraph.add_run(text)
            run.bold = fmt == "bold" or None
            run.underline = fmt == "underline" or None
            if fmt == "red":
                run.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["bold", "underline", "red"])
def test_word_right_option_marked_by_format(fmt):
    data = _docx(
        [
            "Câu 1. Chỉ thị 05-CT/TW ban hành năm nào?",
            "A. 2011",
            [("B. 2016", fmt)],
            "C. 2021",
            "Câu 2. Những nội dung thuộc bản cam kết?",
            [("a) Tư tưởng chính trị", fmt)],
            "b) Thu nhập",
            [("c) ", ""), ("Tổ chức kỷ luật", fmt)],
        ]
    )
    preview = io_svc.parse_file("de.docx", data)
    assert preview.errors == []
    first, second = preview.drafts
    assert (first.qtype, [o["correct"] for o in first.options]) == ("single", [False, True, False])
    assert (second.qtype, [o["correct"] for o in second.options]) == (
        "multiple",
        [True, False, True],
    )


def test_word_variants_of_layout():
    lines = [
        "Câu 1: Thủ đô của Việt Nam? A. Hà Nội B. Huế C. Đà Nẵng",
        "Đáp án: A",
        "Câu 2. Ông A. Nguyễn đọc tác phẩm nào?",
        "a. Di chúc",
        "b. Đường Kách mệnh",
        "Đáp án: b",
        "Câu 3. Chọn các ý đúng",
        "a) Một   b) Hai",
        "c) Ba",
        "Đáp án: A, C",
        "Câu 4. Bác Hồ đọc Tuyên ngôn độc lập năm 1945.",
        "A. Đúng",
        "B. Sai",
        "Đáp án: Đúng",
    ]
    preview = io_svc.parse_word_lines(lines)
    assert preview.errors == []
    one, two, three, four = preview.drafts
    assert (one.text, [o["text"] for o in one.options]) == (
        "Thủ đô của Việt Nam?",
        ["Hà Nội", "Huế", "Đà Nẵng"],
    )
    assert two.text == "Ông A. Nguyễn đọc tác phẩm nào?" and two.options[1]["correct"]
    assert three.qtype == "multiple" and [o["correct"] for o in three.options] == [
        True,
        False,
        True,
    ]
    assert four.qtype == "true_false" and four.options[0]["correct"]


@pytest.mark.parametrize(
    ("lines", "error"),
    [
        (
            ["Câu 3. Câu hỏi?", "A. x", "B. y", "C. z", "D. t", "Đáp án: E"],
            (
                "Đoạn 1 (Câu 3): đáp án “E” không khớp các phương án (các phương án tìm thấy: "
                "A, B, C, D)."
            ),
        ),
        (
            ["Tiêu đề", "Câu 2. Câu hỏi không có phương án?", "Đáp án: B"],
            (
                "Đoạn 2 (Câu 2): đáp án “B” không khớp các phương án (không tìm thấy phương án nào "
                "(viết “A. …” hoặc “a) …”, mỗi phương án một dòng hoặc nối tiếp nhau))."
            ),
        ),
    ],
)
def test_word_errors_name_paragraph_question_and_options(lines, error):
    assert io_svc.parse_word_lines(lines).errors == [error]


def test_word_reimport_lists_duplicates_at_preview(session):
    data = _docx(
        [
            "Câu 1. Câu một?",
            "A. x",
            "B. y",
            "Đáp án: A",
            "Câu 2. Câu hai?",
            "A. x",
            "B. y",
            "Đáp án: B",
        ]
    )
    assert (
        io_svc.save_import(
            actor=SYSTEM,
            session=session,
            preview=io_svc.parse_file("a.docx", data),
            category_id=None,
        )
        == 2
    )
    again = io_svc.mark_bank_duplicates(
        session=session, preview=io_svc.parse_file("a.docx", data), category_id=None
    )
    assert [(d.source, d.other) for d in again.duplicates] == [
        ("đoạn 1 (Câu 1)", "ngân hàng"),
        ("đoạn 5 (Câu 2)", "ngân hàng"),
    ]
    assert io_svc.preview_notes(again, None) == [
        "Có 2 câu đã có trong ngân hàng.",
        (
            "2 câu không ghi nhóm sẽ được lưu vào nhóm “Chưa phân loại”; chọn “Lưu vào nhóm” nếu "
            "muốn đặt vào nhóm khác."
        ),
    ]


def test_excel_formula_cells(tmp_path):
    """A formula with a stored value is read as that value; one without (a sheet written by a
    program, never opened in Excel) is named, not taken for an empty cell."""
    wb = load_workbook(io.BytesIO(io_svc.excel_template()))
    ws = wb["Câu hỏi"]
    ws.append(
        [
            "Nhóm",
            "Một đáp án",
            "Câu có công thức?",
            "=1+1",
            "3",
            "",
            "",
            "",
            "",
            '=IF(1,"A","B")',
            "",
            "Dễ",
            "",
        ]
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    preview = io_svc.parse_excel(buffer.getvalue())
    assert preview.errors == [
        ("Hàng 5: ô D5, J5 là công thức, hãy dán giá trị (Sao chép rồi Dán đặc biệt → Giá trị).")
    ]
    # The same workbook as Excel saves it: each formula cell carries its cached value.
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    cached = io.BytesIO()
    with zipfile.ZipFile(cached, "w") as out:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>")
                body = body.replace(
                    b'<c r="J5"><f>IF(1,"A","B")</f><v></v>',
                    b'<c r="J5" t="str"><f>IF(1,"A","B")</f><v>A</v>',
                )
            out.writestr(item, body)
    read = io_svc.parse_excel(cached.getvalue())
    assert read.errors == []
    assert read.drafts[-1].options[0] == {"text": "2", "correct": True}


def test_word_more_office_habits():
    lines = [
        "Câu hỏi 1: Chỉ thị 05 ban hành năm nào?",
        "A. 2011",
        "B. 2016   Đáp án: B",
        "Câu 2 Đáp án nào đúng?",
        "Chọn đáp án: đúng nhất",
        "A. Một",
        "B. Hai",
        "ĐÁP ÁN: a",
    ]
    preview = io_svc.parse_word_lines(lines)
    assert preview.errors == []
    one, two = preview.drafts
    assert [o["text"] for o in one.options] == ["2011", "2016"] and one.options[1]["correct"]
    assert two.text == "Đáp án nào đúng? Chọn đáp án: đúng nhất" and two.options[0]["correct"]


def test_word_highlight_marks_the_answer():
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX

    doc = Document()
    doc.add_paragraph("Câu 1. Câu hỏi?")
    doc.add_paragraph("A. Sai")
    doc.add_paragraph().add_run("B. Đúng rồi").font.highlight_color = WD_COLOR_INDEX.YELLOW
    buffer = io.BytesIO()
    doc.save(buffer)
    preview = io_svc.parse_file("de.docx", buffer.getvalue())
    assert [o["correct"] for o in preview.drafts[0].options] == [False, True]


def test_excel_dates_and_whole_numbers_read_as_typed():
    from datetime import datetime

    wb = load_workbook(io.BytesIO(io_svc.excel_template()))
    ws = wb["Câu hỏi"]
    ws.append(
        [
            "Nhóm",
            "Một đáp án",
            "Chỉ thị 05 ban hành ngày nào?",
            datetime(2016, 5, 15),
            datetime(2016, 5, 19),
            3.0,
            "",
            "",
            "",
            "A",
            "",
            "Dễ",
            "",
        ]
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    draft = io_svc.parse_excel(buffer.getvalue()).drafts[-1]
    assert [o["text"] for o in draft.options] == ["15/5/2016", "19/5/2016", "3"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_text_files_in_any_common_encoding_and_line_ending(encoding, newline):
    aiken = newline.join(
        [
            "Chỉ thị 05 ban hành năm nào?",
            "A. 2016",
            "B. 2011",
            "ANSWER: A",
            "",
            "Hai?",
            "A) x",
            "B) y",
            "ANSWER: B",
            "",
        ]
    )
    preview = io_svc.parse_file("ngan-hang.txt", aiken.encode(encoding))
    assert preview.fmt == "Aiken" and preview.errors == [] and len(preview.drafts) == 2
    gift = newline.join(["Câu một? {=A ~B}", "", "Câu hai? {T}"])
    preview = io_svc.parse_file("ngan-hang.txt", gift.encode(encoding))
    assert preview.fmt == "GIFT" and len(preview.drafts) == 2
    broken = io_svc.parse_file("ngan-hang.txt", "Câu một? {=A ~B".encode(encoding))
    assert broken.fmt == "GIFT" and broken.errors[0].startswith("Dòng 1: dấu “{”")


def _numbered_docx() -> bytes:
    """A .docx whose "Câu 1." and "A." labels come from Word's automatic numbering (so they are
    not in the paragraphs' text), the options' list restarted for the second question."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    numbering = doc.part.numbering_part.element

    def element(tag, **attrs):
        node = OxmlElement(tag)
        for key, value in attrs.items():
            node.set(qn(f"w:{key}"), value)
        return node

    for aid, fmt, text in ((90, "decimal", "Câu %1."), (91, "upperLetter", "%1.")):
        abstract = element("w:abstractNum", abstractNumId=str(aid))
        level = element("w:lvl", ilvl="0")
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            level.append(element(tag, val=value))
        abstract.append(level)
        numbering.insert(0, abstract)
    for nid, aid, restart in ((90, 90, False), (91, 91, False), (92, 91, True)):
        num = element("w:num", numId=str(nid))
        num.append(element("w:abstractNumId", val=str(aid)))
        if restart:
            override = element("w:lvlOverride", ilvl="0")
            override.append(element("w:startOverride", val="1"))
            num.append(override)
        numbering.append(num)
    for text, nid, bold in (
        ("Chỉ thị 05 ban hành năm nào?", 90, False),
        ("2011", 91, False),
        ("2016", 91, True),
        ("2021", 91, False),
        ("Bản cam kết có mấy nội dung?", 90, False),
        ("Năm", 92, False),
        ("Sáu", 92, True),
    ):
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = bold or None
        num_pr = element("w:numPr")
        num_pr.append(element("w:ilvl", val="0"))
        num_pr.append(element("w:numId", val=str(nid)))
        paragraph._p.get_or_add_pPr().append(num_pr)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_word_automatic_numbering_is_read_as_drawn():
    preview = io_svc.parse_file("de.docx", _numbered_docx())
    assert preview.errors == []
    assert [
        (d.source, d.text, [(o["text"], o["correct"]) for o in d.options]) for d in preview.drafts
    ] == [
        (
            "đoạn 1 (Câu 1)",
            "Chỉ thị 05 ban hành năm nào?",
            [("2011", False), ("2016", True), ("2021", False)],
        ),
        ("đoạn 5 (Câu 2)", "Bản cam kết có mấy nội dung?", [("Năm", False), ("Sáu", True)]),
    ]


@pytest.mark.parametrize("payload", [b"", b"not a workbook", b"PK\x03\x04broken zip"])
def test_excel_that_is_not_a_workbook_gets_a_message(payload):
    with pytest.raises(UserError, match="Không đọc được tệp Excel"):
        io_svc.parse_file("ngan-hang.xlsx", payload)


def test_word_that_is_not_a_document_gets_a_message():
    with pytest.raises(UserError, match="Không đọc được tệp Word"):
        io_svc.parse_file("de-thi.docx", b"PK\x03\x04 not really")
