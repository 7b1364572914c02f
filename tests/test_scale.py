"""Province scale: SQLite writers of one process queue on one lock (no "database is locked",
no lost write, a failed transaction never keeps the lock), the overdue sweep runs in one
process of a deployment at a time, and the menu's pages are built once per role."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from models.db import make_engine, session_scope
from services.database import try_sweep_lock


def test_sqlite_writers_of_one_process_queue_instead_of_failing(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    with engine.begin() as c:
        c.execute(text("CREATE TABLE t (who INTEGER, n INTEGER)"))
    errors: list[Exception] = []

    def writer(who: int) -> None:
        for n in range(40):
            try:
                with engine.begin() as c:
                    c.execute(text("SELECT count(*) FROM t")).scalar()
                    c.execute(text("INSERT INTO t VALUES (:w, :n)"), {"w": who, "n": n})
                    time.sleep(0.0005)  # work done while holding the write lock
                    c.execute(text("UPDATE t SET n = n WHERE who = :w"), {"w": who})
            except Exception as exc:
                errors.append(exc)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with engine.connect() as c:
        stored = c.execute(text("SELECT count(*) FROM t")).scalar()
    engine.dispose()
    assert errors == []
    assert stored == 40 * 40


@pytest.mark.parametrize("failure", ["exception", "sql error"])
def test_a_failed_sqlite_transaction_releases_the_write_lock(tmp_path, failure):
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    with engine.begin() as c:
        c.execute(text("CREATE TABLE t (x INTEGER PRIMARY KEY)"))
    with pytest.raises(Exception), session_scope(engine) as session:  # noqa: B017 - either
        session.execute(text("INSERT INTO t VALUES (1)"))
        if failure == "exception":
            raise RuntimeError("mid-way")
        session.execute(text("INSERT INTO t VALUES (1)"))  # duplicate key
    done = threading.Event()

    def other_thread_writes() -> None:
        with engine.begin() as c:
            c.execute(text("INSERT INTO t VALUES (2)"))
        done.set()

    threading.Thread(target=other_thread_writes).start()
    assert done.wait(3), "the write lock stayed taken after a failed transaction"
    engine.dispose()


def test_sqlite_readers_are_not_held_back_by_a_long_writer(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    with engine.begin() as c:
        c.execute(text("CREATE TABLE t (x INTEGER)"))
    writing = threading.Event()
    finish = threading.Event()

    def long_writer() -> None:
        with engine.begin() as c:
            c.execute(text("INSERT INTO t VALUES (1)"))
            writing.set()
            finish.wait(5)

    threading.Thread(target=long_writer).start()
    assert writing.wait(3)
    began = time.perf_counter()
    with engine.connect() as c:  # a login check while someone holds the write lock
        assert c.execute(text("SELECT count(*) FROM t")).scalar() == 0
    assert time.perf_counter() - began < 1
    finish.set()
    engine.dispose()


def test_the_sweep_lock_admits_one_process_at_a_time(database_url):
    """Two engines stand for two processes of one deployment. On PostgreSQL the second is
    refused while the first's sweep transaction is open, and admitted after; on SQLite every
    process sweeps (idempotent, serialised by the write lock)."""
    first, second = make_engine(database_url), make_engine(database_url)
    try:
        with session_scope(first) as a:
            assert try_sweep_lock(a)
            with session_scope(second) as b:
                taken = try_sweep_lock(b)
            if database_url.startswith("postgresql"):
                assert not taken
            else:
                assert taken
        with session_scope(second) as b:
            assert try_sweep_lock(b)
    finally:
        first.dispose()
        second.dispose()


def test_the_menu_is_built_once_per_role_and_never_shared_between_runs():
    from ui import nav

    nav._menu_template.cache_clear()
    try:
        one, two = nav.menu_for("member"), nav.menu_for("member")
    finally:  # built outside a Streamlit run: not for the app tests that follow
        nav._menu_template.cache_clear()
    flat_one = [p for pages in one.values() for p in pages]
    flat_two = [p for pages in two.values() for p in pages]
    assert [p.visibility for p in flat_one] == [p.visibility for p in flat_two]
    assert len(flat_one) == len(nav.PAGES)
    assert not {id(p) for p in flat_one} & {id(p) for p in flat_two}
    assert nav._menu_template.cache_info().misses <= len(nav.ALL) * 4  # role × duties held
    shown = [p.visibility == "visible" for p in flat_one]
    assert shown == [nav.in_menu(spec, "member") for spec in nav.PAGES.values()]


@pytest.mark.parametrize(
    ("env", "size", "overflow", "timeout"),
    [
        ({}, None, None, 30.0),
        ({"DB_POOL_SIZE": "40", "DB_MAX_OVERFLOW": "0", "DB_POOL_TIMEOUT": "5"}, 40, 0, 5.0),
    ],
)
def test_pool_settings_reach_the_engine(tmp_path, env, size, overflow, timeout):
    from services.database import open_database
    from services.settings import load_settings

    settings = load_settings(
        {"DATA_DIR": str(tmp_path), "DEMO_MODE": "0", **env}, secrets_path=tmp_path / "none.toml"
    )
    assert (settings.db_pool_size, settings.db_max_overflow) == (size, overflow)
    engine = open_database(settings)
    try:
        assert engine.pool.size() == (size or 20)
        assert engine.pool._max_overflow == (200 if overflow is None else overflow)
        assert engine.pool._timeout == timeout
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "label",
    [
        "Câu sau →",
        "✓ 3",
        "Đăng ký",
        "🚨 Cảnh báo",
        "⚠️ Lưu ý",
        "🇻🇳 Việt Nam",
        "plain",
        "",
        ":material/check: Đúng",
        "1️⃣ một",
    ],
)
def test_the_emoji_fast_path_gives_streamlits_answer(label):
    from streamlit import string_util
    from streamlit.emojis import EMOJI_EXTRACTION_REGEX

    from ui.server_tuning import enable_emoji_fast_path

    enable_emoji_fast_path()
    match = EMOJI_EXTRACTION_REGEX.search(label) if label else None  # Streamlit's own rule
    expected = (match.group(1), match.group(2)) if match else ("", label)
    assert string_util.extract_leading_emoji(label) == expected
    assert string_util.extract_leading_icon(label)[1] == (
        label.split(" ", 1)[1] if label.startswith(":material") else expected[1]
    )


def test_the_cached_theme_message_follows_the_configuration():
    """Built once per parse: the same message as Streamlit's, and a new parse is followed."""
    from streamlit import config
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime import app_session

    from ui.server_tuning import enable_theme_message_cache

    enable_theme_message_cache()
    cached = app_session._populate_theme_msg

    def theme(populate) -> ForwardMsg:
        msg = ForwardMsg()
        populate(msg.new_session.custom_theme)
        populate(msg.new_session.custom_theme.sidebar, "theme.sidebar")
        return msg

    try:
        for primary, sidebar in [("#b3001b", "#f6efe2"), ("#123456", "#abcdef")]:
            config.get_config_options(force_reparse=True)
            config._set_option("theme.primaryColor", primary, "test")
            config._set_option("theme.sidebar.backgroundColor", sidebar, "test")
            expected = theme(cached.__wrapped__)
            assert expected.new_session.custom_theme.primary_color == primary
            assert expected.new_session.custom_theme.sidebar.background_color == sidebar
            assert theme(cached) == expected
            assert theme(cached) == expected  # the second run copies from the cache
    finally:
        config.get_config_options(force_reparse=True)


