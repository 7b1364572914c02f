"""Sổ tay benchmark: 15.000 members (a Khối the size of Bình Phước's) × 12 monthly reviews on
SQLite; prints the time of the rate dashboard's query and of the similarity warning in a unit
of 200 members. Targets: under 300 ms per chart, under 1 s for the similarity.

    uv run python benchmarks/notebook_rates.py [--members 15000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.accounts import Role, Unit, User
from models.db import make_engine, session_scope
from models.notebook import Commitment, MonthlyReview, NotebookYear
from services.accounts.auth import CurrentUser
from services.database import upgrade_to_head
from services.notebook import stats
from services.notebook import warnings as nw

CELL_SIZE = 200


def build(url: str, members: int) -> tuple[int, int, int]:
    engine = make_engine(url)
    upgrade_to_head(engine)
    with session_scope(engine) as session:
        root = Unit(name="Đảng bộ Khối", kind="dang_bo", headcount=members)
        session.add(root)
        session.flush()
        year = NotebookYear(year=2026, topic="Chuyên đề", plan_date=date(2026, 1, 10))
        session.add(year)
        session.flush()
        cells = []
        for base_index in range(max(1, members // (CELL_SIZE * 5))):
            base = Unit(
                name=f"Đảng bộ cơ sở {base_index + 1}",
                kind="dang_bo_co_so",
                parent_id=root.id,
                headcount=CELL_SIZE * 5,
            )
            session.add(base)
            session.flush()
            for cell_index in range(5):
                cell = Unit(
                    name=f"Chi bộ {base_index + 1}.{cell_index + 1}",
                    parent_id=base.id,
                    headcount=CELL_SIZE,
                )
                session.add(cell)
                cells.append(cell)
        session.flush()
        users = [
            {
                "username": f"dv{i}",
                "full_name": f"Đảng viên {i}",
                "role": Role.MEMBER,
                "unit_id": cells[i // CELL_SIZE % len(cells)].id,
                "is_active": True,
                "password_hash": "x",
                "must_change_password": False,
            }
            for i in range(members)
        ]
        session.execute(insert(User), users)
        rows = session.exec(User.__table__.select().with_only_columns(User.id, User.unit_id)).all()
        text = (
            "Giảm {n}% thời gian chờ khám tại khoa khám bệnh và hướng dẫn {n} người cao "
            "tuổi dùng dịch vụ công trực tuyến; dự đủ 12 kỳ sinh hoạt chi bộ."
        )
        commitments = [
            {
                "year_id": year.id,
                "user_id": uid,
                "unit_id": unit_id,
                "status": "approved" if uid % 20 else "draft",
                "committed_on": date(2026, 2, 1),
                "part1": "Kiên định",
                "part2": "",
                "part3": text.format(n=uid % 97),
                "part4": "",
                "part5": "",
                "part6": "",
                "committee_comment": "",
                "version": 1,
                "change_reason": "",
                "on_behalf": False,
                "midyear_note": "",
                "yearend_note": "",
                "rating": "",
            }
            for uid, unit_id in rows
        ]
        session.execute(insert(Commitment), commitments)
        ids = session.exec(
            Commitment.__table__.select().with_only_columns(Commitment.id, Commitment.unit_id)
        ).all()
        session.execute(
            insert(MonthlyReview),
            [
                {
                    "commitment_id": cid,
                    "unit_id": unit_id,
                    "year_id": year.id,
                    "month": month,
                    "status": "done",
                    "note": "",
                    "committee_comment": "",
                    "on_behalf": False,
                }
                for cid, unit_id in ids
                for month in range(1, 13)
            ],
        )
        return year.id, cells[0].id, rows[0][0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=15_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        started = time.perf_counter()
        year_id, cell_id, member_id = build(url, args.members)
        print(f"Dựng {args.members:,} đảng viên × 12 tháng: {time.perf_counter() - started:.1f} s")
        engine = make_engine(url)
        admin = CurrentUser(
            id=0,
            username="bench",
            full_name="Bench",
            role=Role.ADMIN,
            unit_id=None,
            must_change_password=False,
        )
        timings = []
        for _ in range(5):
            with session_scope(engine) as session:
                started = time.perf_counter()
                rates = stats.unit_rates(session=session, actor=admin, year_id=year_id)
                timings.append(time.perf_counter() - started)
        print(
            f"Tỉ lệ đăng ký, {len(rates)} đơn vị, gốc {rates[0].registered}/"
            f"{rates[0].headcount}: tốt nhất {min(timings) * 1000:.0f} ms, chậm nhất "
            f"{max(timings) * 1000:.0f} ms (mục tiêu < 300 ms)"
        )
        with session_scope(engine) as session:
            parts = ["Kiên định", "", "Giảm 5% thời gian chờ khám tại khoa khám bệnh", "", "", ""]
            started = time.perf_counter()
            similar = nw.similar_in_unit(
                session=session,
                actor=admin,
                year_id=year_id,
                unit_id=cell_id,
                member_id=member_id,
                parts=parts,
            )
            one = time.perf_counter() - started
        print(
            f"Cảnh báo sao chép, chi bộ {CELL_SIZE} đảng viên: {one * 1000:.0f} ms, "
            f"{len(similar)} bản gần giống (mục tiêu < 1 s)"
        )


if __name__ == "__main__":
    main()
