"""Results and winners to Excel; a certificate (giấy chứng nhận) PDF per winner."""

from __future__ import annotations

import io
from datetime import datetime

from fpdf import FPDF
from sqlmodel import Session, select

from models.contests import Registration, Round
from services import xlsx
from services.capabilities import Actor, Capability, require
from services.contests.clock import now_utc
from services.contests.contests import contest_row, round_row
from services.contests.grading import RANK_KEY_LABELS, Ranked, format_duration
from services.contests.results import (
    overall_ranking,
    round_ranking,
    unit_participation,
    unit_prizes,
)
from services.settings import PROJECT_ROOT
from services.vi import format_score, to_local

FONT_DIR = PROJECT_ROOT / "assets" / "fonts"


def _style_header(ws, widths: list[int]) -> None:
    xlsx.style_header(ws)
    xlsx.set_widths(ws, widths)


def _ranking_sheet(ws, rows: tuple[Ranked, ...], units: dict[int, str], chain) -> None:
    xlsx.append_row(
        ws,
        [
            "Hạng",
            "Họ và tên",
            "Đơn vị",
            "Điểm",
            "Số câu đúng",
            "Dự đoán / độ lệch",
            "Thời gian làm bài",
            "Nộp bài lúc",
            "Giải",
            "Vì sao đứng trên người kế tiếp",
        ],
    )
    for row in rows:
        e = row.entry
        prediction = (
            ""
            if e.prediction is None
            else (
                f"{e.prediction} (lệch {int(row.distance)})"
                if row.distance is not None
                else str(e.prediction)
            )
        )
        xlsx.append_row(
            ws,
            [
                row.rank,
                e.full_name,
                units.get(e.unit_id, ""),
                e.score,
                e.correct_count,
                prediction,
                format_duration(e.duration_seconds),
                to_local(e.submitted_at).strftime("%H:%M:%S %d/%m/%Y"),
                row.prize,
                row.explanation,
            ],
        )
    _style_header(ws, [7, 28, 34, 8, 10, 16, 16, 20, 18, 80])
    ws.append([])
    xlsx.append_row(ws, ["Thứ tự xếp hạng: " + " → ".join(RANK_KEY_LABELS[k] for k in chain)])


def results_workbook(
    *, session: Session, actor: Actor, contest_id: int, now: datetime | None = None
) -> bytes:
    require(actor, Capability.SEE_CONTEST_RESULTS)
    now = now_utc(now)
    contest = contest_row(session, contest_id)
    wb = xlsx.new_workbook()
    winners = wb.create_sheet("Người đạt giải")
    # A CCCD is shown masked: only its last four digits are stored.
    masked = (
        {
            r.user_id: r.cccd_masked
            for r in session.exec(select(Registration).where(Registration.contest_id == contest_id))
        }
        if contest.ask_cccd
        else None
    )
    xlsx.append_row(
        winners,
        ["Đợt thi", "Giải", "Hạng", "Họ và tên", "Đơn vị", "Điểm"]
        + (["Số CCCD"] if masked is not None else []),
    )
    rounds = session.exec(
        select(Round)
        .where(Round.contest_id == contest_id)
        .order_by(Round.sort_order, Round.opens_at)
    ).all()
    for rnd in rounds:
        view = round_ranking(session=session, actor=actor, round_id=rnd.id, now=now)
        ws = wb.create_sheet(_sheet_name(rnd.name))
        _ranking_sheet(ws, view.rows, view.unit_names, view.chain)
        for row in view.rows:
            if row.prize:
                xlsx.append_row(
                    winners,
                    [
                        rnd.name,
                        row.prize,
                        row.rank,
                        row.entry.full_name,
                        view.unit_names.get(row.entry.unit_id, ""),
                        row.entry.score,
                    ]
                    + ([masked.get(row.entry.user_id, "")] if masked is not None else []),
                )
    _style_header(winners, [24, 18, 7, 28, 34, 8, 16])
    overall = overall_ranking(session=session, actor=actor, contest_id=contest_id, now=now)
    _ranking_sheet(
        wb.create_sheet("Toàn cuộc thi"), overall.rows, overall.unit_names, overall.chain
    )
    units = wb.create_sheet("Theo đơn vị")
    xlsx.append_row(units, ["Đơn vị", "Số đảng viên", "Số người dự thi", "Tỉ lệ tham gia"])
    for r in unit_participation(session=session, actor=actor, contest_id=contest_id):
        xlsx.append_row(units, [r.name, r.headcount, r.participants, round(r.rate, 4)])
        units.cell(units.max_row, 4).number_format = "0.0%"
    units.append([])
    for prize in unit_prizes(session=session, actor=actor, contest_id=contest_id):
        xlsx.append_row(units, [prize.kind, prize.unit_name, prize.reason])
    _style_header(units, [40, 14, 16, 16])
    return xlsx.to_bytes(wb)


