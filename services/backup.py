"""One backup brings everything back: the SQLite database (online copy) and the photos under
MEDIA_DIR, in one .tar with a manifest of SHA-256 hashes.

`restore_archive` checks the whole archive (every hash, nothing missing or extra, safe names,
SQLite integrity, an Alembic revision this app knows) before it replaces anything; if any check
fails, the database and the media folder stay as they were. On PostgreSQL the database is saved
with pg_dump / pg_restore and the archive carries the media only (`--media-only`).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import secrets
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from services import database
from services.errors import UserError
from services.settings import Settings

FORMAT = "guongsang-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.sqlite"
MEDIA_PREFIX = "media/"
SQLITE_MAGIC = b"SQLite format 3\x00"
_SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Summary:
    path: Path
    media_files: int
    has_database: bool


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files(media_dir: Path) -> list[tuple[str, Path]]:
    """(archive name, file) for every stored file; temporary files (".tmp-…") and names the app
    never makes are skipped."""
    if not media_dir.is_dir():
        return []
    found = []
    for path in sorted(media_dir.rglob("*")):
        relative = path.relative_to(media_dir)
        if path.is_symlink() or not path.is_file():
            continue
        name = MEDIA_PREFIX + relative.as_posix()
        if _safe_name(name):  # what restore accepts; the app's files all are (hex names)
            found.append((name, path))
    return found


def _add_file(archive: tarfile.TarFile, name: str, path: Path) -> dict:
    """Add one file and return its manifest entry, hashing exactly the bytes archived."""
    data = path.read_bytes()
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o644, int(path.stat().st_mtime)
    archive.addfile(info, io.BytesIO(data))
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def create_archive(settings: Settings, destination: Path, *, media_only: bool = False) -> Summary:
    """Write the archive next to its final name, then rename it (never a half-written file)."""
    if not media_only and not settings.is_sqlite:
        raise UserError(
            "Với PostgreSQL, hãy sao lưu cơ sở dữ liệu bằng pg_dump -Fc và dùng "
            "lệnh này với --media-only để sao lưu ảnh (xem README)."
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict] = {}
    revisions: list[str] = []
    partial = destination.with_name(destination.name + ".dang-ghi")
    with tempfile.TemporaryDirectory(dir=destination.parent) as scratch:
        try:
            with tarfile.open(partial, "w") as archive:
                if not media_only:
                    copy = _single_file(database.backup(settings, Path(scratch) / DATABASE))
                    revisions = _check_database(copy, label="Bản sao cơ sở dữ liệu")
                    files[DATABASE] = _add_file(archive, DATABASE, copy)
                for name, path in _media_files(settings.media_dir):
                    files[name] = _add_file(archive, name, path)
                manifest = json.dumps(
                    {
                        "format": FORMAT,
                        "version": VERSION,
                        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                        "revisions": revisions,
                        "files": files,
                    },
                    ensure_ascii=False,
                    indent=1,
                ).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode = len(manifest), 0o644
                archive.addfile(info, io.BytesIO(manifest))
            partial.replace(destination)
        finally:
            partial.unlink(missing_ok=True)
    return Summary(destination, sum(n.startswith(MEDIA_PREFIX) for n in files), not media_only)


def _single_file(path: Path) -> Path:
    """Fold any write-ahead log into the copy, so the one file is the whole database."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()
    return path


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(database.alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def _check_database(path: Path, *, label: str) -> list[str]:
    """SQLite that is intact and carries our schema; its Alembic revisions."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as probe:
            if probe.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise UserError(f"{label} bị hỏng (SQLite báo lỗi toàn vẹn).")
            revisions = [r[0] for r in probe.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.DatabaseError as exc:
        raise UserError(f"{label} không phải cơ sở dữ liệu của ứng dụng.") from exc
    if not revisions:
        raise UserError(f"{label} không phải cơ sở dữ liệu của ứng dụng.")
    unknown = sorted(set(revisions) - _known_revisions())
    if unknown:
        raise UserError(
            f"{label} thuộc một phiên bản ứng dụng mới hơn hoặc khác (phiên bản "
            f"lược đồ {', '.join(unknown)}); hãy cập nhật ứng dụng trước."
        )
    return revisions


def _safe_name(name: str) -> bool:
    if name in (MANIFEST, DATABASE):
        return True
    if not name.startswith(MEDIA_PREFIX):
        return False
    parts = PurePosixPath(name).parts[1:]
    return bool(parts) and all(_SAFE_PART.match(p) for p in parts)


def _unpack(archive_path: Path, staging: Path) -> tuple[dict, dict[str, str]]:
    """Every member into `staging`, hashed on the way; the manifest and the hashes found."""
    refused = f"Tệp {archive_path.name} không phải bản sao lưu của ứng dụng"
    manifest, found = None, {}
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            for member in archive:
                if not member.isfile() or not _safe_name(member.name):
                    raise UserError(f"{refused} (có mục lạ: “{member.name}”).")
                if member.name in found or (member.name == MANIFEST and manifest is not None):
                    raise UserError(f"{refused} (mục “{member.name}” lặp lại).")
                source = archive.extractfile(member)
                if member.name == MANIFEST:
                    manifest = json.loads(source.read(4 * 1024 * 1024).decode())
                    continue
                target = staging / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with target.open("wb") as out:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                found[member.name] = digest.hexdigest()
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise UserError(f"{refused} hoặc đã bị hỏng ({type(exc).__name__}).") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise UserError(f"{refused} (bảng kê không đọc được).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise UserError(f"{refused} (thiếu bảng kê).")
    if manifest.get("version") != VERSION:
        raise UserError(
            f"Bản sao lưu {archive_path.name} có định dạng phiên bản "
            f"{manifest.get('version')}, ứng dụng này không đọc được."
        )
    return manifest, found


def _verify(manifest: dict, found: dict[str, str], name: str) -> None:
    expected = {k: v.get("sha256") for k, v in (manifest.get("files") or {}).items()}
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    changed = sorted(k for k in expected.keys() & found.keys() if expected[k] != found[k])
    problems = []
    if missing:
        problems.append(f"thiếu {len(missing)} tệp (ví dụ “{missing[0]}”)")
    if extra:
        problems.append(f"có {len(extra)} tệp không có trong bảng kê (ví dụ “{extra[0]}”)")
    if changed:
        problems.append(f"{len(changed)} tệp không khớp mã băm (ví dụ “{changed[0]}”)")
    if problems:
        raise UserError(
            f"Bản sao lưu {name} không toàn vẹn: "
            + "; ".join(problems)
            + ". Không có gì bị thay đổi."
        )


def is_archive(path: Path) -> bool:
    with path.open("rb") as handle:
        return not handle.read(16).startswith(SQLITE_MAGIC) and tarfile.is_tarfile(path)


def restore_archive(settings: Settings, archive_path: Path) -> Summary:
    """Check everything in a staging folder, then swap the media folder and copy the database;
    if copying the database fails, the old media folder is put back."""
    if not archive_path.is_file():
        raise UserError(f"Không tìm thấy tệp sao lưu: {archive_path}.")
    token = secrets.token_hex(4)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    staging = settings.data_dir / f".khoi-phuc-{token}"
    staging.mkdir()
    try:
        manifest, found = _unpack(archive_path, staging)
        _verify(manifest, found, archive_path.name)
        has_database = DATABASE in found
        if has_database:
            if not settings.is_sqlite:
                raise UserError(
                    "Bản sao lưu này chứa cơ sở dữ liệu SQLite, còn ứng dụng đang "
                    "dùng PostgreSQL: hãy khôi phục bằng pg_restore và bản sao lưu "
                    "chỉ có ảnh (--media-only)."
                )
            _check_database(staging / DATABASE, label=f"Cơ sở dữ liệu trong {archive_path.name}")
        new_media = staging / MEDIA_PREFIX.rstrip("/")
        new_media.mkdir(exist_ok=True)
        media_dir = settings.media_dir
        media_dir.parent.mkdir(parents=True, exist_ok=True)
        old_media = media_dir.with_name(f".{media_dir.name}-truoc-khoi-phuc-{token}")
        if media_dir.exists():
            media_dir.rename(old_media)
        try:
            shutil.move(str(new_media), str(media_dir))
            if has_database:
                database.restore(settings, staging / DATABASE)
        except BaseException:
            if media_dir.exists():
                shutil.rmtree(media_dir)
            if old_media.exists():
                old_media.rename(media_dir)
            raise
        shutil.rmtree(old_media, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Summary(archive_path, sum(n.startswith(MEDIA_PREFIX) for n in found), has_database)
