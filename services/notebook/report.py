"""Files out: the rates table (Excel, DOCX) for the sơ kết / tổng kết report, and the member's
notebook as a PDF with the DejaVu font so every diacritic prints."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from docx import Document
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from sqlmodel import Session

from models.notebook import COMMITMENT_STATUS_LABELS, REVIEW_STATUS_LABELS, NotebookYear
from services import xlsx
from services.accounts.auth import CurrentUser
from services.notebook import commitments as cm
from services.notebook import forms, reviews
from services.notebook.stats import UnitRate
from services.notebook.years import parse_themes
from services.vi import format_date

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HEADERS = (
    "Đơn vị",
    "Sĩ số",
    "Đã đăng ký",
    "Tỉ lệ đăng ký",
    "Đã duyệt",
    "Tập thể đăng ký",
    "Có kế hoạch",
)


def rates_xlsx(
    rates: list[UnitRate],
    year: int,
    sentence: str,
    ratings: list[str] | None = None,
    month: int | None = None,
) -> bytes:
    """Through the shared writer, so no name typed by a user becomes a formula. With the
    month's self-reviews and the committees' year-end ratings when given."""
    ratings = ratings or []
    headers = [*HEADERS, "Đếm từ sổ giấy"]
    if month is not None:
        headers.append(f"Tự kiểm điểm tháng {month}")
    headers += ratings
    book = xlsx.new_workbook()
    ws = xlsx.add_sheet(book, f"Đăng ký {year}", headers, widths=[48] + [14] * (len(headers) - 1))
    for row in rates:
        xlsx.append_row(
            ws,
            [
                "    " * row.depth + row.name,
                row.headcount,
                row.registered,
                round(row.rate, 4),
                row.approved,
                row.collectives,
                "Có" if row.has_plan else "Chưa",
                row.counted,
            ]
            + ([row.reviews.get(month, 0)] if month is not None else [])
            + [row.ratings.get(r, 0) for r in ratings],
        )
        ws.cell(row=ws.max_row, column=4).number_format = "0.0%"
    xlsx.append_row(ws, [])
    xlsx.append_row(ws, [sentence])
    return xlsx.to_bytes(book)


def rates_docx(
    rates: list[UnitRate],
    year: int,
    sentence: str,
    ratings: list[str] | None = None,
    month: int | None = None,
) -> bytes:
    from services.vi import format_int, format_percent

    ratings = ratings or []
    doc = Document()
    doc.add_heading(
        f"Kết quả {'tổng kết' if ratings else 'sơ kết'} làm theo gương Bác năm {year}", level=1
    )
    doc.add_paragraph(sentence)
    titles = ["Đơn vị", "Sĩ số", "Đã đăng ký", "Tỉ lệ"]
    if month is not None:
        titles.append(f"Tự kiểm điểm T{month}")
    titles += ratings
    table = doc.add_table(rows=1, cols=len(titles))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.text = title
    for row in rates:
        cells = table.add_row().cells
        cells[0].text = "  " * row.depth + row.name
        cells[1].text = format_int(row.headcount)
        cells[2].text = format_int(row.registered)
        cells[3].text = format_percent(row.rate)
        extra = ([row.reviews.get(month, 0)] if month is not None else []) + [
            row.ratings.get(r, 0) for r in ratings
        ]
        for cell, value in zip(cells[4:], extra, strict=True):
            cell.text = format_int(value)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


class _Notebook(FPDF):
    def __init__(self):
        super().__init__(format="A4")
        self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_creator("Gương sáng")

    def line_text(self, text: str, size: int = 10, bold: bool = False, gap: float = 1) -> None:
        self.set_font("DejaVu", "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, text or "—", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)


def notebook_pdf(*, session: Session, actor: CurrentUser, commitment_id: int) -> bytes:
    """The member's notebook: the year's topic, the commitment, the monthly reviews and the
    committee's comments. Checked like every read."""
    book = cm.notebook(session=session, actor=actor, commitment_id=commitment_id)
    commitment = book.commitment
    year = session.get(NotebookYear, commitment.year_id)
    monthly = reviews.reviews_of(session=session, actor=actor, commitment_id=commitment_id)
    themes = parse_themes(year.monthly_themes)
    pdf = _Notebook()
    pdf.set_title(f"Sổ tay làm theo gương Bác {year.year} — {book.member_name}")
    pdf.add_page()
    pdf.line_text("SỔ TAY ĐẢNG VIÊN LÀM THEO GƯƠNG BÁC", 16, True, 2)
    pdf.line_text(f"Năm {year.year} — Chuyên đề: {year.topic}", 11, True, 3)
    pdf.line_text(f"Họ và tên: {book.member_name}    Đơn vị: {book.unit_name}")
    pdf.line_text(
        f"Ngày đăng ký: {format_date(commitment.committed_on)}    Trạng thái: "
        f"{COMMITMENT_STATUS_LABELS[commitment.status]}"
        + (f" (phiên bản {commitment.version})" if commitment.version else ""),
        gap=4,
    )
    pdf.line_text("I. NỘI DUNG ĐĂNG KÝ", 12, True, 2)
    titled = forms.titled_parts(session=session, commitment=commitment)
    for number, (part, text) in enumerate(titled, 1):
        pdf.line_text(f"{number}. {part.title}", 10, True)
        pdf.line_text(text, gap=2)
    if commitment.committee_comment:
        pdf.line_text(f"Ý kiến chi ủy: {commitment.committee_comment}", gap=3)
    pdf.line_text("II. TỰ KIỂM ĐIỂM HẰNG THÁNG", 12, True, 2)
    if not monthly:
        pdf.line_text("Chưa có tháng nào.")
    for review in monthly:
        theme = f" — {themes[review.month]}" if review.month in themes else ""
        pdf.line_text(
            f"Tháng {review.month}{theme}: {REVIEW_STATUS_LABELS[review.status]}"
            + (" (chi ủy ghi hộ)" if review.on_behalf else ""),
            10,
            True,
        )
        pdf.line_text(review.note)
        if review.committee_comment:
            pdf.line_text(f"Nhận xét của chi ủy: {review.committee_comment}", gap=2)
    if commitment.midyear_note or commitment.yearend_note or commitment.rating:
        pdf.line_text("III. SƠ KẾT, TỔNG KẾT", 12, True, 2)
        pdf.line_text(f"Sơ kết 6 tháng: {commitment.midyear_note}")
        pdf.line_text(f"Tổng kết năm: {commitment.yearend_note}")
        pdf.line_text(f"Chi ủy đánh giá: {commitment.rating}")
    return bytes(pdf.output())
