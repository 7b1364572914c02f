"""One settings object, built from the environment and `.streamlit/secrets.toml`.

The factory takes explicit overrides so tests and production differ only in what they pass.
"""

from __future__ import annotations

import errno
import logging
import os
import secrets
import tempfile
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from services.errors import SettingsError

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


TRUE_WORDS = {"1", "true", "yes", "on", "có", "bật"}
FALSE_WORDS = {"0", "false", "no", "off", "không", "tắt"}
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DATABASE_SCHEMES = ("sqlite", "postgresql")
POSTGRES_DRIVER = "postgresql+psycopg"
MIN_SECRET_KEY = 32
OS_REASONS = {
    errno.EACCES: "không có quyền",
    errno.EPERM: "không có quyền",
    errno.EROFS: "ổ đĩa chỉ đọc",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.ENOTDIR: "một phần của đường dẫn là tệp",
}


def _without_password(url: str) -> str:
    """An address that did not parse, shown with anything between "://user:" and "@" hidden."""
    head, sep, rest = url.partition("://")
    if sep and "@" in rest and ":" in rest.split("@", 1)[0]:
        user = rest.split("@", 1)[0].split(":", 1)[0]
        return f"{head}://{user}:***@{rest.split('@', 1)[1]}"
    return url


class _Reader:
    """Reads and checks each setting, collecting every problem instead of stopping at the
    first (an operator fixing a configuration wants the whole list)."""

    def __init__(self, pick) -> None:
        self.pick = pick
        self.problems: list[str] = []

    def flag(self, name: str, default: bool) -> bool:
        value = self.pick(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        self.problems.append(f"{name} = “{value}”: hãy ghi 1 (bật) hoặc 0 (tắt).")
        return default

    def number(self, name: str, default, *, low, high=None, kind=int):
        value = self.pick(name)
        if value is None or value == "":
            return default
        try:
            number = kind(value)
            if kind is int and isinstance(value, float):
                raise ValueError
        except (TypeError, ValueError):
            what = "số nguyên" if kind is int else "số"
            self.problems.append(f"{name} = “{value}”: phải là một {what}.")
            return default
        if number < low or (high is not None and number > high):
            span = f"từ {low} đến {high}" if high is not None else f"từ {low} trở lên"
            self.problems.append(f"{name} = {value}: phải {span}.")
            return default
        return number

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = str(self.pick(name, default)).strip().upper()
        if value not in choices:
            self.problems.append(
                f"{name} = “{self.pick(name)}”: chỉ nhận một trong {', '.join(choices)}."
            )
            return default
        return value

    def database_url(self, url: str) -> str:
        """SQLite with a file, or PostgreSQL through psycopg with a database name. The message
        shows the address without its password."""
        example = (
            "SQLite (sqlite:///đường/dẫn.db) hoặc PostgreSQL "
            "(postgresql+psycopg://người_dùng@máy/tên_csdl)"
        )
        try:
            parsed = make_url(url)
        except (ArgumentError, ValueError):
            self.problems.append(
                f"DATABASE_URL = “{_without_password(url)}”: không đọc được địa chỉ cơ sở dữ "
                f"liệu; hãy ghi theo mẫu {example}."
            )
            return url
        shown = url if parsed.password is None else parsed.render_as_string(hide_password=True)
        backend = parsed.get_backend_name()
        if backend not in DATABASE_SCHEMES:
            self.problems.append(f"DATABASE_URL = “{shown}”: chỉ hỗ trợ {example}.")
        elif backend == "postgresql" and parsed.drivername != POSTGRES_DRIVER:
            self.problems.append(
                f"DATABASE_URL = “{shown}”: với PostgreSQL hãy ghi {POSTGRES_DRIVER}://… "
                "(trình điều khiển psycopg đi kèm ứng dụng)."
            )
        elif not parsed.database or parsed.database == ":memory:":
            what = "đường dẫn tệp" if backend == "sqlite" else "tên cơ sở dữ liệu"
            self.problems.append(f"DATABASE_URL = “{shown}”: thiếu {what}; ví dụ {example}.")
        return url

    def folder(self, name: str, folder: Path) -> None:
        """The folder, or the nearest part of its path that exists, is a folder (nothing is
        created here: a refused configuration writes nothing; `_writable` tries for real)."""
        probe = folder.absolute()
        while not probe.exists() and probe != probe.parent:
            probe = probe.parent
        if not probe.is_dir():
            self.problems.append(
                f"{name} = “{folder}”: {probe} là một tệp, không phải thư mục; "
                "hãy chọn một thư mục."
            )

    def secret_key(self, configured) -> str | None:
        if configured and len(str(configured)) < MIN_SECRET_KEY:
            self.problems.append(
                f"SECRET_KEY quá ngắn ({len(str(configured))} ký tự): cần ít nhất "
                f"{MIN_SECRET_KEY} ký tự ngẫu nhiên, hoặc bỏ trống để ứng dụng tự tạo."
            )
        return str(configured) if configured else None


def _problems_message(problems: list[str]) -> str:
    """One line for one problem (what the operator reads at start-up); a list for several."""
    where = "Cấu hình của ứng dụng chưa đúng (biến môi trường hoặc .streamlit/secrets.toml)"
    if len(problems) == 1:
        return f"{where}: {problems[0]}"
    return f"{where}:\n" + "\n".join(f"- {problem}" for problem in problems)


def _writable(name: str, folder: Path) -> None:
    """Create the folder if need be and write (then delete) a file in it: permissions, a
    read-only disk, a full one all show here, at start-up, named, instead of at the first
    upload."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        reason = OS_REASONS.get(exc.errno, exc.strerror or str(exc))
        raise SettingsError(
            _problems_message(
                [
                    f"{name} = “{folder}”: ứng dụng không ghi được vào thư mục này ({reason}); "
                    "hãy cấp quyền ghi cho người dùng chạy ứng dụng hoặc chọn thư mục khác."
                ]
            )
        ) from None


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

    read = _Reader(pick)
    data_dir = Path(pick("DATA_DIR", DEFAULT_DATA_DIR))
    configured_url = pick("DATABASE_URL")
    database_url = read.database_url(configured_url or f"sqlite:///{data_dir / 'guongsang.db'}")
    values = dict(
        database_url=database_url,
        data_dir=data_dir,
        media_dir=Path(pick("MEDIA_DIR", data_dir / "media")),
        # Demo mode is on for the embedded default database, off for a configured one.
        demo_mode=read.flag("DEMO_MODE", default=configured_url is None),
        session_hours=read.number("SESSION_HOURS", 12, low=1, high=24 * 30),
        log_level=read.choice("LOG_LEVEL", "INFO", LOG_LEVELS),
        oidc_enabled="auth" in conf,
        slideshow_refresh_seconds=max(
            5, read.number("SLIDESHOW_REFRESH_SECONDS", 600, low=0, high=24 * 3600)
        ),
        db_pool_size=read.number("DB_POOL_SIZE", None, low=1, high=1000),
        db_max_overflow=read.number("DB_MAX_OVERFLOW", None, low=0, high=10_000),
        db_pool_timeout=read.number("DB_POOL_TIMEOUT", 30.0, low=0.1, high=3600, kind=float),
    )
    key = read.secret_key(pick("SECRET_KEY"))
    read.folder("DATA_DIR", data_dir)
    if values["media_dir"] != data_dir / "media":
        read.folder("MEDIA_DIR", values["media_dir"])
    if read.problems:
        raise SettingsError(_problems_message(read.problems))
    _writable("DATA_DIR", data_dir)
    if values["media_dir"] != data_dir / "media":
        _writable("MEDIA_DIR", values["media_dir"])
    settings = Settings(secret_key=_secret_key(data_dir, key), **values)
    return settings.with_overrides(**overrides) if overrides else settings


def configure_logging(level: str = "INFO") -> None:
    """The app's one logging set-up, called once at start (asgi.py): time, level, logger, message."""
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
