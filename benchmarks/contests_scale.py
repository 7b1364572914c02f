"""Contests at province scale: a real server driven by clients that speak Streamlit's own
websocket protocol (BackMsg / ForwardMsg from `streamlit.proto` on `/_stcore/stream`).

    uv run python benchmarks/contests_scale.py --members 1000 --think 10 --spread 60
    uv run python benchmarks/contests_scale.py --database postgresql --processes 2 --kill

Each simulated member logs in by cookie (a session made with `services.accounts.auth`, as a browser that
logged in earlier), opens "Cuộc thi tìm hiểu", registers ("Đăng ký"), starts ("Bắt đầu làm bài"),
answers every question (radio "A. …") with a jittered think time, moves on ("Câu sau →") and
submits ("Nộp bài", then the dialog's "Nộp bài"). Reported: p50/p95/p99 per kind of interaction,
errors (exception boxes, "database busy", timeouts), server CPU per interaction, threads, memory.

Phases (each bounded by --duration):
1. the target run: --members members, starts spread over --spread seconds, --think s (±50 %);
2. synchronised start (--sync N): N more members press "Bắt đầu làm bài" within 10 s;
3. saturation (--saturation S members, no think time, --saturation-seconds): contest
   interactions per second against a one-button app under the same config, and the ratio;
4. with --kill: one app process gets SIGKILL in the middle of phase 1; its members reconnect
   (through nginx to another process, or to it after it restarts) and resume the same attempt.
Afterwards the database is checked: every answer a client saw acknowledged is stored exactly as
sent, and every attempt is submitted once.

Bounded: every server binds 127.0.0.1 on a free port and is stopped by its pid; every wait has
a timeout; a fresh SQLite file (or a fresh PostgreSQL database) per run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets
from streamlit.proto import BackMsg_pb2, ClientState_pb2, ForwardMsg_pb2

FINAL = {
    ForwardMsg_pb2.ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg_pb2.ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    ForwardMsg_pb2.ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
}
SECRET = "benchmark-secret-key-not-for-production-0123456789"
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
QUESTIONS = 10
RUN_TIMEOUT = 60.0
TRIVIAL_APP = """import streamlit as st
if st.button("Bấm"):
    st.session_state["n"] = st.session_state.get("n", 0) + 1
st.write(st.session_state.get("n", 0))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the database --------------------------------------------------------------------------------


def database_url(kind: str, workdir: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'guongsang.db'}"
    from sqlalchemy import create_engine, text

    name = f"gs_scale_{os.getpid()}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        c.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def drop_database(url: str) -> None:
    if not url.startswith("postgresql"):
        return
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)"))
    admin.dispose()


def prepare(url: str, members: int) -> tuple[int, list[str]]:
    """Schema, units, the question bank, one open contest (self-registration, no extra fields,
    unlimited attempts) and `members` member accounts with a live session each; returns the
    round id and the signed cookies."""
    from sqlmodel import select

    from models.accounts import Role, Unit, User
    from models.contests import Contest, ContestStatus, Round
    from models.db import make_engine, session_scope
    from services.accounts import auth
    from services.database import upgrade_to_head
    from services.demo import units_accounts
    from services.demo.contests import seed_bank

    engine = make_engine(url)
    upgrade_to_head(engine)
    now = datetime.now(UTC)
    with session_scope(engine) as session:
        units_accounts.seed_units(session)
        session.flush()
        cats = seed_bank(session)
        contest = Contest(
            title="Cuộc thi đo tải cấp tỉnh",
            status=ContestStatus.PUBLISHED,
            published_at=now,
            self_registration=True,
            ask_phone_or_email=False,
            ask_cccd=False,
        )
        session.add(contest)
        session.flush()
        per = [
            QUESTIONS // len(cats) + (1 if i < QUESTIONS % len(cats) else 0)
            for i in range(len(cats))
        ]
        rnd = Round(
            contest_id=contest.id,
            name="Tuần thi đo tải",
            opens_at=now - timedelta(hours=1),
            closes_at=now + timedelta(days=1),
            time_limit_minutes=60,
            max_attempts=0,
            quotas={str(c): n for c, n in zip(cats.values(), per, strict=True) if n},
        )
        session.add(rnd)
        session.flush()
        unit_ids = [u.id for u in session.exec(select(Unit).where(Unit.parent_id.is_not(None)))]
        users = [
            User(
                username=f"dotai{n:05d}",
                full_name=f"Người đo tải {n}",
                role=Role.MEMBER,
                unit_id=unit_ids[n % len(unit_ids)],
                password_hash="!",
            )
            for n in range(members)
        ]
        session.add_all(users)
        session.flush()
        cookies = [
            auth.sign_token(SECRET, auth.start_session(session=session, user_id=u.id))
            for u in users
        ]
        round_id = rnd.id
    engine.dispose()
    return round_id, cookies


