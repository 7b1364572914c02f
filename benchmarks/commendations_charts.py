"""Benchmark: the commendation charts' aggregations on 1,000,000 awards in SQLite.

    uv run python benchmarks/commendations_charts.py [--rows 1000000] [--runs 15] [--db PATH]

Builds a migrated SQLite database (schema by Alembic, so the real indexes), fills it with
`--rows` awards by executemany, then times each chart's query through the real services
(`services.commendations.stats`) and prints the median and the 90th percentile. The target
from issue 4: the year chart's data in at most 300 ms (median).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from services.capabilities import SYSTEM

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text
from sqlmodel import select

from models.accounts import Unit
from models.commendations import AwardForm, AwardIssuer
from models.db import make_engine, session_scope
from services.commendations import records as com
from services.commendations import stats
from services.database import upgrade_to_head

TARGET_MS = 300
AWARD_COLUMNS = (
    "recipient_type",
    "recipient_name",
    "unit_id",
    "user_id",
    "catalogue_record_id",
    "form_id",
    "form_class",
    "issuer_id",
    "occasion_id",
    "decision_number",
    "decision_date",
    "year",
    "achievement",
    "kind",
    "issuer_level",
    "recipient_key",
    "status",
    "revoked_reason",
    "created_by",
    "created_at",
)


def build(db_path: Path, rows: int, seed: int = 7) -> None:
    engine = make_engine(f"sqlite:///{db_path}")
    upgrade_to_head(engine)
    with session_scope(engine) as session:
        com.ensure_vocabulary(session=session)
        root = Unit(name="Đảng bộ Khối (thử tải)", kind="dang_bo")
        session.add(root)
        session.flush()
        for index in range(60):
            session.add(
                Unit(
                    name=f"Đảng bộ cơ sở {index + 1:02d}",
                    kind="dang_bo_co_so",
                    parent_id=root.id,
                    sort_order=index,
                )
            )
        session.flush()
        unit_ids = list(session.exec(select(Unit.id).where(Unit.parent_id == root.id)))
        forms = [(f.id, f.kind, f.scope) for f in session.exec(select(AwardForm))]
        issuers = [(i.id, i.level) for i in session.exec(select(AwardIssuer))]
    engine.dispose()

    rng = random.Random(seed)
    now = datetime.now(UTC).isoformat(sep=" ")
    people = [f"Người thử {i}" for i in range(200_000)]
    placeholders = ", ".join("?" for _ in AWARD_COLUMNS)
    sql = f"INSERT INTO award ({', '.join(AWARD_COLUMNS)}) VALUES ({placeholders})"

    def rows_iter():
        for _ in range(rows):
            year = rng.randint(1995, 2026)
            form_id, kind, scope = rng.choice(forms)
            rtype = scope if scope != "ca_hai" else rng.choice(("ca_nhan", "ca_nhan", "tap_the"))
            issuer_id, level = rng.choice(issuers)
            unit_id = rng.choice(unit_ids)
            name = rng.choice(people) if rtype == "ca_nhan" else f"Tập thể {unit_id}"
            key = f"{'p' if rtype == 'ca_nhan' else 't'}:{unit_id}:{name.lower()}"
            status = "thu_hoi" if rng.random() < 0.01 else "hieu_luc"
            yield (
                rtype,
                name,
                unit_id,
                None,
                None,
                form_id,
                "",
                issuer_id,
                None,
                f"{rng.randint(1, 999)}/QĐ",
                date(year, 6, 1).isoformat(),
                year,
                "",
                kind,
                level,
                key,
                status,
                "",
                None,
                now,
            )

    import sqlite3

    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    indexes = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='award' "
        "AND sql IS NOT NULL"
    ).fetchall()
    for name, _sql in indexes:  # load first, index after: much faster
        connection.execute(f"DROP INDEX {name}")
    started = time.perf_counter()
    with connection:
        connection.executemany(sql, rows_iter())
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    with connection:
        for _name, index_sql in indexes:
            connection.execute(index_sql)
        connection.execute("ANALYZE")
    indexed = time.perf_counter() - started
    connection.close()
    engine = make_engine(f"sqlite:///{db_path}")
    started = time.perf_counter()
    with session_scope(engine) as session:
        com.refresh_tally(session=session)  # what the importer does for the years it touched
    tallied = time.perf_counter() - started
    with engine.connect() as conn:
        tally_rows = conn.execute(text("SELECT count(*) FROM award_tally")).scalar_one()
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    print(
        f"Nạp {rows:,} bản ghi: {loaded:.1f} s; tạo chỉ mục + ANALYZE: {indexed:.1f} s; "
        f"bảng tổng hợp award_tally ({tally_rows:,} dòng, mọi năm): {tallied:.1f} s"
    )


def timed(fn, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.9 * (len(samples) - 1))]


def measure(db_path: Path, runs: int) -> float:
    engine = make_engine(f"sqlite:///{db_path}")
    with session_scope(engine) as session:
        total = session.execute(text("SELECT count(*) FROM award")).scalar_one()
        print(f"Cơ sở dữ liệu: {db_path} ({total:,} bản ghi)")
        whole = com.AwardFilter()
        period = com.AwardFilter(year_from=2016, year_to=2021)
        unit = session.execute(
            text("SELECT id FROM unit WHERE parent_id IS NOT NULL LIMIT 1")
        ).scalar_one()
        one_unit = com.AwardFilter(year_from=2016, year_to=2021, unit_id=unit)
        cases = {
            "Năm × khối cấp khen, mọi năm (biểu đồ năm)": lambda: stats.by_year(
                session=session, actor=SYSTEM, flt=whole, series=stats.Series.LEVEL
            ),
            "  (cùng truy vấn, đếm thẳng trên bảng award)": lambda: stats.by_year(
                session=session, actor=SYSTEM, flt=whole, series=stats.Series.LEVEL, use_tally=False
            ),
            "Năm × khối cấp khen, 2016–2021": lambda: stats.by_year(
                session=session, actor=SYSTEM, flt=period, series=stats.Series.LEVEL
            ),
            "Năm × khối, đếm đối tượng không trùng, 2016–2021": lambda: stats.by_year(
                session=session,
                actor=SYSTEM,
                flt=period,
                series=stats.Series.LEVEL,
                measure=stats.Measure.RECIPIENTS,
            ),
            "Năm × hình thức, mọi năm": lambda: stats.by_year(
                session=session, actor=SYSTEM, flt=whole, series=stats.Series.FORM
            ),
            "Năm × tập thể/cá nhân, mọi năm": lambda: stats.by_year(
                session=session, actor=SYSTEM, flt=whole, series=stats.Series.RECIPIENT
            ),
            "Theo đơn vị (61 cột), 2016–2021": lambda: stats.by_unit(
                session=session, actor=SYSTEM, flt=period
            ),
            "Năm × khối, một đơn vị, 2016–2021": lambda: stats.by_year(
                session=session, actor=SYSTEM, flt=one_unit, series=stats.Series.LEVEL
            ),
            "Xu hướng, mọi năm": lambda: stats.trend(session=session, actor=SYSTEM, flt=whole),
            "Thẻ KPI, 2016–2021": lambda: stats.kpis(session=session, actor=SYSTEM, flt=period),
            "Bảng báo cáo, 2016–2021": lambda: stats.report_table(
                session=session, actor=SYSTEM, year_from=2016, year_to=2021
            ),
        }
        year_median = 0.0
        print(f"\n{'Truy vấn':55} {'trung vị':>10} {'p90':>10}")
        for label, fn in cases.items():
            fn()  # warm the page cache
            median, p90 = timed(fn, runs)
            if label.startswith("Năm × khối cấp khen, mọi năm"):
                year_median = median
            print(f"{label:55} {median:8.1f} ms {p90:8.1f} ms")
        plan = session.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT year, issuer_level, count(*) FROM award "
                "WHERE status = 'hieu_luc' AND kind = 'hinh_thuc' GROUP BY year, issuer_level"
            )
        ).all()
        print("\nKế hoạch, đếm thẳng trên award:", " | ".join(str(r[-1]) for r in plan))
        plan = session.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT year, issuer_level, sum(n) FROM award_tally "
                "WHERE kind = 'hinh_thuc' GROUP BY year, issuer_level"
            )
        ).all()
        print("Kế hoạch của biểu đồ năm (award_tally):", " | ".join(str(r[-1]) for r in plan))
    engine.dispose()
    verdict = "ĐẠT" if year_median <= TARGET_MS else "CHƯA ĐẠT"
    print(f"\nBiểu đồ năm: trung vị {year_median:.1f} ms (mục tiêu ≤ {TARGET_MS} ms): {verdict}")
    return year_median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="reuse (or create) this SQLite file instead of a temporary one",
    )
    args = parser.parse_args()
    db_path = args.db or Path(tempfile.mkdtemp(prefix="gs-bench-")) / "awards.db"
    if not db_path.exists():
        build(db_path, args.rows)
    median = measure(db_path, args.runs)
    sys.exit(0 if median <= TARGET_MS else 1)


if __name__ == "__main__":
    main()
