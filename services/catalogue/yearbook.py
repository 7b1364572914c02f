"""Kỷ yếu: a selection of the catalogue as a PDF yearbook (cover, table of contents, one page per
record with its cover photo and story; DejaVu fonts embedded so every diacritic prints), and the
same as a DOCX for editing."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image
from sqlmodel import Session

from models.catalogue import CatalogueRecordPublic
from services.capabilities import Actor
from services.catalogue import records as catalogue
from services.catalogue.markdown import story_blocks
from services.errors import UserError
from services.settings import PROJECT_ROOT
from services.vi import format_date, local_today

FONT_DIR = PROJECT_ROOT / "assets" / "fonts"
RED = (179, 0, 27)
GOLD = (201, 150, 40)
MAX_RECORDS = 500

Progress = Callable[[int, int, str], None] | None


def _select(
    session: Session,
    actor: Actor,
    *,
    featured_only: bool,
    year_from: int | None,
    year_to: int | None,
    record_ids: list[int] | None,
) -> list[CatalogueRecordPublic]:
    records = catalogue.records_for_export(
        session=session,
        actor=actor,
        record_ids=record_ids,
        featured_only=featured_only,
        year_from=year_from,
        year_to=year_to,
        published_only=True,
    )
    if not records:
        raise UserError("Không có hồ sơ công khai nào khớp lựa chọn để đưa vào kỷ yếu.")
    if len(records) > MAX_RECORDS:
        raise UserError(f"Kỷ yếu có tối đa {MAX_RECORDS} hồ sơ; hãy thu hẹp lựa chọn.")
    return records


def _jpeg(media_dir: Path, record: CatalogueRecordPublic, longest: int = 1400) -> io.BytesIO | None:
    """The cover photo as JPEG bytes (PDF and DOCX both embed JPEG compactly)."""
    if record.cover is None:
        return None
    relative = record.cover.large_url.removeprefix("/files/")
    path = (Path(media_dir) / relative).resolve()
    if not path.is_relative_to(Path(media_dir).resolve()) or not path.is_file():
        return None
    with Image.open(path) as image:
        picture = image.convert("RGB")
    picture.thumbnail((longest, longest))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    buffer.seek(0)
    return buffer


class _Book(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        self.book_title = title
        self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(title)
        self.set_creator("Gương sáng")

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-12)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(120, 110, 90)
        self.cell(0, 6, f"{self.book_title} · {self.page_no()}", align="C")


def _render_toc(pdf: _Book, outline) -> None:
    pdf.set_xy(pdf.l_margin, pdf.t_margin)  # called at the end: the cursor is elsewhere
    pdf.set_font("DejaVu", "B", 18)
    pdf.set_text_color(*RED)
    pdf.cell(0, 12, "Mục lục", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_text_color(30, 30, 30)
    for section in outline:
        if section.level != 0:
            continue
        pdf.set_font("DejaVu", "", 10)
        link = pdf.add_link(page=section.page_number)
        name = section.name if len(section.name) <= 80 else section.name[:79] + "…"
        pdf.cell(170, 7, name, link=link)
        pdf.cell(0, 7, str(section.page_number), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def build_pdf(
    *,
    session: Session,
    actor: Actor,
    media_dir: Path,
    title: str = "Những bông hoa đẹp trong vườn hoa làm theo lời Bác",
    subtitle: str = "",
    featured_only: bool = False,
    year_from: int | None = None,
    year_to: int | None = None,
    record_ids: list[int] | None = None,
    progress: Progress = None,
) -> bytes:
    records = _select(
        session,
        actor,
        featured_only=featured_only,
        year_from=year_from,
        year_to=year_to,
        record_ids=record_ids,
    )
    title = title.strip() or "Kỷ yếu gương điển hình tiên tiến"
    pdf = _Book(title)
    # Cover
    pdf.add_page()
    pdf.set_fill_color(*RED)
    pdf.rect(0, 0, 210, 297, style="F")
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(1.2)
    pdf.rect(12, 12, 186, 273)
    pdf.image(str(PROJECT_ROOT / "assets" / "logo.png"), x=90, y=40, w=30)
    pdf.set_text_color(255, 230, 160)
    pdf.set_font("DejaVu", "B", 12)
    pdf.set_xy(20, 90)
    pdf.multi_cell(
        170, 7, "KỶ YẾU HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH", align="C"
    )
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("DejaVu", "B", 24)
    pdf.set_xy(20, 120)
    pdf.multi_cell(170, 12, title, align="C")
    if subtitle.strip():
        pdf.set_font("DejaVu", "", 13)
        pdf.set_x(20)
        pdf.multi_cell(170, 8, subtitle.strip(), align="C")
    pdf.set_font("DejaVu", "", 11)
    pdf.set_xy(20, 250)
    pdf.multi_cell(
        170,
        7,
        f"{len(records)} mô hình, điển hình tiên tiến · lập ngày {format_date(local_today())}",
        align="C",
    )
    # Table of contents: about 34 lines a page
    pdf.add_page()
    pdf.insert_toc_placeholder(_render_toc, pages=max(1, -(-len(records) // 34)))
    # The placeholder ends on a fresh empty page (fpdf2 breaks the page after the pages it
    # keeps): the first record starts there, or that page would stay blank before the records.
    for index, record in enumerate(records):
        if progress:
            progress(index, len(records), record.name)
        _record_page(pdf, record, media_dir, new_page=index > 0)
    if progress:
        progress(len(records), len(records), "")
    return bytes(pdf.output())


def _story(pdf: _Book, markdown: str) -> None:
    """Headings bold, list items indented with a bullet, paragraphs spaced."""
    for kind, words in story_blocks(markdown):
        if kind == "heading":
            pdf.ln(2.5)
            pdf.set_font("DejaVu", "B", 11)
            pdf.multi_cell(0, 6.5, words, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif kind == "bullet":
            pdf.set_font("DejaVu", "", 10)
            pdf.set_x(pdf.l_margin + 2)
            pdf.cell(4, 5.5, "•")
            pdf.multi_cell(0, 5.5, words, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 5.5, words, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1.5)


def _record_page(
    pdf: _Book, record: CatalogueRecordPublic, media_dir: Path, new_page: bool = True
) -> None:
    if new_page:
        pdf.add_page()
    pdf.start_section(record.name)
    pdf.set_text_color(*RED)
    pdf.set_font("DejaVu", "B", 9)
    kind = catalogue.kind_label(record.kind).upper()
    pdf.cell(
        0,
        6,
        kind + ("  ★ TIÊU BIỂU" if record.featured else ""),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_font("DejaVu", "B", 17)
    pdf.multi_cell(0, 9, record.name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(90, 80, 60)
    pdf.set_font("DejaVu", "", 10)
    meta = " · ".join(
        part
        for part in (
            record.unit_name,
            record.field,
            catalogue.years_label(record.year_from, record.year_to),
        )
        if part
    )
    pdf.multi_cell(0, 6, meta, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    picture = _jpeg(media_dir, record)
    if picture is not None:
        width = 180
        height = width * record.cover.height / max(record.cover.width, 1)
        if height > 100:
            width, height = width * 100 / height, 100
        pdf.image(picture, x=(210 - width) / 2, w=width, h=height)
        if record.cover.caption:
            pdf.set_font("DejaVu", "", 8)
            pdf.multi_cell(
                0, 5, record.cover.caption, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        pdf.ln(2)
    pdf.set_text_color(30, 30, 30)
    if record.summary:
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(0, 6, record.summary, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
    if record.figures:
        pdf.set_font("DejaVu", "", 10)
        for figure in record.figures:
            pdf.set_font("DejaVu", "B", 10)
            pdf.cell(pdf.get_string_width(figure["value"]) + 2, 6, figure["value"])
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 6, f" {figure['label']}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
    _story(pdf, record.story)
    if record.replications:
        pdf.ln(1)
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(0, 6, "Nhân rộng", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("DejaVu", "", 10)
        for row in record.replications:
            pdf.multi_cell(
                0, 5.5, f"• {row.unit_name} ({row.year})", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )


def build_docx(
    *,
    session: Session,
    actor: Actor,
    media_dir: Path,
    title: str = "Những bông hoa đẹp trong vườn hoa làm theo lời Bác",
    featured_only: bool = False,
    year_from: int | None = None,
    year_to: int | None = None,
    record_ids: list[int] | None = None,
    progress: Progress = None,
) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    records = _select(
        session,
        actor,
        featured_only=featured_only,
        year_from=year_from,
        year_to=year_to,
        record_ids=record_ids,
    )
    document = Document()
    heading = document.add_heading(title.strip() or "Kỷ yếu", level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    intro = document.add_paragraph(
        f"{len(records)} mô hình, điển hình tiên tiến · lập ngày {format_date(local_today())}"
    )
    intro.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_heading("Mục lục", level=1)
    for record in records:
        document.add_paragraph(record.name, style="List Number")
    for index, record in enumerate(records):
        if progress:
            progress(index, len(records), record.name)
        document.add_page_break()
        document.add_heading(record.name, level=1)
        meta = document.add_paragraph()
        run = meta.add_run(
            " · ".join(
                p
                for p in (
                    catalogue.kind_label(record.kind),
                    record.unit_name,
                    record.field,
                    catalogue.years_label(record.year_from, record.year_to),
                )
                if p
            )
        )
        run.italic = True
        run.font.size = Pt(10)
        picture = _jpeg(media_dir, record, longest=1200)
        if picture is not None:
            document.add_picture(picture, width=Cm(15))
            if record.cover.caption:
                document.add_paragraph(record.cover.caption).alignment = WD_ALIGN_PARAGRAPH.CENTER
        if record.summary:
            document.add_paragraph().add_run(record.summary).bold = True
        for figure in record.figures:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(figure["value"]).bold = True
            paragraph.add_run(f" {figure['label']}")
        for kind, words in story_blocks(record.story):
            if kind == "heading":
                document.add_heading(words, level=2)
            else:
                document.add_paragraph(words, style="List Bullet" if kind == "bullet" else None)
        if record.replications:
            document.add_heading("Nhân rộng", level=2)
            for row in record.replications:
                document.add_paragraph(f"{row.unit_name} ({row.year})", style="List Bullet")
    if progress:
        progress(len(records), len(records), "")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