def test_accepted_connections_get_tcp_nodelay():
    """A real socket bound as Streamlit binds it (protocol 0), accepted, and handed to
    uvicorn's HTTP protocol through asyncio, as the server does."""
    import asyncio
    import socket

    import uvicorn
    from uvicorn.protocols.http.h11_impl import H11Protocol
    from uvicorn.server import ServerState

    from ui.server_tuning import enable_tcp_nodelay

    enable_tcp_nodelay()

    async def app(scope, receive, send):  # pragma: no cover - never called
        pass

    async def main() -> int:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        client = socket.create_connection(listener.getsockname())
        accepted, _ = listener.accept()
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
        config = uvicorn.Config(app)
        config.load()
        loop = asyncio.get_running_loop()
        transport, _protocol = await loop.connect_accepted_socket(
            lambda: H11Protocol(config=config, server_state=ServerState(), app_state={}), accepted
        )
        value = transport.get_extra_info("socket").getsockopt(
            socket.IPPROTO_TCP, socket.TCP_NODELAY
        )
        transport.close()
        client.close()
        listener.close()
        return value

    # A thread of its own: a browser test earlier in the run may hold an event loop here.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, main()).result(timeout=30) != 0


def test_the_server_entry_freezes_its_start_up_objects(tmp_path):
    """The process that `streamlit run asgi.py` starts: every full collection walked Streamlit's
    and the app's modules again (16 a minute with a thousand members connected)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    probe = "import gc, asgi; print(gc.get_freeze_count())"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'gs.db'}", "PYTHONPATH": str(root)}
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert int(out) > 10_000  # Streamlit and the app's modules, never walked again


PAGE_WITH_FUNCTIONS = """
import weakref
import streamlit as st

if "leftover" in globals():
    st.error("globals of the previous run")
leftover = 1

def helper():
    return "câu hỏi"

@st.fragment
def panel():
    st.write(helper())

