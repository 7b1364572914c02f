"""Importing question banks (Excel template, GIFT, Aiken, Word) and exporting them (Excel, GIFT).

Every importer first builds a preview (services/contests/drafts.py): the questions it understood,
the errors (naming the line, row or paragraph), the question types it cannot take and the
duplicates, inside the file or already in the bank. Saving is all or nothing, and refuses while
there are errors, or skipped types or duplicates the organiser has not agreed to skip. It loads
the groups once and inserts the rows in batches, so 5,000 questions take well under a second.
GIFT is read in services/contests/gift.py, Word in services/contests/word.py.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from datetime import UTC, date, datetime

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import insert
from sqlmodel import Session, select

from models.contests import Question, QuestionCategory, QuestionType
from services import xlsx
from services.capabilities import Actor, Capability, require
from services.contests.drafts import (
    NO_GROUP,
    Draft,
    Duplicate,
    ImportPreview,
    Unsupported,
    check_draft,
    finish_preview,
)
from services.contests.gift import parse_gift
from services.contests.questions import list_categories
from services.contests.word import parse_docx, parse_word_paragraphs
from services.errors import UserError

_log = logging.getLogger(__name__)

__all__ = [
    "Draft",
    "Duplicate",
    "ImportPreview",
    "Unsupported",
    "parse_docx",
    "parse_gift",
    "parse_word_lines",
]
parse_word_lines = parse_word_paragraphs

LETTERS = "ABCDEFGHIJ"
DIFFICULTY_WORDS = {
    "dễ": 1,
    "de": 1,
    "1": 1,
    "trung bình": 2,
    "trung binh": 2,
    "2": 2,
    "khó": 3,
    "kho": 3,
    "3": 3,
    "": 2,
}
TYPE_WORDS = {
    "một đáp án": QuestionType.SINGLE,
    "mot dap an": QuestionType.SINGLE,
    "single": QuestionType.SINGLE,
    "nhiều đáp án": QuestionType.MULTIPLE,
    "nhieu dap an": QuestionType.MULTIPLE,
    "multiple": QuestionType.MULTIPLE,
    "đúng/sai": QuestionType.TRUE_FALSE,
    "đúng sai": QuestionType.TRUE_FALSE,
    "dung sai": QuestionType.TRUE_FALSE,
    "true_false": QuestionType.TRUE_FALSE,
}
TYPE_NAMES = {
    QuestionType.SINGLE: "Một đáp án",
    QuestionType.MULTIPLE: "Nhiều đáp án",
    QuestionType.TRUE_FALSE: "Đúng/Sai",
}
TF_OPTIONS = ("Đúng", "Sai")


# --- GIFT ----------------------------------------------------------------------------------------
# Read by services/contests/gift.py (as Moodle reads it); re-exported here for the page.


# --- Aiken ---------------------------------------------------------------------------------------

_OPTION_RE = re.compile(r"^\s*([A-J])\s*[\.\)]\s*(.+)$")


def parse_aiken(content: str) -> ImportPreview:
    preview = ImportPreview("Aiken")
    lines = re.split(r"\r\n|\r|\n", content.lstrip("\ufeff"))
    stem: list[str] = []
    stem_line = 0
    options: list[tuple[str, str]] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        answer = re.match(r"^ANSWER\s*:\s*(.+)$", line, re.IGNORECASE)
        option = _OPTION_RE.match(line)
        if answer:
            source = f"dòng {stem_line or number}"
            if not stem:
                preview.errors.append(f"Dòng {number}: có ANSWER nhưng thiếu câu hỏi.")
            else:
                keys = [k.strip().upper() for k in re.split(r"[,;\s]+", answer.group(1)) if k]
                letters = [letter for letter, _ in options]
                bad = [k for k in keys if k not in letters]
                if bad:
                    preview.errors.append(
                        f"Dòng {number}: đáp án {', '.join(bad)} không có trong các phương án."
                    )
                else:
                    opts = [{"text": t, "correct": letter in keys} for letter, t in options]
                    qtype = QuestionType.MULTIPLE if len(keys) > 1 else QuestionType.SINGLE
                    check_draft(preview, Draft(source, " ".join(stem), qtype, opts))
            stem, options, stem_line = [], [], 0
        elif option and stem:
            options.append((option.group(1), option.group(2).strip()))
        else:
            if options:
                preview.errors.append(f"Dòng {stem_line}: câu hỏi thiếu dòng “ANSWER: …”.")
                stem, options = [], []
            if not stem:
                stem_line = number
            stem.append(line)
    if stem:
        preview.errors.append(f"Dòng {stem_line}: câu hỏi thiếu dòng “ANSWER: …”.")
    return preview


# --- Word ----------------------------------------------------------------------------------------
# Read by services/contests/word.py.


# --- Excel ---------------------------------------------------------------------------------------

HEADERS = [
    "Nhóm câu hỏi",
    "Loại câu hỏi",
    "Nội dung câu hỏi",
    "Phương án A",
    "Phương án B",
    "Phương án C",
    "Phương án D",
    "Phương án E",
    "Phương án F",
    "Đáp án đúng",
    "Giải thích",
    "Độ khó",
    "Thẻ",
]


def _workbook_bytes(wb) -> bytes:
    return xlsx.to_bytes(wb)


def _header_row(ws) -> None:
    xlsx.append_row(ws, HEADERS)
    xlsx.style_header(ws)
    xlsx.set_widths(ws, [28, 14, 60, 28, 28, 28, 28, 16, 16, 14, 40, 12, 16])


def excel_template() -> bytes:
    wb = xlsx.new_workbook()
    ws = wb.create_sheet("Câu hỏi")
    _header_row(ws)
    xlsx.append_row(
        ws,
        [
            "Chỉ thị và văn bản",
            "Một đáp án",
            "Chỉ thị số 05-CT/TW của Bộ Chính trị được ban hành ngày nào?",
            "15/5/2016",
            "19/5/2016",
            "03/02/2016",
            "15/5/2011",
            "",
            "",
            "A",
            "Chỉ thị 05-CT/TW ban hành ngày 15/5/2016.",
            "Dễ",
            "chỉ thị",
        ],
    )
    xlsx.append_row(
        ws,
        [
            "Cách thức làm theo",
            "Nhiều đáp án",
            "Những nội dung nào thuộc bản cam kết 6 nội dung?",
            "Về tư tưởng chính trị",
            "Về phẩm chất đạo đức, lối sống",
            "Về thu nhập cá nhân",
            "Về tổ chức kỷ luật",
            "",
            "",
            "A, B, D",
            "",
            "Trung bình",
            "",
        ],
    )
    xlsx.append_row(
        ws,
        [
            "Cách thức làm theo",
            "Đúng/Sai",
            "Mẫu bản cam kết có 6 nội dung.",
            "",
            "",
            "",
            "",
            "",
            "",
            "Đúng",
            "",
            "Dễ",
            "",
        ],
    )
    guide = wb.create_sheet("Hướng dẫn")
    for line in (
        "Mỗi hàng của trang “Câu hỏi” là một câu hỏi; giữ nguyên hàng tiêu đề.",
        "Nhóm câu hỏi: tên nhóm; nhóm con viết sau dấu “/”, ví dụ “Chỉ thị/Mốc thời gian”.",
        "Loại câu hỏi: Một đáp án, Nhiều đáp án hoặc Đúng/Sai.",
        "Đáp án đúng: chữ cái của phương án (A, B…); nhiều đáp án ngăn bằng dấu phẩy; câu "
        "Đúng/Sai ghi Đúng hoặc Sai (không cần phương án).",
        "Độ khó: Dễ, Trung bình hoặc Khó.",
        "Nếu có bất kỳ lỗi nào, không câu nào được lưu; ứng dụng chỉ ra hàng bị lỗi.",
    ):
        xlsx.append_row(guide, [line])
    guide.column_dimensions["A"].width = 110
    return _workbook_bytes(wb)


def _cell_text(value) -> str:
    """A cell as the organiser typed it: "15/5/2016" that Excel turned into a date comes back as
    15/5/2016, a whole number stored as 3.0 as 3."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        if isinstance(value, datetime) and (value.hour, value.minute, value.second) != (0, 0, 0):
            return f"{value.day}/{value.month}/{value.year} {value:%H:%M}"
        return f"{value.day}/{value.month}/{value.year}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _formula_cells(data: bytes, sheet: str) -> dict[int, list[tuple[int, str]]]:
    """Formula cells of a sheet by row: (column index, "D5"). The workbook is read a second
    time (formulas, not values) only when its XML holds a formula at all."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if not any(
                b"<f" in archive.read(n)
                for n in archive.namelist()
                if n.startswith("xl/worksheets/") and n.endswith(".xml")
            ):
                return {}
        ws = load_workbook(io.BytesIO(data), read_only=True)[sheet]
    except Exception:
        _log.exception("Không đọc được các ô chọn của tệp Excel.")
        return {}
    found: dict[int, list[tuple[int, str]]] = {}
    for row in ws.iter_rows():
        for index, c in enumerate(row):
            if getattr(c, "data_type", None) == "f":
                found.setdefault(c.row, []).append((index, c.coordinate))
    return found


def parse_excel(data: bytes) -> ImportPreview:
    preview = ImportPreview("Excel")
    try:
        # calamine (Rust) reads the values, a formula's stored result included, ten times faster
        # than openpyxl: 5,000 rows in a fraction of a second.
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = "Câu hỏi" if "Câu hỏi" in wb.sheet_names else wb.sheet_names[0]
        rows = [
            [None if v == "" else v for v in row]
            for row in wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        ]
    except Exception as exc:
        raise UserError(
            "Không đọc được tệp Excel (.xlsx); vui lòng dùng mẫu của ứng dụng."
        ) from exc
    if not rows:
        raise UserError("Tệp Excel không có dữ liệu.")
    header = [str(c or "").strip() for c in rows[0]]
    missing = [h for h in ("Nội dung câu hỏi", "Đáp án đúng") if h not in header]
    if missing:
        raise UserError(
            "Tệp Excel thiếu cột "
            + ", ".join(f"“{m}”" for m in missing)
            + "; vui lòng dùng mẫu của ứng dụng."
        )
    col = {h: i for i, h in enumerate(header)}

    def cell(row, name):
        i = col.get(name)
        value = row[i] if i is not None and i < len(row) else None
        return _cell_text(value)

    formulas = _formula_cells(data, sheet)
    for number, row in enumerate(rows[1:], start=2):
        blank = [
            coord
            for index, coord in formulas.get(number, [])
            if index >= len(row) or row[index] is None
        ]
        if blank:
            preview.errors.append(
                f"Hàng {number}: ô {', '.join(blank)} là công thức, hãy dán "
                "giá trị (Sao chép rồi Dán đặc biệt → Giá trị)."
            )
            continue
        if not any(v not in (None, "") for v in row):
            continue
        source = f"hàng {number}"
        type_word = cell(row, "Loại câu hỏi").lower()
        qtype = TYPE_WORDS.get(type_word)
        answer = cell(row, "Đáp án đúng")
        if qtype is None and type_word:
            preview.errors.append(
                f"Hàng {number}: loại câu hỏi “{cell(row, 'Loại câu hỏi')}” "
                "không hợp lệ (Một đáp án, Nhiều đáp án, Đúng/Sai)."
            )
            continue
        difficulty = DIFFICULTY_WORDS.get(cell(row, "Độ khó").lower())
        if difficulty is None:
            preview.errors.append(
                f"Hàng {number}: độ khó “{cell(row, 'Độ khó')}” không hợp lệ (Dễ, Trung bình, Khó)."
            )
            continue
        if qtype == QuestionType.TRUE_FALSE or (
            qtype is None and answer.lower() in {"đúng", "sai"}
        ):
            if answer.lower() not in {"đúng", "sai"}:
                preview.errors.append(
                    f"Hàng {number}: câu Đúng/Sai phải ghi đáp án “Đúng” hoặc “Sai”."
                )
                continue
            truth = answer.lower() == "đúng"
            options = [{"text": "Đúng", "correct": truth}, {"text": "Sai", "correct": not truth}]
            qtype = QuestionType.TRUE_FALSE
        else:
            texts = [(letter, cell(row, f"Phương án {letter}")) for letter in "ABCDEF"]
            texts = [(letter, t) for letter, t in texts if t]
            keys = [k.upper() for k in re.split(r"[,;\s]+", answer) if k]
            letters = [letter for letter, _ in texts]
            bad = [k for k in keys if k not in letters]
            if not keys or bad:
                preview.errors.append(
                    f"Hàng {number}: đáp án đúng “{answer}” không khớp các phương án đã nhập."
                )
                continue
            if qtype is None:
                qtype = QuestionType.MULTIPLE if len(keys) > 1 else QuestionType.SINGLE
            options = [{"text": t, "correct": letter in keys} for letter, t in texts]
        check_draft(
            preview,
            Draft(
                source,
                cell(row, "Nội dung câu hỏi"),
                qtype,
                options,
                cell(row, "Nhóm câu hỏi"),
                "",
                cell(row, "Giải thích"),
                difficulty,
                cell(row, "Thẻ"),
            ),
        )
    return preview


# --- saving --------------------------------------------------------------------------------------


def parse_file(filename: str, data: bytes) -> ImportPreview:
    name = filename.lower()
    if name.endswith(".xlsx"):
        return finish_preview(parse_excel(data))
    if name.endswith(".docx"):
        return finish_preview(parse_docx(data))
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode" (UTF-16)
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError("Tệp văn bản phải được lưu theo mã UTF-8.") from exc
    aiken = re.search(r"(?mi)^\s*ANSWER\s*:", text) and "{" not in text
    if name.endswith(".gift") or (not aiken and re.search(r"[{}]|::", text)):
        return parse_gift(text)
    return finish_preview(parse_aiken(text))


def import_path(draft: Draft, base_path: str | None) -> str:
    """Where a previewed question will be saved: the file's category under the chosen group, or
    the file's category as it stands (a root group) when no group was chosen."""
    parts = [p for p in (base_path, draft.category_path) if p]
    return "/".join(parts) or NO_GROUP


