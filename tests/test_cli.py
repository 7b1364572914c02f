"""The administrators' command line, against real SQLite files."""

import pytest

from services import cli


@pytest.fixture
def env(tmp_path):
    return {
        "DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "SECRET_KEY": "k" * 32,
    }


def test_create_first_admin_then_backup_and_restore(env, tmp_path, capsys):
    assert cli.main(["upgrade"], env=env) == 0
    assert (
        cli.main(
            [
                "create-user",
                "quantri",
                "--role",
                "admin",
                "--full-name",
                "Trần Bảo",
                "--password",
                "mat-khau-dai",
            ],
            env=env,
        )
        == 0
    )
    assert "Đã tạo tài khoản “quantri”" in capsys.readouterr().out
    backup = tmp_path / "sao-luu.db"
    assert cli.main(["backup", str(backup)], env=env) == 0
    assert backup.exists()
    assert cli.main(["create-user", "sau-sao-luu", "--password", "mat-khau-dai"], env=env) == 0
    assert cli.main(["restore", str(backup), "--yes"], env=env) == 0
    assert cli.main(["create-user", "sau-sao-luu", "--password", "mat-khau-dai"], env=env) == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["create-user", "ab cd", "--password", "mat-khau-dai"], "Tên đăng nhập chỉ gồm"),
        (["create-user", "hoa", "--password", "123"], "ít nhất 6 ký tự"),
        (["restore", "khong-co.db", "--yes"], "Không tìm thấy tệp sao lưu"),
        (["restore", "khong-co.db"], "Thêm --yes để xác nhận"),
    ],
)
def test_failures_print_a_vietnamese_sentence_and_exit_non_zero(env, capsys, argv, message):
    assert cli.main(argv, env=env) != 0
    assert message in capsys.readouterr().err


def test_restore_refuses_a_file_that_is_not_a_backup(env, tmp_path, capsys):
    bogus = tmp_path / "anh.db"
    bogus.write_bytes(b"khong phai sqlite")
    assert cli.main(["restore", str(bogus), "--yes"], env=env) == 1
    assert "không phải bản sao lưu" in capsys.readouterr().err


def test_backup_on_postgres_points_to_pg_dump(capsys, tmp_path):
    env = {
        "DATA_DIR": str(tmp_path),
        "DATABASE_URL": "postgresql+psycopg://x@127.0.0.1/y",
        "SECRET_KEY": "k" * 32,
    }
    assert cli.main(["backup"], env=env) == 1
    assert "pg_dump" in capsys.readouterr().err
