"""Backups that bring everything back (issue 9): one .tar holds the SQLite database and the photos
with a manifest of hashes; a restore on a new machine opens the records' photos; a damaged or
foreign archive is refused and nothing changes."""

from __future__ import annotations

import asyncio
import hashlib
import importlib
import io
import json
import sqlite3
import tarfile
import tempfile
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import select
from starlette.requests import Request

from models.catalogue import CataloguePhoto
from models.db import make_engine, session_scope
from services import backup, cli
from services.capabilities import SYSTEM
from services.catalogue import records as catalogue


def _env(settings) -> dict[str, str]:
    return {
        "DATABASE_URL": settings.database_url,
        "DATA_DIR": str(settings.data_dir),
        "MEDIA_DIR": str(settings.media_dir),
        "SECRET_KEY": settings.secret_key,
        "DEMO_MODE": "0",
    }


def _new_machine(root: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite:///{root / 'du-lieu' / 'guongsang.db'}",
        "DATA_DIR": str(root / "du-lieu"),
        "MEDIA_DIR": str(root / "anh"),
        "SECRET_KEY": "khoa-bi-mat-cho-kiem-thu-du-dai-32-ky-tu",
        "DEMO_MODE": "0",
    }


def _media(env: dict[str, str]) -> dict[str, bytes]:
    media = Path(env["MEDIA_DIR"])
    return (
        {p.relative_to(media).as_posix(): p.read_bytes() for p in media.rglob("*") if p.is_file()}
        if media.exists()
        else {}
    )


def _state(env: dict[str, str]) -> tuple:
    """What a failed restore must leave alone: the database bytes and every media file."""
    db = Path(env["DATABASE_URL"].split("///", 1)[1])
    return (hashlib.sha256(db.read_bytes()).hexdigest() if db.exists() else None), _media(env)


@pytest.fixture
def archive(demo_engine, settings, tmp_path, capsys) -> Path:
    if not settings.is_sqlite:
        pytest.skip("bản sao lưu trọn gói là của SQLite; PostgreSQL dùng pg_dump")
    demo_engine.dispose()
    path = tmp_path / "sao-luu" / "guongsang.tar"
    assert cli.main(["backup", str(path)], env=_env(settings)) == 0
    assert "Đã sao lưu cơ sở dữ liệu và ảnh" in capsys.readouterr().out
    return path


def test_restore_on_an_empty_machine_brings_back_records_and_photos(
    archive, settings, tmp_path, capsys, monkeypatch
):
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(backup.MANIFEST))
    assert backup.DATABASE in manifest["files"]
    media_files = [n for n in manifest["files"] if n.startswith("media/")]
    assert len(media_files) == sum(1 for p in settings.media_dir.rglob("*") if p.is_file())

    env = _new_machine(tmp_path / "may-moi")
    assert cli.main(["restore", str(archive), "--yes"], env=env) == 0
    assert f"{len(media_files)} tệp ảnh" in capsys.readouterr().out
    engine = make_engine(env["DATABASE_URL"])
    with session_scope(engine) as session:
        photo = session.exec(select(CataloguePhoto)).first()
        record = catalogue.get_record(session=session, record_id=photo.record_id, actor=SYSTEM)
    engine.dispose()
    assert record.photos
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    import asgi  # the /files/... route, with the new machine's settings

    asgi = importlib.reload(asgi)  # builds no engine: the media route needs none
    for shown in record.photos:
        for url in (shown.thumb_url, shown.card_url, shown.large_url):
            request = Request(
                {
                    "type": "http",
                    "method": "GET",
                    "headers": [],
                    "path": url,
                    "path_params": {"path": url.removeprefix("/files/")},
                }
            )
            response = asyncio.run(asgi.media(request))
            assert response.status_code == 200, url
            with Image.open(response.path) as image:
                image.verify()
    assert not list(Path(env["DATA_DIR"]).glob(".khoi-phuc-*"))  # no staging left behind


def _rewrite(source: Path, target: Path, change) -> Path:
    """A copy of the archive with its members changed by `change(members)`."""
    with tarfile.open(source) as tar:
        members = [(m.name, tar.extractfile(m).read()) for m in tar.getmembers()]
    members = change(members)
    with tarfile.open(target, "w") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def _with_manifest(members, **file_changes):
    """Members with the manifest's hashes recomputed (a forged but consistent archive)."""
    files = dict(members)
    files.update(file_changes)
    manifest = json.loads(files.pop(backup.MANIFEST))
    manifest["files"] = {
        n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in files.items()
    }
    return [*files.items(), (backup.MANIFEST, json.dumps(manifest).encode())]


def _flip_photo(members):
    name = next(n for n, _ in members if n.startswith("media/"))
    return [(n, (d[:-1] + bytes([d[-1] ^ 1])) if n == name else d) for n, d in members]


