"""Fixtures: a real, migrated database per test (SQLite file, or PostgreSQL via
TEST_DATABASE_URL), the settings that point at it, and an AppTest runner per role."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from models.accounts import Role
from models.db import make_engine, session_scope
from services.demo import seed_demo
from services.settings import Settings
from tests import fixtures

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    return fixtures.migrated_sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine | None]:
    if not fixtures.TEST_DATABASE_URL:
        yield None
        return
    from services.database import upgrade_to_head

    engine = make_engine(fixtures.TEST_DATABASE_URL)
    fixtures.drop_postgres_schema(engine)  # whatever an earlier run left, start from nothing
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def database_url(tmp_path, sqlite_template, postgres_engine) -> str:
    if postgres_engine is not None:
        fixtures.reset_postgres(postgres_engine)
        return fixtures.TEST_DATABASE_URL
    return fixtures.fresh_sqlite(sqlite_template, tmp_path)


@pytest.fixture
def settings(tmp_path, database_url) -> Settings:
    return fixtures.make_settings(tmp_path, database_url)


@pytest.fixture
def engine(settings) -> Iterator[Engine]:
    engine = make_engine(settings.database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine) -> Iterator[Session]:
    with session_scope(engine) as session:
        yield session


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory, sqlite_template) -> tuple[Path, Path]:
    """The demo data seeded once into a SQLite file (and its media folder), copied per test."""
    directory = tmp_path_factory.mktemp("demo_template")
    url = fixtures.fresh_sqlite(sqlite_template, directory)
    settings = fixtures.make_settings(directory, url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        seed_demo(session=session, settings=settings)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return directory / "test.db", settings.media_dir


@pytest.fixture
def demo_engine(request, engine, settings, postgres_engine) -> Engine:
    """The demo data (units, accounts and every module's records) in the test database."""
    if postgres_engine is None:
        import shutil

        db_path, media_dir = request.getfixturevalue("demo_template")
        engine.dispose()
        shutil.copyfile(db_path, settings.database_url.split("///", 1)[1])
        if media_dir.exists():
            shutil.copytree(media_dir, settings.media_dir, dirs_exist_ok=True)
        return engine
    with session_scope(engine) as session:
        seed_demo(session=session, settings=settings)
    return engine


@pytest.fixture
def app_env(monkeypatch, settings, engine):
    """Point the Streamlit app at the test database and start each test with a cold cache."""
    import streamlit as st

    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("MEDIA_DIR", str(settings.media_dir))
    monkeypatch.setenv("SECRET_KEY", settings.secret_key)
    monkeypatch.setenv("DEMO_MODE", "1" if settings.demo_mode else "0")
    monkeypatch.chdir(PROJECT_ROOT)
    _router_only(monkeypatch)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield settings
    st.cache_resource.clear()
    st.cache_data.clear()


def _router_only(monkeypatch) -> None:
    """As asgi.py does for the server: never Streamlit's legacy `pages/` mode, in which a page
    file would run without the router (AppTest resets the flag before every run)."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def run_page(app_env, engine):
    """run_page("home", Role.LEADER) -> a finished AppTest of that page, reached through the
    router (streamlit_app.py and st.navigation) while logged in as that role."""
    from streamlit.testing.v1 import AppTest

    from ui.auth import AUTH_TOKEN

    def run(
        page_key: str, role: Role, *, username: str | None = None, query=None, timeout: float = 60
    ) -> AppTest:
        at = AppTest.from_file(str(PROJECT_ROOT / "streamlit_app.py"), default_timeout=timeout)
        at.session_state[AUTH_TOKEN] = fixtures.login_token(
            engine, username or f"kiemthu_{role.value}", role
        )
        at.run()
        for key, value in (query or {}).items():
            at.query_params[key] = value
        return at.switch_page(f"pages/{page_key}.py").run()

    return run


@pytest.fixture(scope="session")
def live_app(tmp_path_factory) -> Iterator[str]:
    """The real app (asgi.py under `streamlit run`) on a fresh demo database; its base URL."""
    from tests import browser

    if not Path(browser.CHROMIUM).exists():
        pytest.skip(f"Chưa cài Chromium ({browser.CHROMIUM}): apt-get install -y chromium")
    with browser.running_app(tmp_path_factory.mktemp("live_app")) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def shared_chromium():
    """The one Chromium of the run. Playwright's sync API allows one instance per thread at a
    time, so modules with servers of their own borrow this browser instead of starting another."""
    from playwright.sync_api import sync_playwright

    from tests import browser

    if not Path(browser.CHROMIUM).exists():
        pytest.skip(f"Chưa cài Chromium ({browser.CHROMIUM}): apt-get install -y chromium")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def chromium(live_app, shared_chromium):
    return shared_chromium


@pytest.fixture
def browser_page(chromium):
    """A fresh browser context (no cookies) and page, 1280×900."""
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(chromium):
    """A phone-sized page (390×844, touch), for members taking contests."""
    context = chromium.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def pytest_collection_modifyitems(items):
    for item in items:
        if "database_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)
        if "postgres" in item.keywords and not fixtures.TEST_DATABASE_URL:
            item.add_marker(pytest.mark.skip(reason="TEST_DATABASE_URL chưa được đặt"))


os.environ.setdefault("TZ", "Asia/Ho_Chi_Minh")
