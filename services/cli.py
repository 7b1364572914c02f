"""The administrators' command line: `uv run python -m services.cli COMMAND`.

upgrade, create-user, seed-demo, backup, restore; each prints a clear Vietnamese message and
exits non-zero on failure.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import datetime
from pathlib import Path

from models.accounts import Role, UserCreate
from models.db import make_engine, session_scope
from services import accounts, database
from services.demo import seed_demo
from services.errors import UserError
from services.settings import load_settings


def _upgrade(args, settings) -> str:
    database.upgrade_to_head(make_engine(settings.database_url), settings.secret_key)
    return "Đã nâng cấp cơ sở dữ liệu lên phiên bản mới nhất."


def _create_user(args, settings) -> str:
    password = args.password or os.environ.get("GS_NEW_PASSWORD")
    if not password:
        password = getpass.getpass("Mật khẩu: ")
        if password != getpass.getpass("Nhập lại mật khẩu: "):
            raise UserError("Hai lần nhập mật khẩu không khớp nhau.")
    engine = make_engine(settings.database_url)
    database.upgrade_to_head(engine, settings.secret_key)
    with session_scope(engine) as session:
        user = accounts.create_user(
            session=session,
            user_in=UserCreate(username=args.username, full_name=args.full_name or args.username,
                               email=args.email, role=args.role, password=password),
        )
    return f"Đã tạo tài khoản “{user.username}” với vai trò {accounts.role_label(user.role)}."


def _seed_demo(args, settings) -> str:
    engine = make_engine(settings.database_url)
    database.upgrade_to_head(engine, settings.secret_key)
    with session_scope(engine) as session:
        seed_demo(session=session, settings=settings)
    return "Đã nạp dữ liệu trình diễn (bỏ qua phần đã có)."


def _backup(args, settings) -> str:
    target = Path(args.file or settings.data_dir / "backups" /
                  f"guongsang-{datetime.now():%Y%m%d-%H%M%S}.db")
    database.backup(settings, target)
    return f"Đã sao lưu cơ sở dữ liệu vào {target}."


def _restore(args, settings) -> str:
    if not args.yes:
        raise UserError("Khôi phục sẽ ghi đè toàn bộ dữ liệu hiện có. Thêm --yes để xác nhận.")
    database.restore(settings, Path(args.file))
    return f"Đã khôi phục cơ sở dữ liệu từ {args.file}. Hãy khởi động lại ứng dụng."


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m services.cli",
                                     description="Quản trị ứng dụng Gương sáng.")
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
    backup = commands.add_parser("backup", help="sao lưu SQLite (trực tuyến)")
    backup.add_argument("file", nargs="?")
    backup.set_defaults(run=_backup)
    restore = commands.add_parser("restore", help="khôi phục SQLite từ bản sao lưu")
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
    except Exception as exc:  # noqa: BLE001 - an administrator gets a sentence, not a traceback
        print(f"Lỗi: không thực hiện được ({type(exc).__name__}: {exc}).", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
