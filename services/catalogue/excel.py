"""Excel for the catalogue: the import template (Vietnamese headers), an all-or-nothing import
that names the row of every error, and the export of the catalogue."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from openpyxl import load_workbook
from sqlmodel import Session, select

from models.accounts import Unit
from models.catalogue import (
    KIND_LABELS,
    STATUS_LABELS,
    CatalogueRecord,
    CatalogueRecordCreate,
    CatalogueReplicationCreate,
    RecordKind,
    RecordStatus,
)
from services import xlsx
from services.capabilities import Actor, Capability, require
from services.catalogue import records as catalogue
from services.catalogue import replication
from services.errors import UserError
from services.validation import EARLIEST_YEAR, latest_year
from services.vi import unaccent

MAX_IMPORT_ROWS = 2000
MAX_IMPORT_BYTES = 5 * 1024 * 1024

# (header, width, example)
COLUMNS = (
    ("Loại", 20, "Mô hình"),
    ("Tên mô hình, điển hình", 40, "Bưu tá tận tụy"),
    ("Đơn vị", 34, "Đảng bộ Bưu điện tỉnh"),
    ("Lĩnh vực", 20, "Bưu chính, viễn thông"),
    ("Năm bắt đầu", 12, 2016),
    ("Năm kết thúc", 12, 2021),
    (
        "Chuyên đề năm",
        40,
        "Nêu cao tinh thần trách nhiệm, chống chủ nghĩa cá nhân, nói đi đôi với làm",
    ),
    ("Tóm tắt", 50, "Bưu tá đưa bưu phẩm, chi trả lương hưu tận nhà dân."),
    ("Nội dung (Markdown)", 60, "## Cách làm\n- Mỗi bưu tá phụ trách một tuyến thôn, bản."),
    ("Kết quả (mỗi dòng “chỉ tiêu: số liệu”)", 40, "Mô hình đang duy trì: hơn 100"),
    ("Từ khóa (cách nhau bởi dấu ;)", 30, "Dân vận khéo; Phục vụ nhân dân"),
    ("Tiêu biểu (có/không)", 14, "có"),
    ("Trạng thái", 14, "Nháp"),
    ("Nhân rộng (mỗi dòng “đơn vị: năm”)", 40, "Chi bộ Bưu điện thành phố: 2017"),
)
HEADERS = tuple(c[0] for c in COLUMNS)
EXPORT_HEADERS = ("Mã",) + HEADERS + ("Số ảnh",)
# The same columns as a spec for the shared writer and reader: every one must be in an imported
# file (found by header, in any order); the drop-downs are placed by field.
SPEC = tuple(
    xlsx.Column(header, field, required=True, width=width, choices=choices)
    for (header, width, _example), (field, choices) in zip(
        COLUMNS,
        (
            ("kind", tuple(KIND_LABELS.values())),
            ("name", None),
            ("unit", None),
            ("field", None),
            ("year_from", None),
            ("year_to", None),
            ("theme", None),
            ("summary", None),
            ("story", None),
            ("figures", None),
            ("tags", None),
            ("featured", ("có", "không")),
            ("status", tuple(STATUS_LABELS.values())),
            ("replications", None),
        ),
        strict=True,
    )
)

_KIND_BY_LABEL = {unaccent(v): k.value for k, v in KIND_LABELS.items()}
_KIND_BY_LABEL.update({"mo hinh": "mo_hinh", "ca nhan": "ca_nhan", "tap the": "tap_the"})
_STATUS_BY_LABEL = {unaccent(v): k.value for k, v in STATUS_LABELS.items()}
_YES = {"co", "x", "1", "true", "yes", "tieu bieu"}
_NO = {"", "khong", "0", "false", "no"}


def template_workbook(*, session: Session) -> bytes:
    """The import template: headers, one example row, pick lists, and a sheet of unit names."""
    book = xlsx.new_workbook()
    sheet = xlsx.add_sheet(book, "Danh mục", SPEC)
    xlsx.append_row(sheet, [c[2] for c in COLUMNS])
    xlsx.add_choices(
        sheet,
        SPEC,
        rows=MAX_IMPORT_ROWS,
        strict={"kind": False, "status": False, "featured": False},
    )
    units = xlsx.add_sheet(
        book, "Đơn vị", ["Tên đơn vị (chép đúng tên vào cột “Đơn vị”)"], widths=[50]
    )
    for name in session.exec(select(Unit.name).order_by(Unit.sort_order, Unit.name)).all():
        xlsx.append_row(units, [name])
    guide = book.create_sheet("Hướng dẫn")
    for line in (
        "Mỗi dòng của trang “Danh mục” là một mô hình hoặc điển hình; xóa dòng ví dụ trước khi nhập.",
        "Loại: Mô hình, Điển hình cá nhân hoặc Điển hình tập thể.",
        "Đơn vị: chép đúng tên ở trang “Đơn vị”.",
        "Năm kết thúc có thể để trống nếu chỉ một năm.",
        "Trạng thái để trống nghĩa là Nháp.",
        "Tệp chỉ được nhập khi không còn lỗi nào; ứng dụng báo lỗi theo số dòng.",
        "Ảnh được thêm sau, trong trang quản lý từng hồ sơ.",
    ):
        xlsx.append_row(guide, [line])
    guide.column_dimensions["A"].width = 100
    return xlsx.to_bytes(book)


@dataclass
class ImportReport:
    created: int = 0
    errors: list[str] = field(default_factory=list)  # "Dòng 5: …"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _year(value, label: str, problems: list[str], required: bool) -> int | None:
    text = _text(value)
    if not text:
        if required:
            problems.append(f"thiếu {label}")
        return None
    try:
        year = int(float(text))
    except ValueError:
        problems.append(f"{label} “{text}” không phải là số năm")
        return None
    if not EARLIEST_YEAR <= year <= latest_year():
        problems.append(f"{label} {year} nằm ngoài khoảng {EARLIEST_YEAR}–{latest_year()}")
        return None
    return year


def _pairs(text: str, what: str, problems: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for line in text.replace("\r", "").split("\n"):
        if not line.strip():
            continue
        if ":" not in line:
            problems.append(f"{what} “{line.strip()}” cần dạng “…: …”")
            continue
        left, right = line.rsplit(":", 1)
        pairs.append((left.strip(), right.strip()))
    return pairs


def _parse_row(
    cells: list, units: dict[str, int]
) -> tuple[dict, list[tuple[int | None, str, int]], list[str]]:
    problems: list[str] = []
    values = dict(zip(HEADERS, cells + [None] * (len(HEADERS) - len(cells)), strict=False))
    kind_text = _text(values["Loại"])
    kind = _KIND_BY_LABEL.get(unaccent(kind_text))
    if kind is None:
        problems.append(f"loại “{kind_text}” không hợp lệ" if kind_text else "thiếu loại")
    name = _text(values["Tên mô hình, điển hình"])
    if not name:
        problems.append("thiếu tên")
    elif len(name) > 255:
        problems.append("tên dài quá 255 ký tự")
    unit_text = _text(values["Đơn vị"])
    unit_id = units.get(unaccent(unit_text))
    if unit_id is None:
        problems.append(f"không có đơn vị “{unit_text}”" if unit_text else "thiếu đơn vị")
    year_from = _year(values["Năm bắt đầu"], "năm bắt đầu", problems, required=True)
    year_to = _year(values["Năm kết thúc"], "năm kết thúc", problems, required=False) or year_from
    if year_from and year_to and year_to < year_from:
        problems.append("năm kết thúc trước năm bắt đầu")
    figures = [
        {"label": a, "value": b}
        for a, b in _pairs(_text(values[HEADERS[9]]), "kết quả", problems)
        if a and b
    ]
    tags = [t.strip() for t in _text(values[HEADERS[10]]).replace(",", ";").split(";") if t.strip()]
    featured_text = unaccent(_text(values[HEADERS[11]]))
    if featured_text not in _YES | _NO:
        problems.append(
            f"cột tiêu biểu chỉ nhận “có” hoặc “không” (đang là “{_text(values[HEADERS[11]])}”)"
        )
    status_text = _text(values["Trạng thái"])
    status = (
        _STATUS_BY_LABEL.get(unaccent(status_text)) if status_text else RecordStatus.DRAFT.value
    )
    if status is None:
        problems.append(f"trạng thái “{status_text}” không hợp lệ")
    replications = []
    for unit_name, year_text in _pairs(_text(values[HEADERS[13]]), "nhân rộng", problems):
        year = _year(year_text, "năm nhân rộng", problems, required=True)
        if year is not None:
            replications.append((units.get(unaccent(unit_name)), unit_name, year))
    if replications and kind and kind != RecordKind.MODEL:
        problems.append("chỉ mô hình mới có đơn vị nhân rộng")
    data = dict(
        kind=kind,
        name=name,
        unit_id=unit_id,
        field=_text(values["Lĩnh vực"]),
        year_from=year_from,
        year_to=year_to,
        theme=_text(values["Chuyên đề năm"]),
        summary=_text(values["Tóm tắt"]),
        story=_text(values["Nội dung (Markdown)"]),
        figures=figures,
        tags=tags,
        featured=featured_text in _YES,
        status=status,
    )
    return data, replications, problems


def import_workbook(
    *,
    session: Session,
    data: bytes,
    actor: Actor,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check every row first; import only a clean file, all rows in one transaction."""
    require(actor, Capability.EDIT_CATALOGUE)
    if len(data) > MAX_IMPORT_BYTES:
        raise UserError("Tệp Excel quá lớn (tối đa 5 MB).")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise UserError("Không đọc được tệp: hãy dùng tệp .xlsx tải từ mẫu của ứng dụng.") from exc
    sheet = book["Danh mục"] if "Danh mục" in book.sheetnames else book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    # Columns are found by header, so an export (with its "Mã" and "Số ảnh") or a file whose
    # columns were moved reads the same as the template.
    mapping, missing = xlsx.map_headers(rows[0] if rows else (), SPEC)
    if not rows or missing:
        raise UserError(
            "Dòng đầu của tệp không đúng tiêu đề của mẫu. Vui lòng tải mẫu và chép dữ liệu vào đó."
        )
    order = [mapping[c.field] for c in SPEC]
    rows = [[row[i] if i < len(row) else None for i in order] for row in rows]
    units = {unaccent(name): uid for uid, name in session.exec(select(Unit.id, Unit.name)).all()}
    stored = {
        (unaccent(name), unit_id): record_id
        for record_id, name, unit_id in session.exec(
            select(CatalogueRecord.id, CatalogueRecord.name, CatalogueRecord.unit_id)
        ).all()
    }
    report = ImportReport()
    parsed = []
    body = [(n, list(r)) for n, r in enumerate(rows[1:], start=2) if any(_text(c) for c in r)]
    if not body:
        raise UserError("Tệp không có dòng dữ liệu nào.")
    if len(body) > MAX_IMPORT_ROWS:
        raise UserError(f"Mỗi lần nhập tối đa {MAX_IMPORT_ROWS} dòng.")
    seen: dict[tuple[str, int | None], int] = {}
    for row_number, cells in body:
        record, replications, problems = _parse_row(cells[: len(HEADERS)], units)
        key = (unaccent(record["name"]), record["unit_id"])
        if record["name"] and key in seen:
            problems.append(f"trùng với dòng {seen[key]}")
        elif record["name"] and key in stored:
            problems.append(
                f"danh mục đã có hồ sơ “{record['name']}” của đơn vị này "
                f"(mã {stored[key]}), không nhập lại"
            )
        seen.setdefault(key, row_number)
        if problems:
            report.errors.append(f"Dòng {row_number}: " + "; ".join(problems) + ".")
        parsed.append((row_number, record, replications))
    if report.errors:
        return report
    for index, (row_number, record, replications) in enumerate(parsed):
        if progress:
            progress(index, len(parsed))
        try:
            created = catalogue.create_record(
                session=session,
                actor=actor,
                record_in=CatalogueRecordCreate(**record),
            )
            for unit_id, unit_name, year in replications:
                replication.add_replication(
                    session=session,
                    record_id=created.id,
                    actor=actor,
                    replication_in=CatalogueReplicationCreate(
                        unit_id=unit_id, unit_name=unit_name, year=year
                    ),
                )
        except UserError as exc:
            # Caught by the checks above in practice; if not, nothing of the file is kept.
            session.rollback()
            report.errors.append(f"Dòng {row_number}: {exc}")
            report.created = 0
            return report
        report.created += 1
    if progress:
        progress(len(parsed), len(parsed))
    return report


def export_workbook(*, session: Session, actor: Actor) -> bytes:
    """The whole catalogue this actor may see, one row per record, the template's columns."""
    book = xlsx.new_workbook()
    widths = (8,) + tuple(c[1] for c in COLUMNS) + (8,)
    sheet = xlsx.add_sheet(book, "Danh mục", EXPORT_HEADERS, widths=widths)
    for record in catalogue.records_for_export(session=session, actor=actor):
        xlsx.append_row(
            sheet,
            [
                record.id,
                KIND_LABELS.get(record.kind, record.kind),
                record.name,
                record.unit_name,
                record.field,
                record.year_from,
                record.year_to,
                record.theme,
                record.summary,
                record.story,
                "\n".join(f"{f['label']}: {f['value']}" for f in record.figures),
                "; ".join(record.tags),
                "có" if record.featured else "không",
                STATUS_LABELS.get(record.status, record.status),
                "\n".join(f"{r.unit_name}: {r.year}" for r in record.replications),
                len(record.photos),
            ],
        )
    return xlsx.to_bytes(book)