panel()
st.session_state.setdefault("refs", []).append(weakref.ref(helper))
"""


def test_a_page_run_leaves_no_reference_cycle_and_no_stale_globals(tmp_path):
    """Each run of a page made a new module whose functions pointed back at it: a cycle only a
    full collection frees (~8,000 objects a second with a thousand members)."""
    import gc

    from streamlit.testing.v1 import AppTest

    from ui.server_tuning import enable_page_namespace_reuse

    enable_page_namespace_reuse()
    (tmp_path / "page.py").write_text(PAGE_WITH_FUNCTIONS, encoding="utf-8")
    entry = tmp_path / "app.py"
    entry.write_text(
        'import streamlit as st\nst.navigation([st.Page("page.py", title="Trang")]).run()\n',
        encoding="utf-8",
    )
    at = AppTest.from_file(str(entry))
    gc.disable()
    try:
        for _ in range(3):
            at.run()
            assert not at.exception and not at.error
            assert [m.value for m in at.markdown] == ["câu hỏi"]
        refs = at.session_state["refs"]
        assert [ref() is None for ref in refs] == [True, True, False]
    finally:
        gc.enable()


def test_a_finished_script_runner_is_freed_without_the_collector(tmp_path):
    """Streamlit makes a runner per run (an answer click's too), and its callbacks held it in
    cycles: ~80 objects per run that lived until a full collection. The runner is built as
    AppSession builds it, over a real (not started) Runtime; AppTest's own runner records its
    events in a closure that is a cycle of its own, so it cannot show this."""
    import asyncio
    import gc
    import weakref

    from streamlit.runtime.fragment import MemoryFragmentStorage
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.runtime import Runtime, RuntimeConfig
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner, ScriptRunnerEvent
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
    from streamlit.runtime.state import SessionState

    from ui.server_tuning import enable_script_runner_release

    enable_script_runner_release()
    script = tmp_path / "app.py"
    script.write_text('import streamlit as st\nst.button("Bấm")\n', encoding="utf-8")
    uploads = MemoryUploadedFileManager("/_stcore/upload_file")
    Runtime(RuntimeConfig(str(script), None, MemoryMediaFileStorage("/media"), uploads))
    loop = asyncio.new_event_loop()
    session_state, storage = SessionState(), MemoryFragmentStorage()
    cache, pages = ScriptCache(), PagesManager(str(script))
    events = []

    def one_run() -> weakref.ref:
        runner = ScriptRunner(
            session_id="s",
            main_script_path=str(script),
            session_state=session_state,
            uploaded_file_mgr=uploads,
            script_cache=cache,
            initial_rerun_data=RerunData(),
            user_info={},
            fragment_storage=storage,
            pages_manager=pages,
            event_loop=loop,
        )
        runner.on_event.connect(lambda _sender, event, **_: events.append(event), weak=False)
        runner.start()
        runner._script_thread.join(30)
        return weakref.ref(runner)

    gc.collect()
    gc.disable()
    try:
        runners = [one_run() for _ in range(3)]
        assert events.count(ScriptRunnerEvent.SHUTDOWN) == 3
        assert ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS in events
        assert [ref() is None for ref in runners] == [True, True, True]
    finally:
        gc.enable()
        Runtime._instance = None
        loop.close()


def test_queued_messages_share_one_wake_up_of_the_event_loop():
    """Each message a run queued wrote to the loop's self-pipe; while a wake-up is pending the
    next ones ride on it, and once the loop has run it a new message wakes it again."""
    import asyncio
    import threading
    from types import SimpleNamespace

    from streamlit.runtime.runtime import Runtime

    from ui.server_tuning import enable_coalesced_wakeups

    enable_coalesced_wakeups()
    from concurrent.futures import ThreadPoolExecutor

    def in_own_thread(fn, *args):  # a browser test earlier in the run may hold a loop here
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(fn, *args).result(timeout=30)

    loop = asyncio.new_event_loop()
    calls = []
    original = loop.call_soon_threadsafe
    loop.call_soon_threadsafe = lambda cb, *a: calls.append(cb) or original(cb, *a)
    runtime = Runtime.__new__(Runtime)  # only the wake-up path: no server behind it
    event = asyncio.Event()
    runtime._get_async_objs = lambda: SimpleNamespace(eventloop=loop, need_send_data=event)

    def queue(n: int) -> None:
        worker = threading.Thread(
            target=lambda: [runtime._enqueued_some_message() for _ in range(n)]
        )
        worker.start()
        worker.join(10)

    queue(50)  # the loop is not running: all fifty wait on one wake-up
    assert len(calls) == 1 and not event.is_set()
    in_own_thread(loop.run_until_complete, asyncio.sleep(0))
    assert event.is_set()
    event.clear()
    queue(3)
    assert len(calls) == 2
    in_own_thread(loop.run_until_complete, asyncio.sleep(0))
    assert event.is_set()
    loop.close()
