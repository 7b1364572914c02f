"""The one settings object: environment first, then secrets.toml, then defaults."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from services.errors import SettingsError
from services.settings import load_settings


@pytest.mark.parametrize(
    ("env", "secrets", "field", "expected"),
    [
        ({}, "", "session_hours", 12),
        ({"SESSION_HOURS": "8"}, "", "session_hours", 8),
        ({}, "SESSION_HOURS = 4\n", "session_hours", 4),
        ({"SESSION_HOURS": "8"}, "SESSION_HOURS = 4\n", "session_hours", 8),
        ({}, "", "slideshow_refresh_seconds", 600),
        ({"SLIDESHOW_REFRESH_SECONDS": "30"}, "", "slideshow_refresh_seconds", 30),
        ({"SLIDESHOW_REFRESH_SECONDS": "0"}, "", "slideshow_refresh_seconds", 5),
        ({}, "", "demo_mode", True),
        ({"DATABASE_URL": "postgresql+psycopg://u@h/db"}, "", "demo_mode", False),
        ({"DATABASE_URL": "postgresql+psycopg://u@h/db", "DEMO_MODE": "1"}, "", "demo_mode", True),
        ({}, "[auth]\nredirect_uri = 'x'\n", "oidc_enabled", True),
    ],
)
def test_settings_sources(tmp_path, env, secrets, field, expected):
    secrets_path = tmp_path / "secrets.toml"
    secrets_path.write_text(secrets)
    settings = load_settings(env={"DATA_DIR": str(tmp_path), **env}, secrets_path=secrets_path)
    assert getattr(settings, field) == expected


def test_default_database_lives_in_the_data_folder(tmp_path):
    settings = load_settings(env={"DATA_DIR": str(tmp_path)}, secrets_path=tmp_path / "none.toml")
    assert settings.database_url == f"sqlite:///{tmp_path / 'guongsang.db'}"
    assert settings.media_dir == tmp_path / "media"
    assert (tmp_path / "secret_key").read_text().strip() == settings.secret_key


def test_log_level_comes_from_the_environment(tmp_path):
    none = tmp_path / "none.toml"
    assert load_settings(env={"DATA_DIR": str(tmp_path)}, secrets_path=none).log_level == "INFO"
    settings = load_settings(
        env={"DATA_DIR": str(tmp_path), "LOG_LEVEL": "debug"}, secrets_path=none
    )
    assert settings.log_level == "DEBUG"


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"SESSION_HOURS": "abc"}, "SESSION_HOURS = “abc”: phải là một số nguyên."),
        ({"SESSION_HOURS": "0"}, "SESSION_HOURS = 0: phải từ 1 đến 720."),
        ({"SESSION_HOURS": "8.5"}, "SESSION_HOURS = “8.5”: phải là một số nguyên."),
        ({"DB_POOL_SIZE": "-1"}, "DB_POOL_SIZE = -1: phải từ 1 đến 1000."),
        ({"DB_POOL_TIMEOUT": "nhanh"}, "DB_POOL_TIMEOUT = “nhanh”: phải là một số."),
        ({"LOG_LEVEL": "verbose"}, "LOG_LEVEL = “verbose”: chỉ nhận một trong DEBUG, INFO"),
        ({"DEMO_MODE": "maybe"}, "DEMO_MODE = “maybe”: hãy ghi 1 (bật) hoặc 0 (tắt)."),
        ({"DATABASE_URL": "mysql://u@h/db"}, "DATABASE_URL = “mysql://u@h/db”: chỉ hỗ trợ"),
        ({"SECRET_KEY": "ngan"}, "SECRET_KEY quá ngắn (4 ký tự)"),
        ({"SESSION_HOURS": "721"}, "SESSION_HOURS = 721: phải từ 1 đến 720."),
        ({"DB_POOL_SIZE": "0"}, "DB_POOL_SIZE = 0: phải từ 1 đến 1000."),
        ({"DB_POOL_SIZE": "mười"}, "DB_POOL_SIZE = “mười”: phải là một số nguyên."),
        ({"DB_MAX_OVERFLOW": "-5"}, "DB_MAX_OVERFLOW = -5: phải từ 0 đến 10000."),
        ({"DATABASE_URL": "postgres//u@h"}, "DATABASE_URL = “postgres//u@h”: không đọc được"),
        ({"DATABASE_URL": "postgresql+psycopg://u@h:cổng/db"}, ": không đọc được địa chỉ"),
        ({"DATABASE_URL": "postgresql://u@h/db"}, "với PostgreSQL hãy ghi postgresql+psycopg://"),
        ({"DATABASE_URL": "postgresql+psycopg://u@h"}, "“postgresql+psycopg://u@h”: thiếu tên cơ"),
        ({"DATABASE_URL": "sqlite://"}, "DATABASE_URL = “sqlite://”: thiếu đường dẫn tệp"),
        ({"DATABASE_URL": "sqlite:///:memory:"}, "“sqlite:///:memory:”: thiếu đường dẫn tệp"),
        ({"DATA_DIR": "{file}/data"}, "DATA_DIR = “{file}/data”: {file} là một tệp, không phải"),
        ({"MEDIA_DIR": "{file}"}, "MEDIA_DIR = “{file}”: {file} là một tệp, không phải thư mục"),
    ],
)
def test_a_bad_setting_is_named_in_vietnamese(tmp_path, env, named):
    a_file = tmp_path / "tep.txt"
    a_file.write_text("không phải thư mục")
    env = {name: value.format(file=a_file) for name, value in env.items()}
    with pytest.raises(SettingsError) as caught:
        load_settings(env={"DATA_DIR": str(tmp_path), **env}, secrets_path=tmp_path / "none.toml")
    message = str(caught.value)
    assert named.format(file=a_file) in message
    assert "\n" not in message  # one problem, one line


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://quantri:matkhau-bi-mat@h/db?x=1&x",
        "postgresql://quantri:matkhau-bi-mat@h/db",
        "postgresql+psycopg://quantri:matkhau-bi-mat@h:cổng/db",
        "mysql://quantri:matkhau-bi-mat@h/db",
    ],
)
def test_a_refused_database_url_never_shows_its_password(tmp_path, url):
    with pytest.raises(SettingsError) as caught:
        load_settings(
            env={"DATA_DIR": str(tmp_path), "DATABASE_URL": url, "SESSION_HOURS": "0"},
            secrets_path=tmp_path / "none.toml",
        )
    assert "DATABASE_URL" in str(caught.value) or "SESSION_HOURS" in str(caught.value)
    assert "matkhau-bi-mat" not in str(caught.value)


def test_a_data_folder_the_app_cannot_write_is_refused_by_name(tmp_path):
    """/sys is a read-only file system (even for root); a folder without write permission
    (for anyone else) is refused the same way, by trying."""
    folder = Path("/sys/guongsang")
    if os.geteuid() != 0:
        folder = tmp_path / "khoa" / "data"
        folder.parent.mkdir()
        folder.parent.chmod(0o500)
    with pytest.raises(SettingsError) as caught:
        load_settings(env={"DATA_DIR": str(folder)}, secrets_path=tmp_path / "none.toml")
    message = str(caught.value)
    assert (
        f"DATA_DIR = “{folder}”: ứng dụng không ghi được vào thư mục này (không có quyền)"
        in message
    )
    assert "\n" not in message


def test_every_bad_setting_is_listed_at_once(tmp_path):
    secrets_path = tmp_path / "secrets.toml"
    secrets_path.write_text("SESSION_HOURS = 2.5\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(
            env={"DATA_DIR": str(tmp_path), "LOG_LEVEL": "ồn", "DB_MAX_OVERFLOW": "x"},
            secrets_path=secrets_path,
        )
    message = str(caught.value)
    assert [line.split(" ")[1] for line in message.splitlines()[1:]] == [
        "SESSION_HOURS",
        "LOG_LEVEL",
        "DB_MAX_OVERFLOW",
    ]
    assert not (tmp_path / "secret_key").exists()  # nothing written for a refused configuration


@pytest.mark.parametrize(("word", "expected"), [("0", False), ("tắt", False), ("Có", True)])
def test_demo_mode_takes_vietnamese_words(tmp_path, word, expected):
    settings = load_settings(
        env={"DATA_DIR": str(tmp_path), "DEMO_MODE": word}, secrets_path=tmp_path / "none.toml"
    )
    assert settings.demo_mode is expected


def test_the_server_refuses_a_bad_setting_with_the_message_not_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATA_DIR": str(tmp_path), "SESSION_HOURS": "mười hai"}
    done = subprocess.run(
        [sys.executable, "-c", "import asgi"],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "SESSION_HOURS = “mười hai”: phải là một số nguyên." in done.stderr
    assert "Traceback" not in done.stderr


def test_the_server_starts_and_reports_a_database_that_cannot_be_reached(tmp_path):
    """Unreachable is weather: the server starts, /healthz says 503, the log says why once."""
    import os
    import subprocess
    import sys

    script = (
        "import asyncio, asgi\n"
        "async def main():\n"
        "    async with asgi.lifespan(None):\n"
        "        print('health', (await asgi.health(None)).status_code)\n"
        "asyncio.run(main())\n"
    )
    env = {
        **os.environ,
        "DATA_DIR": str(tmp_path),
        "DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:1/khong_co",
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "health 503" in done.stdout
    assert "Cơ sở dữ liệu chưa sẵn sàng" in done.stderr
    assert "Traceback" not in done.stderr


def test_streamlit_run_refuses_a_bad_setting_with_one_line_and_exits_non_zero(tmp_path):
    """The real start-up command, not just an import: one Vietnamese line, exit code 2."""
    import os
    import socket
    import subprocess
    import sys

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "DATA_DIR": str(tmp_path),
        "DATABASE_URL": "postgresql://quantri:matkhau-bi-mat@127.0.0.1/guongsang",
    }
    done = subprocess.run(
        [sys.executable, "-m", "streamlit", "run", "asgi.py", "--server.port", str(port)]
        + ["--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("Cấu hình của ứng dụng chưa đúng")
    assert "DATABASE_URL = “postgresql://quantri:***@127.0.0.1/guongsang”" in lines[0]
    assert "matkhau-bi-mat" not in done.stderr + done.stdout