def integrity(url: str, round_id: int, acked: dict[tuple[int, int], str]) -> tuple[bool, str]:
    """Every acknowledged answer stored as sent; every attempt submitted once."""
    from sqlalchemy import func
    from sqlmodel import select

    from models.contests import Attempt, AttemptItem, AttemptStatus
    from models.db import make_engine, session_scope
    from services.contests.attempts import LETTERS

    engine = make_engine(url)
    with session_scope(engine) as session:
        attempts = session.exec(select(Attempt).where(Attempt.round_id == round_id)).all()
        items = {
            (i.attempt_id, i.position): i
            for i in session.exec(
                select(AttemptItem)
                .join(Attempt, Attempt.id == AttemptItem.attempt_id)
                .where(Attempt.round_id == round_id)
            )
        }
        stored_answers = session.exec(
            select(func.count())
            .select_from(AttemptItem)
            .join(Attempt, Attempt.id == AttemptItem.attempt_id)
            .where(Attempt.round_id == round_id, AttemptItem.answered_at.is_not(None))
        ).one()
    engine.dispose()
    missing = wrong = 0
    for (attempt_id, position), letter in acked.items():
        item = items.get((attempt_id, position))
        if item is None or not item.selected:
            missing += 1
        elif item.selected != [item.option_order[LETTERS.index(letter)]]:
            wrong += 1
    submitted = sum(a.status == AttemptStatus.SUBMITTED for a in attempts)
    twice = sum(a.status == AttemptStatus.SUBMITTED and a.submitted_at is None for a in attempts)
    ok = missing == 0 and wrong == 0 and twice == 0
    return ok, (
        f"{len(attempts)} bài ({submitted} đã nộp, {len(attempts) - submitted} còn mở); "
        f"{len(acked)} câu trả lời đã được xác nhận: thiếu {missing}, sai {wrong}; "
        f"{stored_answers} câu có đáp án trong cơ sở dữ liệu"
    )


# --- servers -------------------------------------------------------------------------------------