def _split_path(path: str) -> list[str]:
    """Levels of a group path as category_by_path reads it ("//" is a slash inside a name)."""
    parts = [p.strip().replace("//", "/") for p in re.split(r"(?<!/)/(?!/)", path) if p.strip()]
    return parts or [NO_GROUP]


class _Groups:
    """Every question group loaded once, so a 5,000-question import does not look each path up
    (and autoflush) per question; missing levels are created only when saving."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids = {(c.parent_id, c.name): c.id for c in session.exec(select(QuestionCategory))}
        self.paths: dict[str, int | None] = {}

    def find(self, path: str, *, create: bool = False) -> int | None:
        if path in self.paths and (self.paths[path] is not None or not create):
            return self.paths[path]
        parent = None
        for part in _split_path(path):
            found = self.ids.get((parent, part))
            if found is None:
                if not create:
                    self.paths[path] = None
                    return None
                category = QuestionCategory(name=part, parent_id=parent)
                self.session.add(category)
                self.session.flush()
                found = self.ids[(parent, part)] = category.id
            parent = found
        self.paths[path] = parent
        return parent


def _base_path(session: Session, category_id: int | None) -> str | None:
    if category_id is None:
        return None
    if session.get(QuestionCategory, category_id) is None:
        raise UserError("Nhóm câu hỏi đích không tồn tại.")
    return {c.id: c.path for c in list_categories(session=session)}[category_id]


def _text_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def mark_bank_duplicates(
    *, session: Session, preview: ImportPreview, category_id: int | None
) -> ImportPreview:
    """List the previewed questions already in the bank (same text in the group they would go
    to), replacing an earlier such list: the organiser sees them all before saving."""
    base = _base_path(session, category_id)
    groups = _Groups(session)
    targets = [groups.find(import_path(d, base)) for d in preview.drafts]
    wanted = {t for t in targets if t is not None}
    existing: set[tuple[int, str]] = set()
    if wanted:
        rows = session.exec(
            select(Question.category_id, Question.text).where(Question.category_id.in_(wanted))
        )
        existing = {(cat, _text_key(text)) for cat, text in rows}
    found = [
        Duplicate(d.source, d.text, "ngân hàng", i)
        for i, (d, target) in enumerate(zip(preview.drafts, targets, strict=True))
        if target is not None and (target, _text_key(d.text)) in existing
    ]
    preview.duplicates = [d for d in preview.duplicates if d.other != "ngân hàng"] + found
    return preview


def preview_notes(preview: ImportPreview, base_path: str | None) -> list[str]:
    """What the preview must say besides errors, whatever the format (issue 13)."""
    notes = []
    if preview.duplicates:
        in_bank = sum(1 for d in preview.duplicates if d.other == "ngân hàng")
        in_file = len(preview.duplicates) - in_bank
        parts = [
            f"{n} câu {where}"
            for n, where in (
                (in_file, "trùng với câu khác trong tệp"),
                (in_bank, "đã có trong ngân hàng"),
            )
            if n
        ]
        notes.append("Có " + " và ".join(parts) + ".")
    unsorted = sum(1 for d in preview.drafts if import_path(d, base_path) == NO_GROUP)
    if unsorted and base_path is None:
        notes.append(
            f"{unsorted} câu không ghi nhóm sẽ được lưu vào nhóm “{NO_GROUP}”; chọn "
            "“Lưu vào nhóm” nếu muốn đặt vào nhóm khác."
        )
    return notes


def save_import(
    *,
    session: Session,
    actor: Actor,
    preview: ImportPreview,
    category_id: int | None,
    skip_unsupported: bool = False,
    skip_duplicates: bool = False,
    progress=None,
) -> int:
    """Save every previewed question, or none: returns how many were saved.

    With `category_id` None the questions go to the groups named in the file (created as root
    groups when missing; questions without a group go to "Chưa phân loại"). Duplicates (inside
    the file, or already in the bank) are refused unless the organiser chose to skip them.
    `progress(done, total)` is called as rows are written (the page draws a progress bar)."""
    require(actor, Capability.MANAGE_CONTESTS)
    if preview.errors:
        raise UserError(
            f"Tệp còn {len(preview.errors)} lỗi; chưa lưu câu hỏi nào. Vui lòng sửa "
            "tệp rồi tải lên lại."
        )
    if preview.unsupported and not skip_unsupported:
        raise UserError(
            f"Tệp có {len(preview.unsupported)} câu thuộc loại ứng dụng chưa hỗ trợ; "
            "hãy xác nhận bỏ qua các câu này, hoặc sửa tệp."
        )
    if not preview.drafts:
        raise UserError("Tệp không có câu hỏi nào để lưu.")
    mark_bank_duplicates(session=session, preview=preview, category_id=category_id)
    if preview.duplicates and not skip_duplicates:
        raise UserError(
            f"Tệp có {len(preview.duplicates)} câu trùng (trong tệp hoặc đã có trong "
            "ngân hàng); chưa lưu câu hỏi nào. Hãy xác nhận bỏ qua các câu trùng, "
            "hoặc sửa tệp."
        )
    skipped = {d.draft_index for d in preview.duplicates}
    drafts = [d for i, d in enumerate(preview.drafts) if i not in skipped]
    if not drafts:
        raise UserError("Mọi câu trong tệp đều trùng; không có câu hỏi nào để lưu.")
    base = _base_path(session, category_id)
    groups = _Groups(session)
    stamp = datetime.now(UTC)
    rows = [
        {
            "category_id": groups.find(import_path(d, base), create=True),
            "name": d.name,
            "qtype": str(d.qtype),
            "text": d.text.strip(),
            "options": d.options,
            "explanation": d.explanation,
            "difficulty": d.difficulty,
            "tags": d.tags,
            "image_path": None,
            "is_active": True,
            "created_at": stamp,
            "updated_at": stamp,
        }
        for d in drafts
    ]
    chunk = 500
    for start in range(0, len(rows), chunk):
        session.execute(insert(Question), rows[start : start + chunk])
        if progress is not None:
            progress(min(start + chunk, len(rows)), len(rows))
    session.flush()
    return len(rows)


# --- exporting -----------------------------------------------------------------------------------


def _bank(session: Session, category_id: int | None):
    from services.contests.questions import category_descendants

    query = select(Question).where(Question.is_active).order_by(Question.category_id, Question.id)
    if category_id is not None:
        query = query.where(
            Question.category_id.in_(category_descendants(session=session, category_id=category_id))
        )
    paths = {c.id: c.path for c in list_categories(session=session)}
    return session.exec(query).all(), paths


def export_excel(*, session: Session, actor: Actor, category_id: int | None = None) -> bytes:
    require(actor, Capability.MANAGE_CONTESTS)
    questions, paths = _bank(session, category_id)
    wb = xlsx.new_workbook()
    ws = wb.create_sheet("Câu hỏi")
    _header_row(ws)
    difficulty = {1: "Dễ", 2: "Trung bình", 3: "Khó"}
    for q in questions:
        if q.qtype == QuestionType.TRUE_FALSE:
            options = [""] * 6
            answer = next(o["text"] for o in q.options if o.get("correct"))
        else:
            options = [o["text"] for o in q.options][:6] + [""] * (6 - min(6, len(q.options)))
            answer = ", ".join(LETTERS[i] for i, o in enumerate(q.options) if o.get("correct"))
        xlsx.append_row(
            ws,
            [
                paths.get(q.category_id, ""),
                TYPE_NAMES[q.qtype],
                q.text,
                *options,
                answer,
                q.explanation,
                difficulty.get(q.difficulty, "Trung bình"),
                q.tags,
            ],
        )
    return _workbook_bytes(wb)


def _gift_out(text: str) -> str:
    for char in ("\\", "~", "=", "#", "{", "}", ":"):
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def export_gift(*, session: Session, actor: Actor, category_id: int | None = None) -> str:
    require(actor, Capability.MANAGE_CONTESTS)
    questions, paths = _bank(session, category_id)
    out: list[str] = []
    last_cat = None
    for q in questions:
        if q.category_id != last_cat:
            out.append(f"$CATEGORY: {paths.get(q.category_id, '')}\n")
            last_cat = q.category_id
        name = f"::{_gift_out(q.name)}::" if q.name else f"::Câu {q.id}::"
        general = f"\n\t####{_gift_out(q.explanation)}" if q.explanation else ""
        if q.qtype == QuestionType.TRUE_FALSE:
            truth = next(o["text"] for o in q.options if o.get("correct")) == "Đúng"
            out.append(f"{name}{_gift_out(q.text)} {{{'TRUE' if truth else 'FALSE'}{general}}}\n")
            continue
        lines = []
        right = sum(1 for o in q.options if o.get("correct"))
        for o in q.options:
            feedback = f" #{_gift_out(o['feedback'])}" if o.get("feedback") else ""
            if q.qtype == QuestionType.MULTIPLE:
                weight = o.get("weight")
                if weight is None:
                    weight = 1 / right if o.get("correct") else -1 / right
                percent = f"{weight * 100:.5f}".rstrip("0").rstrip(".")
                lines.append(f"\t~%{percent}%{_gift_out(o['text'])}{feedback}")
            else:
                mark = "=" if o.get("correct") else "~"
                lines.append(f"\t{mark}{_gift_out(o['text'])}{feedback}")
        out.append(f"{name}{_gift_out(q.text)} {{\n" + "\n".join(lines) + f"{general}\n}}\n")
    return "\n".join(out)
