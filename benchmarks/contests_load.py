"""Load benchmark of the contests engine: N simulated members start an attempt, answer every
question one click at a time, and submit, against the service layer on SQLite (one session per
operation, as the pages do), from a few worker threads.

    uv run python benchmarks/contests_load.py [--members 1000] [--threads 4] [--db PATH]

It prints per-operation latency (p50/p95/max, ms) and throughput per phase, the cost of one
answer click (the per-click path: one UPDATE to lock the attempt, one SELECT, one UPDATE) next to
a full attempt load (done once per attempt or reload), and checks integrity at the end: one
attempt per member, every answer stored, every attempt submitted once.

Bounded: at most --members × (questions + 2) operations, no sleeping, a fresh database file.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func
from sqlmodel import select

from models.accounts import Role, Unit, User
from models.contests import (
    Attempt,
    AttemptItem,
    AttemptStatus,
    Contest,
    ContestStatus,
    Registration,
    Round,
)
from models.db import make_engine, session_scope
from services.contests import attempts as engine_svc
from services.database import upgrade_to_head
from services.demo import units_accounts
from services.demo.contests import seed_bank


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"p50 {statistics.median(ordered) * 1000:6.2f} ms · p95 {p95 * 1000:6.2f} ms · "
        f"max {ordered[-1] * 1000:7.2f} ms"
    )


def _run(label: str, jobs: list, threads: int, db_engine) -> list[float]:
    """Run each job (a callable taking a session) in its own transaction, in parallel."""
    timings: list[float] = []
    lock = threading.Lock()
    queue = list(jobs)
    errors: list[Exception] = []

    def worker() -> None:
        while True:
            with lock:
                if not queue:
                    return
                job = queue.pop()
            start = time.perf_counter()
            try:
                with session_scope(db_engine) as session:
                    job(session)
            except Exception as exc:
                errors.append(exc)
            elapsed = time.perf_counter() - start
            with lock:
                timings.append(elapsed)

    began = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.perf_counter() - began
    print(
        f"{label:<34} {len(timings):>6} ops in {wall:6.1f} s = {len(timings) / wall:7.1f}/s · "
        f"{_percentiles(timings)}" + (f" · {len(errors)} LỖI: {errors[0]!r}" if errors else "")
    )
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()

    path = args.db or Path(tempfile.mkdtemp(prefix="gs-bench-")) / "contests.db"
    db_engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(db_engine)
    now = datetime.now(UTC)
    print(
        f"SQLite: {path} · {args.members} thành viên · {args.questions} câu/bài · "
        f"{args.threads} luồng"
    )
    with session_scope(db_engine) as session:
        units_accounts.seed_units(session)
        session.flush()
        cats = seed_bank(session)
        contest = Contest(title="Đo tải", status=ContestStatus.PUBLISHED, published_at=now)
        session.add(contest)
        session.flush()
        per = [
            args.questions // len(cats) + (1 if i < args.questions % len(cats) else 0)
            for i in range(len(cats))
        ]
        rnd = Round(
            contest_id=contest.id,
            name="Đợt đo tải",
            opens_at=now - timedelta(hours=1),
            closes_at=now + timedelta(days=1),
            time_limit_minutes=30,
            quotas={str(c): n for c, n in zip(cats.values(), per, strict=True) if n},
            prediction_text="?",
        )
        session.add(rnd)
        session.flush()
        unit_ids = [u.id for u in session.exec(select(Unit))]
        users = []
        for n in range(args.members):
            users.append(
                User(
                    username=f"tai{n:05d}",
                    full_name=f"Người đo tải {n}",
                    role=Role.MEMBER,
                    unit_id=unit_ids[n % len(unit_ids)],
                    password_hash="không-dùng-để-đăng-nhập",
                )
            )
        session.add_all(users)
        session.flush()
        session.add_all(
            [
                Registration(
                    contest_id=contest.id, user_id=u.id, full_name=u.full_name, unit_id=u.unit_id
                )
                for u in users
            ]
        )
        round_id = rnd.id
        user_ids = [u.id for u in users]

    attempts: dict[int, int] = {}

    def start(uid):
        def job(session):
            attempts[uid] = engine_svc.start_attempt(
                session=session, round_id=round_id, user_id=uid, rng=random.Random(uid)
            )

        return job

    _run("1. Bắt đầu bài thi", [start(u) for u in user_ids], args.threads, db_engine)

    view_jobs = []
    for uid in user_ids[: min(200, len(user_ids))]:

        def view(session, uid=uid):
            engine_svc.attempt_view(session=session, attempt_id=attempts[uid], user_id=uid)

        view_jobs.append(view)
    _run("2. Tải cả bài (1 lần/bài, khi tải lại)", view_jobs, args.threads, db_engine)

    clicks = []
    rng = random.Random(7)
    for uid in user_ids:
        for position in range(1, args.questions + 1):
            choice = rng.randrange(2)

            def click(session, uid=uid, position=position, choice=choice):
                engine_svc.save_answer(
                    session=session,
                    attempt_id=attempts[uid],
                    user_id=uid,
                    position=position,
                    selected=[choice],
                )

            clicks.append(click)
    rng.shuffle(clicks)
    click_times = _run("3. Một lần bấm chọn đáp án", clicks, args.threads, db_engine)

    def sweep(session):
        engine_svc.close_overdue_attempts(session=session)

    _run("4. Quét bài quá hạn (không có bài nào)", [sweep] * 200, args.threads, db_engine)

    def submit(uid):
        def job(session):
            engine_svc.submit_attempt(session=session, attempt_id=attempts[uid], user_id=uid)

        return job

    submits = [submit(u) for u in user_ids]
    _run("5. Nộp bài (mỗi người bấm 2 lần)", submits + submits, args.threads, db_engine)

    with session_scope(db_engine) as session:
        n_attempts = session.exec(select(func.count()).select_from(Attempt)).one()
        submitted = session.exec(
            select(func.count())
            .select_from(Attempt)
            .where(Attempt.status == AttemptStatus.SUBMITTED)
        ).one()
        answered = session.exec(
            select(func.count())
            .select_from(AttemptItem)
            .where(AttemptItem.answered_at.is_not(None))
        ).one()
    ok = n_attempts == submitted == args.members and answered == args.members * args.questions
    print(
        f"Toàn vẹn: {n_attempts} bài, {submitted} đã nộp, {answered}/"
        f"{args.members * args.questions} câu trả lời được lưu → {'ĐẠT' if ok else 'KHÔNG ĐẠT'}"
    )
    mean_click = statistics.fmean(click_times) * 1000
    print(
        f"Chi phí một lần bấm: trung bình {mean_click:.2f} ms trên máy chủ cơ sở dữ liệu; đồng "
        "hồ đếm ngược chạy trong trình duyệt nên không tốn lượt chạy lại nào (một fragment chạy "
        f"lại mỗi giây sẽ là {args.members} lượt/giây với {args.members} người)."
    )
    db_engine.dispose()
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