@dataclass
class Server:
    script: str
    port: int
    env: dict
    log: Path
    proc: subprocess.Popen | None = None

    def start(self) -> None:
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            self.script,
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
        ]
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"máy chủ cổng {self.port} đã dừng; xem {self.log}")
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=2)
                return
            time.sleep(0.3)
        raise RuntimeError(f"máy chủ cổng {self.port} không sẵn sàng sau {timeout} s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def stats(self) -> tuple[float, int, int]:
        """CPU seconds, threads, resident memory in bytes, from /proc."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            status = Path(f"/proc/{self.proc.pid}/status").read_text()
        except OSError:
            return 0.0, 0, 0
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        threads = int(re.search(r"Threads:\s+(\d+)", status).group(1))
        rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) * 1024
        return cpu, threads, rss


class Fleet:
    """The app processes (and nginx in front when there are several), for one run."""

    def __init__(self, workdir: Path, url: str, processes: int, script: str = "asgi.py"):
        self.workdir = workdir
        self.env = {
            **os.environ,
            "DATABASE_URL": url,
            "DEMO_MODE": "0",
            "SECRET_KEY": SECRET,
            "DATA_DIR": str(workdir),
            "MEDIA_DIR": str(workdir / "media"),
        }
        self.servers = [
            Server(script, free_port(), self.env, workdir / f"app{i}.log") for i in range(processes)
        ]
        self.nginx: subprocess.Popen | None = None
        self.port = self.servers[0].port
        self.cpu_seen = [0.0] * processes  # CPU of processes that were killed, kept
        self.peak_threads = 0

    def start(self) -> None:
        for s in self.servers:
            s.start()
        for s in self.servers:
            s.wait_ready()
        if len(self.servers) > 1:
            from deploy.nginx import write_config

            self.port = free_port()
            conf = write_config(
                self.workdir / "nginx",
                self.port,
                [s.port for s in self.servers],
                self.env["MEDIA_DIR"],
            )
            self.nginx = subprocess.Popen(
                ["nginx", "-c", str(conf), "-p", str(conf.parent), "-g", "daemon off;"],
                stdout=subprocess.DEVNULL,
                stderr=(self.workdir / "nginx.log").open("ab"),
                start_new_session=True,
            )
            deadline = time.time() + 20
            while True:
                try:
                    urllib.request.urlopen(
                        f"http://127.0.0.1:{self.port}/_stcore/health", timeout=2
                    )
                    break
                except OSError:
                    if time.time() > deadline:
                        raise
                    time.sleep(0.2)

    def stop(self) -> None:
        if self.nginx and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.nginx.wait(10)
        for s in self.servers:
            s.stop()

    def sample(self) -> tuple[float, int, int]:
        cpu = threads = rss = 0
        for i, s in enumerate(self.servers):
            c, t, r = s.stats()
            cpu += c + self.cpu_seen[i]
            threads += t
            rss += r
        self.peak_threads = max(self.peak_threads, threads)
        return cpu, threads, rss

    def kill(self, index: int) -> None:
        s = self.servers[index]
        self.cpu_seen[index] += s.stats()[0]
        s.proc.send_signal(signal.SIGKILL)
        s.proc.wait()


# --- the protocol client -------------------------------------------------------------------------


class RunError(Exception):
    pass


@dataclass
class Element:
    kind: str
    proto: object
    fragment_id: str
    root: int


@dataclass
class Client:
    port: int
    cookie: str
    page: str = "contests_take"
    ws: object = None
    query: str = ""
    page_hash: str = ""
    elements: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)

    async def connect(self) -> None:
        self.ws = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream",
            subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"],
            additional_headers={"Cookie": f"gs_session={self.cookie}"},
            max_size=None,
            open_timeout=30,
            ping_interval=None,
        )
        self.elements.clear()

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()

    def _state(self, fragment_id: str = "") -> ClientState_pb2.ClientState:
        state = ClientState_pb2.ClientState(query_string=self.query, fragment_id=fragment_id)
        if self.page_hash:
            state.page_script_hash = self.page_hash
        else:
            state.page_name = self.page
        state.context_info.timezone = "Asia/Ho_Chi_Minh"
        state.context_info.timezone_offset = -420
        state.context_info.locale = "vi-VN"
        return state

    async def open(self) -> None:
        await self.rerun(self._state())

    async def click(self, button: Element) -> None:
        state = self._state(button.fragment_id)
        w = state.widget_states.widgets.add()
        w.id = button.proto.id
        w.trigger_value = True
        await self.rerun(state)

    async def choose(self, radio: Element, label: str) -> None:
        state = self._state(radio.fragment_id)
        w = state.widget_states.widgets.add()
        w.id = radio.proto.id
        w.string_value = label
        await self.rerun(state)

    async def tick(self, box: Element) -> None:
        state = self._state(box.fragment_id)
        w = state.widget_states.widgets.add()
        w.id = box.proto.id
        w.bool_value = True
        await self.rerun(state)

    async def rerun(self, state) -> None:
        """Send one rerun and read until its final status (through st.rerun() restarts)."""
        msg = BackMsg_pb2.BackMsg()
        msg.rerun_script.CopyFrom(state)
        self.errors.clear()
        await self.ws.send(msg.SerializeToString())
        seen: set = set()
        async with asyncio.timeout(RUN_TIMEOUT):
            while True:
                raw = await self.ws.recv()
                fm = ForwardMsg_pb2.ForwardMsg()
                fm.ParseFromString(raw)
                kind = fm.WhichOneof("type")
                if kind == "new_session":
                    seen = set()
                elif kind == "navigation":
                    self.page_hash = fm.navigation.page_script_hash
                elif kind == "page_info_changed":
                    self.query = fm.page_info_changed.query_string
                elif kind == "delta":
                    self._delta(fm, seen)
                elif kind == "script_finished":
                    status = fm.script_finished
                    if status == ForwardMsg_pb2.ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        continue
                    self._prune(
                        seen,
                        state.fragment_id
                        if status == ForwardMsg_pb2.ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
                        else None,
                    )
                    return

    def _delta(self, fm, seen: set) -> None:
        path = tuple(fm.metadata.delta_path)
        seen.add(path)
        delta = fm.delta
        if delta.WhichOneof("type") == "new_element":
            el = delta.new_element
            kind = el.WhichOneof("type")
            self.elements[path] = Element(kind, getattr(el, kind), delta.fragment_id, path[0])
            if kind == "exception":
                self.errors.append(f"exception: {el.exception.message[:200]}")
            elif kind == "alert" and el.alert.format == el.alert.ERROR:
                self.errors.append(el.alert.body[:200])
        else:
            self.elements.setdefault(path, Element("block", None, delta.fragment_id, path[0]))

    def _prune(self, seen: set, fragment_id: str | None) -> None:
        for path in list(self.elements):
            if path in seen:
                continue
            if fragment_id is None or self.elements[path].fragment_id == fragment_id:
                del self.elements[path]

    def find(
        self, kind: str, label: str | None = None, root: int | None = None, prefix: bool = False
    ) -> Element | None:
        for el in self.elements.values():
            if el.kind != kind or (root is not None and el.root != root):
                continue
            if (
                label is None
                or el.proto.label == label
                or (prefix and el.proto.label.startswith(label))
            ):
                return el
        return None

    def texts(self) -> str:
        return " ".join(
            e.proto.body for e in self.elements.values() if e.kind in ("markdown", "alert")
        )


# --- one member ----------------------------------------------------------------------------------


@dataclass
class Stats:
    timings: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    acked: dict = field(default_factory=dict)  # (attempt id, position) -> letter
    refused: int = 0
    dropped: list = field(default_factory=list)  # connections lost (a killed process)
    reconnects: int = 0
    completed: int = 0
    interactions: int = 0

    def record(self, kind: str, seconds: float) -> None:
        self.timings.setdefault(kind, []).append(seconds)
        self.interactions += 1


class Member:
    def __init__(self, ports, cookie: str, stats: Stats, think: float, rng: random.Random):
        self.ports = ports  # a callable returning the port to (re)connect to
        self.client = Client(ports(), cookie)
        self.stats = stats
        self.think = think
        self.rng = rng

    async def pause(self) -> None:
        if self.think:
            await asyncio.sleep(self.think * self.rng.uniform(0.5, 1.5))

    async def act(self, kind: str, action) -> None:
        """One interaction, timed; a dropped connection reconnects (a reload of the page at the
        same address) and the caller looks at the page again."""
        began = time.perf_counter()
        try:
            await action()
        except (websockets.ConnectionClosed, OSError) as exc:
            self.stats.dropped.append(f"{kind}: {type(exc).__name__}")
            await self.reconnect()
            raise RunError("reconnected") from exc
        except TimeoutError as exc:
            self.stats.errors.append(f"{kind}: không có trả lời sau {RUN_TIMEOUT:.0f} s")
            await self.reconnect()
            raise RunError("reconnected") from exc
        self.stats.record(kind, time.perf_counter() - began)
        for err in self.client.errors:
            self.stats.errors.append(f"{kind}: {err}")

    async def reconnect(self) -> None:
        await self.client.close()
        for attempt in range(60):
            try:
                self.client.port = self.ports()
                await self.client.connect()
                await self.client.open()
                self.stats.reconnects += 1
                return
            except (websockets.ConnectionClosed, OSError, TimeoutError, websockets.InvalidStatus):
                await asyncio.sleep(min(5.0, 0.5 * (attempt + 1)))
        raise RunError("could not reconnect")

    async def connect(self) -> None:
        began = time.perf_counter()
        await self.client.connect()
        await self.client.open()
        self.stats.record("mở trang", time.perf_counter() - began)

    async def attempt_flow(self, *, sync_start: asyncio.Event | None = None) -> None:
        """Register if needed, start, answer every question, submit; resumes after a
        reconnect from whatever the page shows."""
        c = self.client
        for _step in range(200):
            try:
                confirm = c.find("button", "Nộp bài", root=2)
                if confirm is not None:
                    await self.act("nộp bài", lambda b=confirm: c.click(b))
                    if "nộp bài thành công" in c.texts() or c.find("metric"):
                        self.stats.completed += 1
                        return
                    continue
                radio = c.find("radio") or c.find("checkbox", "", prefix=True)
                if radio is not None:
                    await self.answer_and_move(radio)
                    continue
                register = c.find("button", "Đăng ký")
                if register is not None:
                    await self.pause()
                    await self.act("đăng ký", lambda b=register: c.click(b))
                    continue
                start = c.find("button", "Bắt đầu làm bài") or c.find(
                    "button", "Làm tiếp bài đang thi"
                )
                if start is not None:
                    if sync_start is not None:
                        await sync_start.wait()
                        sync_start = None
                    else:
                        await self.pause()
                    await self.act("bắt đầu", lambda b=start: c.click(b))
                    continue
                back = c.find("button", "← Về danh sách cuộc thi")
                if back is not None:  # a result page: this attempt is done
                    self.stats.completed += 1
                    return
                self.stats.errors.append(
                    "trang không có nút nào để bấm: "
                    + c.texts()[:120]
                    + " "
                    + str(sorted({e.kind for e in c.elements.values()}))
                )
                await self.reconnect()
            except RunError:
                continue
        self.stats.errors.append("quá nhiều bước")

    def saved_shown(self, position: int, label: str) -> bool:
        """The page's own acknowledgement of the click ("Đã lưu câu N: B …"): the run that
        stores a click draws the widget with the value the browser sent (its `default` is the
        value stored before), so the caption is what says the server stored it. An empty label:
        any stored answer of that question."""
        letter = label.split(".", 1)[0]
        wanted = rf"Đã lưu câu {position}: " + (
            rf"(?:[^.]*, )?{re.escape(letter)}\b" if letter else ""
        )
        return any(
            e.kind == "markdown" and re.search(wanted, e.proto.body)
            for e in self.client.elements.values()
        )

    async def answer_and_move(self, radio: Element) -> None:
        """A one-answer question is a radio ("A. …"), a several-answer one a checkbox per
        option; either way one option is chosen, and the answer counts as acknowledged only when
        the page shows it chosen again after the server stored it."""
        c = self.client
        attempt_id = int(re.search(r"bai=(\d+)", c.query).group(1))
        if radio.kind == "radio":
            position = int(radio.proto.id.rsplit("_", 1)[1])
            answered = radio.proto.HasField("default")
        else:
            boxes = [e for e in c.elements.values() if e.kind == "checkbox"]
            position = int(radio.proto.id.rsplit("_", 2)[1])
            answered = any(b.proto.default for b in boxes)
        answered = answered or self.saved_shown(position, "")
        if not answered:
            await self.pause()
            if radio.kind == "radio":
                label = self.rng.choice(list(radio.proto.options))
                await self.act("chọn đáp án", lambda: c.choose(radio, label))
                shown = c.find("radio")
                ok = (
                    shown is not None
                    and shown.proto.id == radio.proto.id
                    and shown.proto.HasField("default")
                    and shown.proto.options[shown.proto.default] == label
                ) or self.saved_shown(position, label)
            else:
                box = self.rng.choice(boxes)
                label = box.proto.label
                await self.act("chọn đáp án", lambda: c.tick(box))
                ok = any(
                    e.kind == "checkbox" and e.proto.id == box.proto.id and e.proto.default
                    for e in c.elements.values()
                ) or self.saved_shown(position, label)
            if ok:
                self.stats.acked[(attempt_id, position)] = label.split(".", 1)[0]
            else:
                self.stats.refused += 1
            return
        nxt = c.find("button", "Câu sau →")
        if nxt is not None and not nxt.proto.disabled:
            await self.pause()
            await self.act("câu sau", lambda: c.click(nxt))
            return
        submit = c.find("button", "Nộp bài", root=0)
        if submit is None:
            raise RunError("no submit button")
        await self.pause()
        await self.act("mở hộp nộp bài", lambda: c.click(submit))


# --- phases --------------------------------------------------------------------------------------


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def report(title: str, stats: Stats, wall: float, cpu: float, extra: str = "") -> dict:
    print(f"\n== {title} ({wall:.0f} s){extra}")
    worst = 0.0
    for kind, samples in stats.timings.items():
        p95 = pct(samples, 0.95)
        worst = max(worst, p95)
        print(
            f"  {kind:<16} {len(samples):>6} × · p50 {statistics.median(samples) * 1000:7.0f} ms"
            f" · p95 {p95 * 1000:7.0f} ms · p99 {pct(samples, 0.99) * 1000:7.0f} ms"
            f" · max {max(samples) * 1000:7.0f} ms"
        )
    rate = stats.interactions / wall if wall else 0
    per = cpu / stats.interactions * 1000 if stats.interactions else 0
    print(
        f"  {stats.interactions} lượt tương tác = {rate:.1f}/s · CPU máy chủ {cpu:.1f} s "
        f"({per:.1f} ms mỗi lượt) · hoàn thành {stats.completed} bài · kết nối lại "
        f"{stats.reconnects} · câu bị từ chối (hiện rõ) {stats.refused}"
    )
    print(
        f"  lỗi hiện cho người dùng hoặc hết giờ chờ: {len(stats.errors)}"
        + (f" — ví dụ: {stats.errors[:3]}" if stats.errors else "")
    )
    if stats.dropped:
        print(f"  kết nối bị mất (tiến trình bị giết) rồi nối lại: {len(stats.dropped)}")
    return {"rate": rate, "worst_p95": worst, "errors": len(stats.errors), "cpu_ms": per}


async def sampler(fleet: Fleet, samples: list, stop: asyncio.Event) -> None:
    while not stop.is_set():
        samples.append(fleet.sample())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 1.0)


async def target_run(fleet: Fleet, cookies: list[str], args, stats: Stats, port_for) -> dict:
    members = [
        Member(port_for(i), cookies[i], stats, args.think, random.Random(i))
        for i in range(len(cookies))
    ]
    samples: list = []
    stop = asyncio.Event()
    watch = asyncio.create_task(sampler(fleet, samples, stop))
    base_rss = fleet.sample()[2]
    connected = asyncio.Event()
    rss_connected: list[int] = []

    soak_end = time.perf_counter() + args.soak if args.soak else 0.0

    async def one(i: int, m: Member) -> None:
        await asyncio.sleep(args.spread * i / max(1, len(members)))
        try:
            await m.connect()
            await m.attempt_flow()
            # --soak: one attempt after another until the time is up (the round has no limit)
            while time.perf_counter() < soak_end:
                back = m.client.find("button", "← Về danh sách cuộc thi")
                if back is not None:
                    await m.pause()
                    await m.act("về danh sách", lambda b=back: m.client.click(b))
                await m.attempt_flow()
        except Exception as exc:
            stats.errors.append(f"{type(exc).__name__}: {exc}"[:200])
        finally:
            if i == len(members) - 1:
                connected.set()

    async def measure_connected() -> None:
        await connected.wait()
        rss_connected.append(fleet.sample()[2])

    async def killer() -> None:
        if not args.kill:
            return
        await asyncio.sleep(args.spread * 0.6 + args.think * 3)
        victim = 0
        print(
            f"  SIGKILL tiến trình cổng {fleet.servers[victim].port} "
            f"(pid {fleet.servers[victim].proc.pid})",
            flush=True,
        )
        fleet.kill(victim)
        await asyncio.sleep(3)
        fleet.servers[victim].start()
        await asyncio.to_thread(fleet.servers[victim].wait_ready)
        print("  tiến trình đã chạy lại", flush=True)

    cpu0 = fleet.sample()[0]
    began = time.perf_counter()
    tasks = [asyncio.create_task(one(i, m)) for i, m in enumerate(members)]
    side = [asyncio.create_task(measure_connected()), asyncio.create_task(killer())]
    limit = max(args.duration, args.soak + 600) if args.soak else args.duration
    _done, pending = await asyncio.wait(tasks, timeout=limit)
    for t in pending:
        t.cancel()
    if pending:
        stats.errors.append(f"{len(pending)} thành viên chưa xong khi hết --duration")
    await asyncio.gather(*side, return_exceptions=True)
    wall = time.perf_counter() - began
    cpu1 = fleet.sample()[0]
    stop.set()
    await watch
    peak_rss = max(s[2] for s in samples) if samples else 0
    if args.soak and len(samples) >= 600:
        result_soak = soak_memory(samples)
    if len(samples) >= 4:
        quarters = [samples[len(samples) * q // 4 - 1][2] / 2**20 for q in (1, 2, 3, 4)]
        print(
            "  RSS theo từng phần tư thời gian chạy: "
            + " → ".join(f"{mb:.0f} MB" for mb in quarters),
            flush=True,
        )
    mean_cpu = (cpu1 - cpu0) / wall
    extra = (
        f" · CPU trung bình {mean_cpu * 100:.0f} % một lõi · tối đa {fleet.peak_threads} "
        f"luồng · RSS {base_rss / 2**20:.0f} → đỉnh {peak_rss / 2**20:.0f} MB"
    )
    result = report(
        f"{len(members)} thành viên, nghĩ {args.think} s, bắt đầu rải trong {args.spread} s",
        stats,
        wall,
        cpu1 - cpu0,
        extra,
    )
    if peak_rss and members:
        result["mem_per_member_kb"] = (peak_rss - base_rss) / len(members) / 1024
        print(
            f"  bộ nhớ mỗi thành viên đang kết nối: ~{result['mem_per_member_kb']:.0f} KB "
            "(đỉnh RSS trừ RSS lúc chưa có ai, chia số thành viên)"
        )
    if args.soak and len(samples) >= 600:
        result.update(result_soak)
    for m in members:
        await m.client.close()
    return result


def soak_memory(samples: list) -> dict:
    """RSS over a soak: the peak of each 5-minute window, and whether the last third of the run
    peaks above the middle third by more than 5 % (growth) or not (bounded). Peaks, not a slope:
    the garbage collector and the allocator make RSS move in steps."""
    window = 300  # the sampler takes one sample a second
    peaks = [
        max(s[2] for s in samples[i : i + window]) / 2**20 for i in range(0, len(samples), window)
    ]
    third = len(samples) // 3
    middle = max(s[2] for s in samples[third : 2 * third]) / 2**20
    last = max(s[2] for s in samples[2 * third :]) / 2**20
    print(
        "  RSS, đỉnh mỗi 5 phút: " + " → ".join(f"{mb:.0f}" for mb in peaks) + " MB"
        f" · đỉnh 1/3 giữa {middle:.0f} MB, 1/3 cuối {last:.0f} MB",
        flush=True,
    )
    return {"soak_bounded": last <= middle * 1.05, "soak_middle": middle, "soak_last": last}


async def sync_start(fleet: Fleet, cookies: list[str], args, port_for) -> dict:
    """N members open the page and register beforehand; then all press "Bắt đầu làm bài"
    within 10 s."""
    stats = Stats()
    members = [
        Member(port_for(i), c, stats, 0, random.Random(10_000 + i)) for i, c in enumerate(cookies)
    ]
    sem = asyncio.Semaphore(50)

    async def ready(m: Member) -> None:
        async with sem:
            await m.connect()
            reg = m.client.find("button", "Đăng ký")
            if reg:
                await m.act("đăng ký", lambda: m.client.click(reg))

    await asyncio.gather(*(ready(m) for m in members), return_exceptions=True)
    stats.timings.clear()
    stats.interactions = 0
    cpu0 = fleet.sample()[0]
    began = time.perf_counter()

    async def press(i: int, m: Member) -> None:
        await asyncio.sleep(10 * i / len(members))
        start = m.client.find("button", "Bắt đầu làm bài")
        if start is None:
            stats.errors.append("không thấy nút Bắt đầu làm bài")
            return
        await m.act("bắt đầu", lambda: m.client.click(start))
        if m.client.find("radio") is not None or m.client.find("checkbox") is not None:
            stats.completed += 1  # the first question is on screen: this member has started

    spy, out = start_profile(fleet, 30, "Bắt đầu đồng loạt")
    tasks = [asyncio.create_task(press(i, m)) for i, m in enumerate(members)]
    _done, pending = await asyncio.wait(tasks, timeout=args.duration)
    for t in pending:
        t.cancel()
    if spy is not None:
        await asyncio.to_thread(spy.wait, 60)
        print(f"  hồ sơ py-spy (dạng gộp): {out}")
    wall = time.perf_counter() - began
    busy = sum("bận" in e for e in stats.errors)
    result = report(
        f"Bắt đầu đồng loạt: {len(members)} thành viên trong 10 s",
        stats,
        wall,
        fleet.sample()[0] - cpu0,
        f" · thông báo “hệ thống đang bận”: {busy}",
    )
    result["started"] = stats.completed
    for m in members:
        await m.client.close()
    return result


def start_profile(fleet: Fleet, seconds: float, label: str):
    """--profile: py-spy records the first app process for `seconds` (GIL holder only)."""
    if not PROFILE:
        return None, None
    out = Path(PROFILE).with_suffix(f".{label.split(':')[0].replace(' ', '_')}.txt")
    spy = subprocess.Popen(
        [
            "py-spy",
            "record",
            "-p",
            str(fleet.servers[0].proc.pid),
            "-d",
            str(int(seconds)),
            "-r",
            "50",
            "-f",
            "raw",
            "-o",
            str(out),
            "--nonblocking",
            "--gil",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return spy, out


async def saturate(port: int, make_member, seconds: float, fleet: Fleet, label: str) -> dict:
    stats = Stats()
    stop_at = time.perf_counter() + seconds
    cpu0 = fleet.sample()[0]
    began = time.perf_counter()

    async def loop(m) -> None:
        try:
            await m.connect()
            while time.perf_counter() < stop_at:
                await m.step()
        except Exception as exc:
            stats.errors.append(f"{type(exc).__name__}: {exc}"[:200])
        finally:
            await m.client.close()

    members = [make_member(i, stats) for i in range(SATURATION_CLIENTS)]
    spy, out = start_profile(fleet, seconds, label)
    await asyncio.gather(*(loop(m) for m in members))
    if spy is not None:
        await asyncio.to_thread(spy.wait, 60)
        print(f"  hồ sơ py-spy (dạng gộp): {out}")
    wall = time.perf_counter() - began
    ALL_ACKED.update(stats.acked)
    return report(label, stats, wall, fleet.sample()[0] - cpu0)


SATURATION_CLIENTS = 20
PROFILE = ""  # --profile: py-spy records the first process during each saturation
ALL_ACKED: dict = {}  # acknowledged answers of every phase, for the integrity check


class ContestLooper(Member):
    """No think time; each pass registers (first time), starts, answers, moves, submits."""

    async def step(self) -> None:
        back = self.client.find("button", "← Về danh sách cuộc thi")
        if back is not None:
            await self.act("về danh sách", lambda: self.client.click(back))
        await self.attempt_flow()


class TrivialClicker(Member):
    async def step(self) -> None:
        button = self.client.find("button", "Bấm")
        await self.act("bấm (ứng dụng một nút)", lambda: self.client.click(button))


# --- main ----------------------------------------------------------------------------------------


async def run(args) -> int:
    global SATURATION_CLIENTS, PROFILE
    SATURATION_CLIENTS = args.saturation
    PROFILE = args.profile
    workdir = Path(tempfile.mkdtemp(prefix="gs-scale-"))
    (workdir / "media").mkdir()
    url = database_url(args.database, workdir)
    total = args.members + args.sync + args.saturation
    print(
        f"Chuẩn bị {args.database}: {total} tài khoản, 1 cuộc thi, {QUESTIONS} câu/bài · "
        f"{args.processes} tiến trình · máy: {os.cpu_count()} lõi, tải trung bình "
        f"{os.getloadavg()[0]:.1f}",
        flush=True,
    )
    round_id, cookies = await asyncio.to_thread(prepare, url, total)
    fleet = Fleet(workdir, url, args.processes)
    verdicts: list[tuple[str, bool]] = []
    exit_code = 0
    try:
        await asyncio.to_thread(fleet.start)
        port = fleet.port

        def port_for(_i: int):
            return lambda: fleet.port

        stats = Stats()
        if args.members:
            main = await target_run(fleet, cookies[: args.members], args, stats, port_for)
            verdicts += [
                (
                    f"p95 mọi tương tác ≤ 300 ms (đo: {main['worst_p95'] * 1000:.0f} ms)",
                    main["worst_p95"] <= 0.3,
                ),
                (f"0 lỗi (đo: {main['errors']})", main["errors"] == 0),
            ]
            if "soak_bounded" in main:
                verdicts.append(
                    (
                        f"bộ nhớ có giới hạn trong {args.soak / 60:.0f} phút (đỉnh 1/3 cuối "
                        f"{main['soak_last']:.0f} MB so với 1/3 giữa {main['soak_middle']:.0f} MB)",
                        main["soak_bounded"],
                    )
                )
        if args.sync:
            sync = await sync_start(
                fleet, cookies[args.members : args.members + args.sync], args, port_for
            )
            text = (
                f"bắt đầu đồng loạt: {sync['started']}/{args.sync} bắt đầu, p95 ≤ 2 s "
                f"(đo: {sync['worst_p95']:.1f} s), không “bận”"
            )
            verdicts.append(
                (
                    text,
                    sync["started"] == args.sync and sync["worst_p95"] <= 2 and sync["errors"] == 0,
                )
            )
        if args.saturation and args.saturation_seconds:
            sat_cookies = cookies[args.members + args.sync :]
            contest = await saturate(
                port,
                lambda i, st: ContestLooper(
                    port_for(i), sat_cookies[i], st, 0, random.Random(20_000 + i)
                ),
                args.saturation_seconds,
                fleet,
                f"Bão hòa: {args.saturation} thành viên không nghỉ",
            )
            trivial_rate = await trivial(workdir, args, fleet.env)
            ratio = contest["rate"] / trivial_rate if trivial_rate else 0
            print(f"  tỉ lệ cuộc thi / ứng dụng một nút (một tiến trình của nó): {ratio:.2f}")
            verdicts.append((f"bão hòa ≥ 0,5 × ứng dụng một nút (đo: {ratio:.2f})", ratio >= 0.5))
        ok, text = await asyncio.to_thread(integrity, url, round_id, {**ALL_ACKED, **stats.acked})
        print(f"\nToàn vẹn: {text}")
        verdicts.append(("không mất câu trả lời nào đã xác nhận", ok))
    finally:
        await asyncio.to_thread(fleet.stop)
        await asyncio.to_thread(drop_database, url)
    print(f"\nTải trung bình của máy lúc kết thúc: {os.getloadavg()[0]:.1f} (2 lõi, dùng chung)")
    for text, ok in verdicts:
        print(f"  [{'ĐẠT' if ok else 'CHƯA ĐẠT'}] {text}")
        exit_code |= not ok
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return exit_code


async def trivial(workdir: Path, args, env: dict) -> float:
    """The one-button app, one process, same config, same client, same number of clients."""
    (workdir / "trivial_app.py").write_text(TRIVIAL_APP)
    script = workdir / "trivial_asgi.py"  # the same server fixes as asgi.py, nothing else
    script.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from ui.server_tuning import tune_server\ntune_server()\n"
        "import streamlit as st\n"
        f"app = st.App({str(workdir / 'trivial_app.py')!r})\n"
    )
    fleet = Fleet(workdir, env["DATABASE_URL"], 1, script=str(script))
    try:
        await asyncio.to_thread(fleet.start)
        result = await saturate(
            fleet.port,
            lambda i, st: TrivialClicker(lambda: fleet.port, "x", st, 0, random.Random(i)),
            args.saturation_seconds,
            fleet,
            f"Ứng dụng một nút: {args.saturation} máy khách không nghỉ",
        )
    finally:
        await asyncio.to_thread(fleet.stop)
    return result["rate"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--think", type=float, default=10.0, help="giây nghĩ (±50 %%)")
    parser.add_argument("--spread", type=float, default=60.0, help="rải lượt bắt đầu (giây)")
    parser.add_argument("--duration", type=float, default=900.0, help="giới hạn mỗi pha (giây)")
    parser.add_argument("--sync", type=int, default=0, help="số người bấm Bắt đầu trong 10 s")
    parser.add_argument(
        "--soak", type=float, default=0.0, help="chạy liên tục (giây): hết bài lại thi tiếp"
    )
    parser.add_argument("--saturation", type=int, default=20, help="số máy khách không nghỉ")
    parser.add_argument("--saturation-seconds", type=float, default=30.0)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--kill", action="store_true", help="SIGKILL một tiến trình giữa chừng")
    parser.add_argument("--profile", default="", help="tệp py-spy (cần py-spy trên PATH)")
    parser.add_argument("--keep", action="store_true", help="giữ thư mục tạm (nhật ký)")
    sys.exit(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