def _sheet_name(name: str) -> str:
    for char in "[]:*?/\\":
        name = name.replace(char, " ")
    return name[:31]


def certificate_pdf(
    *,
    contest_title: str,
    round_name: str,
    full_name: str,
    unit_name: str,
    prize: str,
    score: float,
    issued: datetime,
    issuer: str = "BAN TỔ CHỨC CUỘC THI",
) -> bytes:
    """One A4 landscape page with the Vietnamese fonts embedded."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    pdf.set_draw_color(179, 0, 27)
    pdf.set_line_width(2)
    pdf.rect(8, 8, 281, 194)
    pdf.set_line_width(0.6)
    pdf.rect(12, 12, 273, 186)
    pdf.set_text_color(43, 33, 24)
    pdf.set_font("DejaVu", "B", 13)
    pdf.set_y(20)
    pdf.cell(0, 7, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 12)
    pdf.cell(0, 7, "Độc lập – Tự do – Hạnh phúc", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_text_color(179, 0, 27)
    pdf.set_font("DejaVu", "B", 30)
    pdf.cell(0, 14, "GIẤY CHỨNG NHẬN", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(43, 33, 24)
    pdf.set_font("DejaVu", "", 13)
    pdf.ln(4)
    pdf.cell(0, 8, f"{issuer.upper()} chứng nhận", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 24)
    pdf.cell(0, 12, full_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 13)
    if unit_name:
        pdf.cell(0, 8, unit_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_x(30)
    pdf.multi_cell(
        237,
        8,
        f"đã đạt {prize.upper()} {round_name.lower()}, với {format_score(score)} điểm,"
        f" trong {contest_title}.",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_y(160)
    pdf.set_x(170)
    local = to_local(issued)
    pdf.set_font("DejaVu", "", 12)
    pdf.cell(
        110,
        7,
        f"Ngày {local.day:02d} tháng {local.month:02d} năm {local.year}",
        align="C",
        new_x="LEFT",
        new_y="NEXT",
    )
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(110, 7, issuer, align="C")
    return bytes(pdf.output())


def winners_certificates(
    *, session: Session, actor: Actor, round_id: int, now: datetime | None = None
) -> list[tuple[str, bytes]]:
    """(file name, PDF) for every winner of a round."""
    require(actor, Capability.MAKE_CERTIFICATES)
    now = now_utc(now)
    rnd = round_row(session, round_id)
    contest = contest_row(session, rnd.contest_id)
    view = round_ranking(session=session, actor=actor, round_id=round_id, now=now)
    out = []
    for row in view.rows:
        if not row.prize:
            continue
        pdf = certificate_pdf(
            contest_title=contest.title,
            round_name=rnd.name,
            full_name=row.entry.full_name,
            unit_name=view.unit_names.get(row.entry.unit_id, ""),
            prize=row.prize,
            score=row.entry.score,
            issued=now,
        )
        out.append((f"giay-chung-nhan-hang-{row.rank}-{row.entry.user_id}.pdf", pdf))
    return out


def certificates_zip(
    *, session: Session, actor: Actor, round_id: int, now: datetime | None = None
) -> bytes:
    require(actor, Capability.MAKE_CERTIFICATES)
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in winners_certificates(
            session=session, actor=actor, round_id=round_id, now=now
        ):
            archive.writestr(name, data)
    return buffer.getvalue()
