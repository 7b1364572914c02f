"""The app factory (services/app.py): one engine, one migration, one seeding per process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import event, inspect

from services import app as factory
from services.errors import UserError
from tests.fixtures import make_settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _statements(engine) -> list[str]:
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


def test_a_second_call_reuses_the_app_without_migrating_again(tmp_path):
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'app.db'}")
    built = factory.engines_built
    first = factory.create_app(settings)
    assert first.ready
    assert "alembic_version" in inspect(first.engine).get_table_names()
    seen = _statements(first.engine)
    second = factory.create_app(settings)
    assert second is first and second.engine is first.engine
    assert factory.engines_built == built + 1
    assert seen == []  # not even a look at alembic_version


def test_other_settings_make_a_new_app(tmp_path):
    first = factory.create_app(make_settings(tmp_path / "a", f"sqlite:///{tmp_path / 'a.db'}"))
    second = factory.create_app(make_settings(tmp_path / "b", f"sqlite:///{tmp_path / 'b.db'}"))
    assert second is not first and second.engine is not first.engine
    assert factory.current_app() is second


def test_an_unreachable_database_is_retried_on_the_next_call(tmp_path):
    settings = make_settings(tmp_path, "postgresql+psycopg://postgres@127.0.0.1:1/khong_co")
    for _ in range(2):
        try:
            factory.create_app(settings)
        except UserError as exc:
            assert "Không kết nối được cơ sở dữ liệu" in str(exc)
        else:
            raise AssertionError("an unreachable database must raise UserError")
    assert factory.current_app().settings == settings
    assert not factory.current_app().ready


SERVER_THEN_SCRIPT = """
import asyncio
import asgi
from services import app as factory
from services.errors import UserError

async def start():
    async with asgi.lifespan(None):
        pass

asyncio.run(start())
built = factory.current_app()
seen = []
from sqlalchemy import event
event.listen(built.engine, "before_cursor_execute", lambda *args: seen.append(args[2]))

from streamlit.testing.v1 import AppTest
page = AppTest.from_file("streamlit_app.py", default_timeout=120).run()
assert not page.exception, page.exception
from ui.resources import app_context
print("same app", app_context() is built)
print("engines built", factory.engines_built)
print("migration queries", sum("alembic_version" in s for s in seen))
print("login form", any(b.label == "Đăng nhập" for b in page.button))
"""


def test_the_server_and_the_streamlit_script_share_one_app(tmp_path):
    """With `streamlit run asgi.py`, asgi.py's lifespan and the script run in one process: the
    script's resources are the server's app, built (migrated, seeded) once."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "TEST_DATABASE_URL"}}
    env.update({"DATA_DIR": str(tmp_path), "DEMO_MODE": "1"})
    done = subprocess.run(
        [sys.executable, "-c", SERVER_THEN_SCRIPT],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "same app True" in done.stdout
    assert "engines built 1" in done.stdout
    assert "migration queries 0" in done.stdout
    assert "login form True" in done.stdout
    assert done.stderr.count("đã sẵn sàng") == 1, done.stderr[-3000:]
