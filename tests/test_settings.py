"""The one settings object: environment first, then secrets.toml, then defaults."""

from __future__ import annotations

import pytest

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
