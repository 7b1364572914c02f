"""Commendations in and out of files: the Excel template, the all-or-nothing import, the Excel
export of records, and the report table as Excel and DOCX."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from io import BytesIO

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font
from sqlalchemy import insert
from sqlmodel import Session, select

from models.accounts import Unit
from models.catalogue import CatalogueRecord
from models.commendations import (
    AWARD_KIND_LABELS,
    AWARD_STATUS_LABELS,
    ISSUER_LEVEL_LABELS,
    RECIPIENT_LABELS,
    Award,
    AwardKind,
    AwardStatus,
    IssuerLevel,
    RecipientType,
)
from services import xlsx
from services.capabilities import Actor, Capability, require
from services.commendations.records import (
    AwardFilter,
    filter_conditions,
    get_vocabulary,
    listing_query,
    refresh_tally,
    validate_fields,
)
from services.commendations.stats import REPORT_HEADERS, ReportTable, report_rows, report_sentence
from services.errors import UserError
from services.vi import format_date, format_int
from services.xlsx import Column

SHEET = "Khen thưởng"
LISTS_SHEET = "Danh mục"
GUIDE_SHEET = "Hướng dẫn"
MAX_IMPORT_ROWS = 20_000
XLSX_MIME = xlsx.XLSX_MIME  # the pages name it from here
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

COLUMNS = (
    Column("Đối tượng (Cá nhân/Tập thể)", "recipient_type", True, 22),
    Column("Họ tên cá nhân / Tên tập thể", "recipient_name", True, 30),
    Column("Đơn vị", "unit", False, 34),
    Column("Hình thức khen thưởng / Danh hiệu", "form", True, 30),
    Column("Hạng (nếu có)", "form_class", False, 22),
    Column("Cấp khen (người ký)", "issuer", True, 32),
    Column("Số quyết định", "decision_number", False, 22),
    Column("Ngày quyết định (dd/mm/yyyy)", "decision_date", False, 22),
    Column("Năm", "year", True, 22),
    Column("Dịp", "occasion", False, 22),
    Column("Thành tích", "achievement", False, 40),
    Column("Mã gương sáng (nếu có)", "catalogue_record_id", False, 22),
)
HEADERS = tuple(c.header for c in COLUMNS)
EXPORT_EXTRA = ("Loại", "Khối cấp khen", "Trạng thái", "Mã bản ghi")
# The titles of the pick lists on the "Danh mục" sheet, in its column order.
LIST_TITLES = {
    "recipient_type": "Đối tượng",
    "form": "Hình thức, danh hiệu",
    "issuer": "Cấp khen",
    "occasion": "Dịp",
    "unit": "Đơn vị",
    "form_class": "Hạng",
}
_key = xlsx.header_key


def import_template(*, session: Session, actor: Actor) -> bytes:
    """The Excel file organisers fill in: Vietnamese headers, drop-down lists from the current
    vocabulary and units, a guide sheet with an example."""
    require(actor, Capability.MANAGE_COMMENDATIONS)
    vocab = get_vocabulary(session=session, active_only=True)
    units = session.exec(select(Unit.name).order_by(Unit.sort_order, Unit.name)).all()
    choices = {
        "recipient_type": (
            RECIPIENT_LABELS[RecipientType.INDIVIDUAL],
            RECIPIENT_LABELS[RecipientType.COLLECTIVE],
        ),
        "form": tuple(f.name for f in vocab.forms),
        "issuer": tuple(i.name for i in vocab.issuers),
        "occasion": tuple(o.name for o in vocab.occasions),
        "unit": tuple(units),
        "form_class": ("Hạng Nhất", "Hạng Nhì", "Hạng Ba"),
    }
    wb = xlsx.new_workbook()
    ws = xlsx.add_sheet(wb, SHEET, COLUMNS)
    lists = wb.create_sheet(LISTS_SHEET)
    xlsx.add_choices(
        ws,
        COLUMNS,
        rows=MAX_IMPORT_ROWS,
        lists_sheet=lists,
        choices=choices,
        titles=LIST_TITLES,
        strict={"form_class": False},
    )
    guide = wb.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 110
    for line in (
        "Cách điền tệp nhập khen thưởng",
        "1. Mỗi dòng của trang “Khen thưởng” là một lượt khen cho một cá nhân hoặc một tập thể.",
        (
            "2. Các cột bắt buộc: Đối tượng, Họ tên / Tên tập thể, Hình thức / Danh hiệu, Cấp khen, "
            "Năm."
        ),
        (
            "3. Hình thức, cấp khen, dịp và đơn vị phải đúng như trong trang “Danh mục” (có danh "
            "sách chọn)."
        ),
        "4. Ngày quyết định ghi theo dạng ngày/tháng/năm, ví dụ 15/05/2021.",
        (
            "5. Tệp chỉ được nhập khi không còn dòng lỗi; dòng có thể trùng (cùng người, năm, hình "
            "thức, số quyết định) sẽ được cảnh báo."
        ),
        "",
        (
            "Ví dụ: Tập thể | Đảng bộ Tòa án nhân dân tỉnh | Đảng bộ Tòa án nhân dân tỉnh | Bằng "
            "khen | | Chủ tịch UBND tỉnh | 1234/QĐ-UBND | 20/06/2021 | 2021 | Sơ kết thực hiện Chỉ "
            "thị 05-CT/TW | Có thành tích xuất sắc trong 05 năm thực hiện Chỉ thị 05-CT/TW |"
        ),
    ):
        xlsx.append_row(guide, [line])
    guide["A1"].font = Font(bold=True, size=13)
    return xlsx.to_bytes(wb)


@dataclass
class ImportCheck:
    """What a file would import: the clean rows, the errors by row, the likely duplicates."""

    rows: list[dict] = field(default_factory=list)  # ready to insert, each with "_row"
    errors: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    duplicate_rows: set[int] = field(default_factory=set)

    @property
    def clean(self) -> bool:
        return not self.errors


def _parse_date(value, row: int, errors: list[str]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    errors.append(f"Dòng {row}: ngày quyết định “{text}” không đúng dạng ngày/tháng/năm.")
    return None


def _parse_int(value, row: int, label: str, errors: list[str]) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        errors.append(f"Dòng {row}: {label} “{value}” phải là một số nguyên.")
        return None


def check_import(
    *,
    session: Session,
    actor: Actor,
    data: bytes,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportCheck:
    """Read and validate every row; nothing is written."""
    require(actor, Capability.MANAGE_COMMENDATIONS)
    try:
        wb = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise UserError("Không đọc được tệp. Vui lòng dùng tệp Excel (.xlsx) theo mẫu.") from exc
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    rows_iter = ws.iter_rows(values_only=True)
    header = next(rows_iter, None) or ()
    index, missing = xlsx.map_headers(header, COLUMNS)
    if missing:
        raise UserError("Tệp thiếu cột: " + ", ".join(missing) + ". Vui lòng dùng tệp mẫu.")

    vocab = get_vocabulary(session=session)
    forms = {_key(f.name): f for f in vocab.forms}
    issuers = {_key(i.name): i for i in vocab.issuers}
    occasions = {_key(o.name): o for o in vocab.occasions}
    units = {_key(name): uid for uid, name in session.exec(select(Unit.id, Unit.name)).all()}
    types = {_key(label): value for value, label in RECIPIENT_LABELS.items()}
    record_ids = set(session.exec(select(CatalogueRecord.id)).all())

    raw_rows = []
    for number, values in enumerate(rows_iter, start=2):
        if values is None or all(v in (None, "") for v in values):
            continue
        raw_rows.append((number, values))
        if len(raw_rows) > MAX_IMPORT_ROWS:
            raise UserError(
                f"Mỗi lần nhập tối đa {format_int(MAX_IMPORT_ROWS)} dòng; vui lòng chia nhỏ tệp."
            )
    wb.close()
    if not raw_rows:
        raise UserError("Tệp chưa có dòng dữ liệu nào.")

    check = ImportCheck()
    for done, (number, values) in enumerate(raw_rows, start=1):

        def cell(name, values=values):
            pos = index.get(name)
            value = values[pos] if pos is not None and pos < len(values) else None
            return value.strip() if isinstance(value, str) else value

        errors: list[str] = []
        rtype = types.get(_key(cell("recipient_type")))
        if rtype is None:
            errors.append(f"Dòng {number}: cột Đối tượng phải là “Cá nhân” hoặc “Tập thể”.")
        form = forms.get(_key(cell("form")))
        if form is None:
            errors.append(
                f"Dòng {number}: không có hình thức, danh hiệu “{cell('form') or ''}”"
                " trong danh mục."
            )
        issuer = issuers.get(_key(cell("issuer")))
        if issuer is None:
            errors.append(
                f"Dòng {number}: không có cấp khen “{cell('issuer') or ''}” trong danh mục."
            )
        occasion_id = None
        if cell("occasion"):
            occasion = occasions.get(_key(cell("occasion")))
            if occasion is None:
                errors.append(f"Dòng {number}: không có dịp “{cell('occasion')}” trong danh mục.")
            else:
                occasion_id = occasion.id
        unit_id = None
        if cell("unit"):
            unit_id = units.get(_key(cell("unit")))
            if unit_id is None:
                errors.append(f"Dòng {number}: không có đơn vị “{cell('unit')}”.")
        before = len(errors)
        decision_date = _parse_date(cell("decision_date"), number, errors)
        year = _parse_int(cell("year"), number, "năm", errors)
        unreadable = len(errors) > before  # the date or the year is there but wrong
        if year is None and decision_date is not None:
            year = decision_date.year
        if year is None and not unreadable:
            errors.append(f"Dòng {number}: thiếu năm khen thưởng.")
        record_id = _parse_int(cell("catalogue_record_id"), number, "mã gương sáng", errors)
        if record_id is not None and record_id not in record_ids:
            errors.append(f"Dòng {number}: không có gương sáng mã {record_id}.")
        if not errors:
            data = {
                "recipient_type": rtype,
                "recipient_name": str(cell("recipient_name") or ""),
                "unit_id": unit_id,
                "user_id": None,
                "catalogue_record_id": record_id,
                "form_id": form.id,
                "form_class": str(cell("form_class") or ""),
                "issuer_id": issuer.id,
                "occasion_id": occasion_id,
                "decision_number": str(cell("decision_number") or ""),
                "decision_date": decision_date,
                "year": year,
                "achievement": str(cell("achievement") or ""),
            }
            try:
                derived = validate_fields(session, data)
            except UserError as exc:
                errors.append(f"Dòng {number}: {exc}")
            else:
                check.rows.append({**data, **derived, "_row": number})
        check.errors.extend(errors)
        if on_progress is not None and (done % 200 == 0 or done == len(raw_rows)):
            on_progress(done, len(raw_rows))
    _find_duplicates(session, check)
    return check


def _signature(row: dict) -> tuple:
    return (row["recipient_key"], row["year"], row["form_id"], row["decision_number"])


def _find_duplicates(session: Session, check: ImportCheck) -> None:
    seen: dict[tuple, int] = {}
    for row in check.rows:
        signature = _signature(row)
        if signature in seen:
            check.duplicates.append(
                f"Dòng {row['_row']} trùng với dòng {seen[signature]} "
                f"({row['recipient_name']}, năm {row['year']})."
            )
            check.duplicate_rows.add(row["_row"])
        else:
            seen[signature] = row["_row"]
    keys = sorted({row["recipient_key"] for row in check.rows})
    existing: dict[tuple, int] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        for award_id, key, year, form_id, number in session.exec(
            select(
                Award.id, Award.recipient_key, Award.year, Award.form_id, Award.decision_number
            ).where(Award.recipient_key.in_(chunk))
        ).all():
            existing.setdefault((key, year, form_id, number), award_id)
    for row in check.rows:
        award_id = existing.get(_signature(row))
        if award_id is not None and row["_row"] not in check.duplicate_rows:
            check.duplicates.append(
                f"Dòng {row['_row']} có thể trùng bản ghi đã có (mã {award_id}: "
                f"{row['recipient_name']}, năm {row['year']}, QĐ {row['decision_number'] or '—'})."
            )
            check.duplicate_rows.add(row["_row"])


@dataclass(frozen=True)
class ImportResult:
    imported: int
    skipped_duplicates: int
    years: tuple[int, ...]


def import_awards(
    *,
    session: Session,
    actor: Actor,
    data: bytes,
    skip_duplicates: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """All or nothing: any row error refuses the whole file. Likely duplicates are skipped
    unless the organiser asks to keep them."""
    check = check_import(session=session, actor=actor, data=data)
    if check.errors:
        shown = "\n".join(f"- {e}" for e in check.errors[:20])
        more = len(check.errors) - 20
        suffix = f"\n- … và {format_int(more)} lỗi khác." if more > 0 else ""
        raise UserError(
            f"Chưa nhập dòng nào: tệp còn {format_int(len(check.errors))} lỗi.\n{shown}{suffix}"
        )
    now = datetime.now(UTC)
    rows = [
        {k: v for k, v in row.items() if k != "_row"}
        | {
            "status": AwardStatus.ACTIVE,
            "revoked_reason": "",
            "created_by": actor.id,
            "created_at": now,
        }
        for row in check.rows
        if not (skip_duplicates and row["_row"] in check.duplicate_rows)
    ]
    for start in range(0, len(rows), 1000):
        session.execute(insert(Award), rows[start : start + 1000])
        if on_progress is not None:
            on_progress(min(start + 1000, len(rows)), len(rows))
    refresh_tally(session=session, years={r["year"] for r in rows})
    return ImportResult(
        imported=len(rows),
        skipped_duplicates=len(check.rows) - len(rows),
        years=tuple(sorted({r["year"] for r in rows})),
    )


def export_awards(*, session: Session, actor: Actor, flt: AwardFilter) -> bytes:
    """The records of a filter as an Excel file with the template's columns (so it can be
    edited and imported again), plus kind, level, status and record id."""
    require(actor, Capability.MANAGE_COMMENDATIONS)
    wb = xlsx.new_workbook(write_only=True)
    ws = xlsx.add_sheet(
        wb, SHEET, HEADERS + EXPORT_EXTRA, widths=[24] * (len(HEADERS) + len(EXPORT_EXTRA))
    )
    query = listing_query(filter_conditions(session, flt)).order_by(Award.year, Award.id)
    for (
        award_id,
        year,
        rtype,
        name,
        unit_name,
        kind,
        form_name,
        form_class,
        issuer_name,
        level,
        number,
        decision_date,
        occasion_name,
        achievement,
        status,
        record_id,
    ) in session.exec(query.execution_options(yield_per=2000)):
        xlsx.append_row(
            ws,
            [
                RECIPIENT_LABELS.get(RecipientType(rtype), rtype),
                name,
                unit_name,
                form_name,
                form_class,
                issuer_name,
                number,
                format_date(decision_date),
                year,
                occasion_name,
                achievement,
                record_id,
                AWARD_KIND_LABELS.get(AwardKind(kind), kind),
                ISSUER_LEVEL_LABELS.get(IssuerLevel(level), level),
                AWARD_STATUS_LABELS.get(AwardStatus(status), status),
                award_id,
            ],
        )
    return xlsx.to_bytes(wb)


# ---------------------------------------------------------------------------------------------
# The report table
# ---------------------------------------------------------------------------------------------


def report_title(table: ReportTable) -> str:
    return f"Tổng hợp biểu dương, khen thưởng — {table.period.lower()}"


def report_xlsx(table: ReportTable) -> bytes:
    wb = xlsx.new_workbook()
    ws = wb.create_sheet("Báo cáo")
    xlsx.append_row(ws, [report_title(table)])
    ws["A1"].font = Font(bold=True, size=13)
    xlsx.append_row(ws, [report_sentence(table)])
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(REPORT_HEADERS))
    ws.row_dimensions[2].height = 110
    ws.append([])
    header_row = 4
    xlsx.append_row(ws, list(REPORT_HEADERS))
    xlsx.style_header(ws, header_row, freeze=False)
    xlsx.set_widths(ws, (34, 12, 34, 28, 10, 10, 10))
    for row in report_rows(table):
        xlsx.append_row(ws, [row[h] for h in REPORT_HEADERS])
        if not row["Cấp khen"]:
            for col in range(1, len(REPORT_HEADERS) + 1):
                ws.cell(row=ws.max_row, column=col).font = Font(bold=True)
    return xlsx.to_bytes(wb)


def report_docx(table: ReportTable) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    document.add_heading(report_title(table), level=1)
    document.add_paragraph(report_sentence(table))
    rows = report_rows(table)
    grid = document.add_table(rows=1, cols=len(REPORT_HEADERS))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, REPORT_HEADERS, strict=True):
        cell.text = header
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = grid.add_row().cells
        for cell, header in zip(cells, REPORT_HEADERS, strict=True):
            value = row[header]
            cell.text = format_int(value) if isinstance(value, int) else str(value)
            if not row["Cấp khen"]:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