def _drop_photo(members):
    first = next(n for n, _ in members if n.startswith("media/"))
    return [(n, d) for n, d in members if n != first]


def _sqlite_bytes(statement: str, start: bytes = b"") -> bytes:
    with tempfile.TemporaryDirectory() as directory:
        db = Path(directory) / "tam.db"
        db.write_bytes(start)
        connection = sqlite3.connect(db)
        connection.execute(statement)
        connection.commit()
        connection.close()
        return db.read_bytes()


def _foreign_db(members):
    return _with_manifest(members, **{backup.DATABASE: _sqlite_bytes("CREATE TABLE ghi_chu (x)")})


def _newer_db(members):
    newer = _sqlite_bytes(
        "INSERT INTO alembic_version VALUES ('9999_tuong_lai')", dict(members)[backup.DATABASE]
    )
    return _with_manifest(members, **{backup.DATABASE: newer})


CASES = [
    ("a photo changed", _flip_photo, "không khớp mã băm"),
    ("a photo missing", _drop_photo, "thiếu 1 tệp"),
    ("an extra file", lambda m: [*m, ("media/ab/them.webp", b"x")], "không có trong bảng kê"),
    ("a path outside", lambda m: [*m, ("media/../../ngoai.txt", b"x")], "có mục lạ"),
    ("no manifest", lambda m: [(n, d) for n, d in m if n != backup.MANIFEST], "thiếu bảng kê"),
    (
        "a damaged database",
        lambda m: _with_manifest(m, **{backup.DATABASE: b"SQLite hong"}),
        "không phải cơ sở dữ liệu của ứng dụng",
    ),
    ("a foreign database", _foreign_db, "không phải cơ sở dữ liệu của ứng dụng"),
    ("a newer schema", _newer_db, "phiên bản ứng dụng mới hơn"),
]


@pytest.mark.parametrize(("case", "change", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_damaged_or_foreign_archive_is_refused_and_nothing_changes(
    archive, tmp_path, capsys, case, change, message
):
    env = _new_machine(tmp_path / "dang-chay")
    assert cli.main(["upgrade"], env=env) == 0
    photo = Path(env["MEDIA_DIR"]) / "cd" / "anh-dang-co.webp"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"anh dang dung")
    before = _state(env)
    bad = _rewrite(archive, tmp_path / "hong.tar", change)
    capsys.readouterr()
    assert cli.main(["restore", str(bad), "--yes"], env=env) == 1
    assert message in capsys.readouterr().err
    assert _state(env) == before
    assert not list(Path(env["DATA_DIR"]).glob(".khoi-phuc-*"))


def test_a_truncated_archive_is_refused(archive, tmp_path, capsys):
    env = _new_machine(tmp_path / "dang-chay")
    assert cli.main(["upgrade"], env=env) == 0
    before = _state(env)
    cut = tmp_path / "cut.tar"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    assert cli.main(["restore", str(cut), "--yes"], env=env) == 1
    assert "Lỗi:" in capsys.readouterr().err
    assert _state(env) == before


def test_postgres_media_only_archive_restores_the_photos(demo_engine, settings, tmp_path, capsys):
    """On PostgreSQL the database goes through pg_dump/pg_restore; the archive carries the media
    only (nothing here connects to the database)."""
    env = {**_env(settings), "DATABASE_URL": "postgresql+psycopg://x@127.0.0.1:1/khong"}
    assert cli.main(["backup"], env=env) == 1
    assert "pg_dump" in capsys.readouterr().err
    path = tmp_path / "anh.tar"
    assert cli.main(["backup", "--media-only", str(path)], env=env) == 0
    with tarfile.open(path) as tar:
        assert backup.DATABASE not in tar.getnames()
    target = {**_new_machine(tmp_path / "pg"), "DATABASE_URL": env["DATABASE_URL"]}
    assert cli.main(["restore", str(path), "--yes"], env=target) == 0
    assert _media(target) == _media(_env(settings))


def test_an_old_single_file_backup_still_restores(session, settings, tmp_path, capsys):
    from services import database

    if not settings.is_sqlite:
        pytest.skip("SQLite")
    old = database.backup(settings, tmp_path / "cu.db")
    env = _new_machine(tmp_path / "may-moi")
    assert cli.main(["restore", str(old), "--yes"], env=env) == 0
    assert "bản sao lưu cũ" in capsys.readouterr().out


def test_a_command_leaves_no_connection_to_the_garbage_collector(tmp_path):
    """`upgrade` closes its engine: a pooled SQLite connection left behind checkpointed the WAL
    into the file whenever it was collected, so a failed restore seemed to have changed it."""
    import gc

    env = _new_machine(tmp_path)
    assert cli.main(["upgrade"], env=env) == 0
    before = _state(env)
    gc.collect()
    assert _state(env) == before
