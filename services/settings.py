"""One settings object, built from the environment and `.streamlit/secrets.toml`.

The factory takes explicit overrides so tests and production differ only in what they pass.
"""

from __future__ import annotations

import logging
import os
import secrets
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
TIMEZONE = "Asia/Ho_Chi_Minh"


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    media_dir: Path
    demo_mode: bool
    secret_key: str = field(repr=False)
    session_hours: int = 12
    max_failed_logins: int = 5
    lockout_minutes: int = 15
    log_level: str = "INFO"
    oidc_enabled: bool = False
    slideshow_refresh_seconds: int = 600
    # Connection pool per process (None: the backend's default in models/db.py).
    db_pool_size: int | None = None
    db_max_overflow: int | None = None
    db_pool_timeout: float = 30.0

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def with_overrides(self, **changes) -> Settings:
        return replace(self, **changes)


def _read_secrets(path: Path) -> dict:
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _truthy(value: str | bool | None, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _optional_int(value) -> int | None:
    return None if value in (None, "") else int(value)


def _secret_key(data_dir: Path, configured: str | None) -> str:
    """Use the configured key, else one generated once and kept beside the data."""
    if configured:
        return configured
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def load_settings(
    env: dict[str, str] | None = None, secrets_path: Path = SECRETS_FILE, **overrides
) -> Settings:
    env = dict(os.environ if env is None else env)
    conf = _read_secrets(secrets_path)

    def pick(name: str, default=None):
        return env.get(name, conf.get(name, conf.get(name.lower(), default)))

    data_dir = Path(pick("DATA_DIR", DEFAULT_DATA_DIR))
    configured_url = pick("DATABASE_URL")
    database_url = configured_url or f"sqlite:///{data_dir / 'guongsang.db'}"
    settings = Settings(
        database_url=database_url,
        data_dir=data_dir,
        media_dir=Path(pick("MEDIA_DIR", data_dir / "media")),
        # Demo mode is on for the embedded default database, off for a configured one.
        demo_mode=_truthy(pick("DEMO_MODE"), default=configured_url is None),
        secret_key=_secret_key(data_dir, pick("SECRET_KEY")),
        session_hours=int(pick("SESSION_HOURS", 12)),
        log_level=str(pick("LOG_LEVEL", "INFO")).upper(),
        oidc_enabled="auth" in conf,
        slideshow_refresh_seconds=max(5, int(pick("SLIDESHOW_REFRESH_SECONDS", 600))),
        db_pool_size=_optional_int(pick("DB_POOL_SIZE")),
        db_max_overflow=_optional_int(pick("DB_MAX_OVERFLOW")),
        db_pool_timeout=float(pick("DB_POOL_TIMEOUT", 30)),
    )
    return settings.with_overrides(**overrides) if overrides else settings


def configure_logging(level: str = "INFO") -> None:
    """The app's one logging set-up, called once at start (asgi.py): time, level, logger, message."""
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
