"""Benchmark: preview and save 5,000 imported questions (issue 12: under 3 s together).

    uv run python benchmarks/contests_import.py [--questions 5000] [--db PATH] [--url URL]

Writes a GIFT file and an Excel sheet of `--questions` questions in 50 groups (single, multiple
and true/false mixed), then times, through the real services, the preview (`parse_file`), the
duplicate check against the bank (`mark_bank_duplicates`) and the save (`save_import`) into a
migrated SQLite database (or `--url`, e.g. PostgreSQL). Timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook
from sqlmodel import func, select

from models.contests import Question
from models.db import make_engine, session_scope
from services.capabilities import SYSTEM
from services.contests import excel as io_svc
from services.database import upgrade_to_head

TARGET_S = 3.0


def gift_file(count: int) -> bytes:
    out = []
    for index in range(count):
        if index % 100 == 0:
            out.append(f"$CATEGORY: $course$/top/Ngân hàng thử/Nhóm {index // 100 + 1:02d}\n")
        kind = index % 3
        if kind == 0:
            out.append(
                f"::Câu {index}::Câu hỏi số {index}: Chỉ thị 05-CT/TW ban hành năm nào? "
                "{\n  =2016 #Đúng\n  ~2011\n  ~2021\n  ~2006\n  ####Ngày 15/5/2016.\n}\n"
            )
        elif kind == 1:
            out.append(
                f"Câu hỏi số {index}: nội dung nào thuộc bản cam kết? {{\n"
                "  ~%50%Tư tưởng chính trị\n  ~%50%Tổ chức kỷ luật\n  ~%-100%Thu nhập\n}\n"
            )
        else:
            out.append(f"Câu hỏi số {index}: bản cam kết có 6 nội dung.{{T#Sai rồi#Chính xác}}\n")
    return "\n".join(out).encode()


def excel_file(count: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Câu hỏi"
    ws.append(io_svc.HEADERS)
    for index in range(count):
        ws.append(
            [
                f"Nhóm {index // 100 + 1:02d}",
                "Một đáp án",
                f"Câu hỏi Excel số {index}?",
                "2016",
                "2011",
                "2021",
                "2006",
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
    return buffer.getvalue()


def run(url: str, name: str, data: bytes) -> float:
    engine = make_engine(url)
    started = time.perf_counter()
    preview = io_svc.parse_file(name, data)
    parsed = time.perf_counter()
    assert not preview.errors, preview.errors[:3]
    with session_scope(engine) as session:
        io_svc.mark_bank_duplicates(session=session, preview=preview, category_id=None)
        checked = time.perf_counter()
        saved = io_svc.save_import(actor=SYSTEM, session=session, preview=preview, category_id=None)
    done = time.perf_counter()
    with session_scope(engine) as session:
        stored = session.exec(select(func.count(Question.id))).one()
    engine.dispose()
    total = done - started
    print(
        f"{name}: {saved} câu — xem trước {parsed - started:.2f} s, kiểm tra trùng "
        f"{checked - parsed:.2f} s, lưu {done - checked:.2f} s; tổng {total:.2f} s "
        f"({'đạt' if total < TARGET_S else 'CHƯA ĐẠT'} mục tiêu < {TARGET_S:.0f} s); "
        f"trong CSDL có {stored} câu"
    )
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{args.db or Path(tmp) / 'bench.sqlite'}"
        upgrade_to_head(make_engine(url))
        results = [
            run(url, "ngan-hang.gift", gift_file(args.questions)),
            run(url, "ngan-hang.xlsx", excel_file(args.questions)),
        ]
    sys.exit(0 if max(results) < TARGET_S else 1)


if __name__ == "__main__":
    main()
