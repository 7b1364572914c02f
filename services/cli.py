"""The administrators' command line: `uv run python -m services.cli COMMAND`.

upgrade, create-user, seed-demo, backup, restore (database and media, checked before anything is
replaced); each prints a clear Vietnamese message and
exits non-zero on failure.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from models.accounts import Role, UserCreate
from models.db import make_engine, session_scope
from services import backup, database
from services.accounts import users as accounts
from services.capabilities import SYSTEM
from services.demo import seed_demo
from services.errors import UserError
from services.settings import load_settings


@contextmanager
def _engine(settings):
    """An engine for one command, closed at its end: a pooled SQLite connection left to the
    garbage collector checkpoints the WAL into the file whenever it is collected (a restore
    that compares the file before and after saw it change)."""
    engine = make_engine(settings.database_url)
    try:
        yield engine
    finally:
        engine.dispose()


def _upgrade(args, settings) -> str:
    with _engine(settings) as engine:
        database.upgrade_to_head(engine, settings.secret_key)
    return "Đã nâng cấp cơ sở dữ liệu lên phiên bản mới nhất."


def _create_user(args, settings) -> str:
    password = args.password or os.environ.get("GS_NEW_PASSWORD")
    if not password:
        password = getpass.getpass("Mật khẩu: ")
        if password != getpass.getpass("Nhập lại mật khẩu: "):
            raise UserError("Hai lần nhập mật khẩu không khớp nhau.")
    with _engine(settings) as engine:
        database.upgrade_to_head(engine, settings.secret_key)
        with session_scope(engine) as session:
            user = accounts.create_user(
                session=session,
                actor=SYSTEM,
                user_in=UserCreate(
                    username=args.username,
                    full_name=args.full_name or args.username,
                    email=args.email,
                    role=args.role,
                    password=password,
                ),
            )
    return f"Đã tạo tài khoản “{user.username}” với vai trò {accounts.role_label(user.role)}."


def _seed_demo(args, settings) -> str:
    with _engine(settings) as engine:
        database.upgrade_to_head(engine, settings.secret_key)
        with session_scope(engine) as session:
            seed_demo(session=session, settings=settings)
    return "Đã nạp dữ liệu trình diễn (bỏ qua phần đã có)."


def _backup(args, settings) -> str:
    """One .tar with the database (online copy), the media and a manifest of hashes."""
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    kind = "anh" if args.media_only else "guongsang"
    target = Path(args.file or settings.data_dir / "backups" / f"{kind}-{stamp}.tar")
    summary = backup.create_archive(settings, target, media_only=args.media_only)
    what = "ảnh" if args.media_only else "cơ sở dữ liệu và ảnh"
    return f"Đã sao lưu {what} ({summary.media_files} tệp ảnh) vào {target}." + (
        " Cơ sở dữ liệu PostgreSQL sao lưu riêng bằng pg_dump -Fc." if args.media_only else ""
    )


def _restore(args, settings) -> str:
    if not args.yes:
        raise UserError("Khôi phục sẽ ghi đè toàn bộ dữ liệu hiện có. Thêm --yes để xác nhận.")
    source = Path(args.file)
    if not source.is_file():
        raise UserError(f"Không tìm thấy tệp sao lưu: {source}.")
    if not backup.is_archive(source):  # a single-file SQLite backup of the earlier versions
        database.restore(settings, source)
        return (
            f"Đã khôi phục cơ sở dữ liệu từ {args.file} (bản sao lưu cũ, không có ảnh). "
            "Hãy khởi động lại ứng dụng."
        )
    summary = backup.restore_archive(settings, source)
    what = "cơ sở dữ liệu và " if summary.has_database else ""
    return (
        f"Đã khôi phục {what}{summary.media_files} tệp ảnh từ {args.file}. Hãy khởi động "
        "lại ứng dụng."
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m services.cli", description="Quản trị ứng dụng Gương sáng."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("upgrade", help="nâng cấp cơ sở dữ liệu").set_defaults(run=_upgrade)
    create = commands.add_parser("create-user", help="tạo tài khoản (ví dụ quản trị đầu tiên)")
    create.add_argument("username")
    create.add_argument("--full-name")
    create.add_argument("--email")
    create.add_argument("--role", choices=[r.value for r in Role], default=Role.MEMBER.value)
    create.add_argument("--password", help="nên bỏ trống để nhập ẩn")
    create.set_defaults(run=_create_user)
    commands.add_parser("seed-demo", help="nạp dữ liệu trình diễn").set_defaults(run=_seed_demo)
    saving = commands.add_parser(
        "backup", help="sao lưu cơ sở dữ liệu SQLite (trực tuyến) và ảnh vào một tệp .tar"
    )
    saving.add_argument("file", nargs="?")
    saving.add_argument(
        "--media-only",
        action="store_true",
        help="chỉ sao lưu ảnh (khi dùng PostgreSQL, kèm pg_dump)",
    )
    saving.set_defaults(run=_backup)
    restore = commands.add_parser("restore", help="khôi phục từ bản sao lưu (.tar hoặc .db cũ)")
    restore.add_argument("file")
    restore.add_argument("--yes", action="store_true")
    restore.set_defaults(run=_restore)
    return parser


def main(argv: list[str] | None = None, env: dict[str, str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(env=env)
        print(args.run(args, settings))
    except UserError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        logging.getLogger(__name__).exception("Lệnh không thực hiện được.")
        print(f"Lỗi: không thực hiện được ({type(exc).__name__}: {exc}).", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
