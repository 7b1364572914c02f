"""The catalogue's records (mô hình and điển hình tiên tiến): create, edit, publish, read, list.

Members and leaders only ever see published records ("Công khai"); organisers and admins see
every status and are the only ones who change anything.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from sqlalchemy import func
from sqlmodel import Session, col, select

from models.accounts import Role, Unit
from models.catalogue import (
    KIND_LABELS,
    STATUS_LABELS,
    CatalogueRecord,
    CatalogueRecordCreate,
    CatalogueRecordPublic,
    CatalogueRecordUpdate,
    CatalogueReplication,
    CatalogueReplicationPublic,
    RecordKind,
    RecordStatus,
)
from models.common import utcnow
from services.capabilities import Actor, Capability, as_role, can, require
from services.catalogue.common import clean_text, record_row, unit_name_of
from services.catalogue.photos import photo_public, record_photos
from services.catalogue.search_index import refresh_search, set_tags, set_words, tag_key
from services.errors import NotFound, UserError
from services.validation import year_problem

MAX_TAGS = 12

# Which status changes the editor offers, and what the button says.
TRANSITIONS: dict[str, dict[str, str]] = {
    RecordStatus.DRAFT: {
        RecordStatus.PENDING: "Gửi duyệt",
        RecordStatus.PUBLISHED: "Duyệt và công khai",
    },
    RecordStatus.PENDING: {
        RecordStatus.PUBLISHED: "Duyệt và công khai",
        RecordStatus.DRAFT: "Trả về nháp",
    },
    RecordStatus.PUBLISHED: {RecordStatus.ARCHIVED: "Lưu trữ", RecordStatus.DRAFT: "Gỡ về nháp"},
    RecordStatus.ARCHIVED: {
        RecordStatus.PUBLISHED: "Công khai lại",
        RecordStatus.DRAFT: "Đưa về nháp",
    },
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind) if kind in RecordKind._value2member_map_ else kind


def status_label(status: str) -> str:
    return (
        STATUS_LABELS.get(status, status) if status in RecordStatus._value2member_map_ else status
    )


def years_label(year_from: int, year_to: int) -> str:
    return str(year_from) if year_from == year_to else f"{year_from}–{year_to}"


def _clean_tags(tags: Iterable[str] | None) -> list[str]:
    seen: dict[str, str] = {}
    for tag in tags or []:
        label = " ".join(unicodedata.normalize("NFC", str(tag)).split())[:100]
        if label and tag_key(label) not in seen:
            seen[tag_key(label)] = label
    if len(seen) > MAX_TAGS:
        raise UserError(f"Mỗi hồ sơ có tối đa {MAX_TAGS} từ khóa.")
    return list(seen.values())


def _clean_figures(figures: Iterable[dict] | None) -> list[dict]:
    cleaned = []
    for item in figures or []:
        label = clean_text(str(item.get("label") or ""), 200)
        value = clean_text(str(item.get("value") or ""), 100)
        if label or value:
            if not label or not value:
                raise UserError("Mỗi kết quả cần có cả chỉ tiêu và số liệu.")
            cleaned.append({"label": label, "value": value})
    return cleaned[:20]


def _validate(session: Session, record: CatalogueRecord) -> None:
    if not record.name:
        raise UserError("Vui lòng nhập tên mô hình, điển hình.")
    if record.kind not in RecordKind._value2member_map_:
        raise UserError(f"Loại hồ sơ không hợp lệ: {record.kind}.")
    if record.unit_id is None or session.get(Unit, record.unit_id) is None:
        raise UserError("Vui lòng chọn đơn vị.")
    for year, label in ((record.year_from, "Năm bắt đầu"), (record.year_to, "Năm kết thúc")):
        if problem := year_problem(year, label):
            raise UserError(problem)
    if record.year_to < record.year_from:
        raise UserError("Năm kết thúc không được trước năm bắt đầu.")
    if record.status not in RecordStatus._value2member_map_:
        raise UserError(f"Trạng thái không hợp lệ: {record.status}.")


def _visible(record: CatalogueRecord, actor: Actor) -> bool:
    return can(actor, Capability.EDIT_CATALOGUE) or record.status == RecordStatus.PUBLISHED


def _public(session: Session, record: CatalogueRecord) -> CatalogueRecordPublic:
    photos = [photo_public(p) for p in record_photos(session, record.id)]
    replications = [
        CatalogueReplicationPublic.model_validate(r)
        for r in session.exec(
            select(CatalogueReplication)
            .where(CatalogueReplication.record_id == record.id)
            .order_by(CatalogueReplication.year, CatalogueReplication.id)
        )
    ]
    data = record.model_dump(exclude={"search_text", "search_exact", "sort_key", "created_by"})
    return CatalogueRecordPublic(
        **data,
        unit_name=unit_name_of(session, record.unit_id),
        cover=next((p for p in photos if p.is_cover), photos[0] if photos else None),
        photos=photos,
        replications=replications,
    )


# ---------------------------------------------------------------- records


def create_record(
    *, session: Session, record_in: CatalogueRecordCreate, actor: Actor
) -> CatalogueRecordPublic:
    require(actor, Capability.EDIT_CATALOGUE)
    record = CatalogueRecord(
        kind=record_in.kind,
        name=clean_text(record_in.name, 255),
        unit_id=record_in.unit_id,
        field=clean_text(record_in.field, 100),
        year_from=record_in.year_from,
        year_to=record_in.year_to,
        theme=clean_text(record_in.theme, 500),
        summary=clean_text(record_in.summary, 1000),
        story=clean_text(record_in.story, 100_000),
        figures=_clean_figures(record_in.figures),
        tags=_clean_tags(record_in.tags),
        featured=bool(record_in.featured),
        status=record_in.status,
        created_by=actor.id,
    )
    _validate(session, record)
    if record.status == RecordStatus.PUBLISHED:
        record.published_at = utcnow()
    refresh_search(session, record)
    session.add(record)
    session.flush()
    set_tags(session, record)
    set_words(session, record)
    session.flush()
    return _public(session, record)


def create_proposed_draft(
    *, session: Session, record_in: CatalogueRecordCreate, user_id: int | None
) -> CatalogueRecordPublic:
    """A draft proposed from another module (the notebook's committees), which checked its own
    access: always a draft, never featured; the organisers review and publish it here."""
    record_in = record_in.model_copy(update={"status": RecordStatus.DRAFT, "featured": False})
    return create_record(
        session=session, record_in=record_in, actor=as_role(Role.ORGANISER, user_id=user_id)
    )


def update_record(
    *, session: Session, record_id: int, record_in: CatalogueRecordUpdate, actor: Actor
) -> CatalogueRecordPublic:
    require(actor, Capability.EDIT_CATALOGUE)
    record = record_row(session, record_id)
    changes = record_in.model_dump(exclude_unset=True)
    limits = {"name": 255, "field": 100, "theme": 500, "summary": 1000, "story": 100_000}
    for key, value in changes.items():
        if key in limits:
            value = clean_text(value, limits[key])
        elif key == "tags":
            value = _clean_tags(value)
        elif key == "figures":
            value = _clean_figures(value)
        elif key == "featured":
            value = bool(value)
        setattr(record, key, value)
    _validate(session, record)
    record.updated_at = utcnow()
    refresh_search(session, record)
    session.add(record)
    session.flush()
    if "tags" in changes:
        set_tags(session, record)
    set_words(session, record)
    session.flush()
    return _public(session, record)


def set_status(
    *, session: Session, record_id: int, status: str, actor: Actor
) -> CatalogueRecordPublic:
    require(actor, Capability.PUBLISH_CATALOGUE)
    record = record_row(session, record_id)
    if status not in TRANSITIONS.get(record.status, {}):
        raise UserError(
            f"Không thể chuyển từ “{status_label(record.status)}” sang “{status_label(status)}”."
        )
    record.status = status
    record.updated_at = utcnow()
    if status == RecordStatus.PUBLISHED and record.published_at is None:
        record.published_at = utcnow()
    session.add(record)
    session.flush()
    return _public(session, record)


def set_featured(*, session: Session, record_id: int, featured: bool, actor: Actor) -> bool:
    require(actor, Capability.EDIT_CATALOGUE)
    record = record_row(session, record_id)
    record.featured = bool(featured)
    record.updated_at = utcnow()
    return record.featured


def get_record(*, session: Session, record_id: int, actor: Actor) -> CatalogueRecordPublic:
    """One record with photos and nhân rộng; a hidden record is simply "not found"."""
    record = session.get(CatalogueRecord, record_id)
    if record is None or not _visible(record, actor):
        raise NotFound("Không tìm thấy mô hình, điển hình này (có thể chưa được công khai).")
    return _public(session, record)


def count_records(*, session: Session) -> int:
    return session.exec(select(func.count()).select_from(CatalogueRecord)).one()


def record_choices(
    *, session: Session, actor: Actor, published_only: bool = True
) -> list[tuple[int, str]]:
    """(id, "name — unit") for pickers, in Vietnamese name order."""
    statement = select(CatalogueRecord.id, CatalogueRecord.name, CatalogueRecord.unit_id)
    if published_only or not can(actor, Capability.EDIT_CATALOGUE):
        statement = statement.where(CatalogueRecord.status == RecordStatus.PUBLISHED)
    names = dict(session.exec(select(Unit.id, Unit.name)).all())
    rows = session.exec(statement.order_by(CatalogueRecord.sort_key, CatalogueRecord.id)).all()
    return [(rid, f"{name} — {names.get(uid, '')}") for rid, name, uid in rows]


def record_statuses(*, session: Session) -> list[tuple[int, str]]:
    return [
        (rid, status)
        for rid, status in session.exec(select(CatalogueRecord.id, CatalogueRecord.status)).all()
    ]


def records_for_export(
    *,
    session: Session,
    actor: Actor,
    record_ids: list[int] | None = None,
    featured_only: bool = False,
    year_from: int | None = None,
    year_to: int | None = None,
    published_only: bool = False,
) -> list[CatalogueRecordPublic]:
    """Full records (with photos and nhân rộng) for Excel, PDF and DOCX exports."""
    statement = select(CatalogueRecord)
    if published_only or not can(actor, Capability.EDIT_CATALOGUE):
        statement = statement.where(CatalogueRecord.status == RecordStatus.PUBLISHED)
    if record_ids:
        statement = statement.where(col(CatalogueRecord.id).in_(record_ids))
    if featured_only:
        statement = statement.where(col(CatalogueRecord.featured).is_(True))
    if year_from is not None:
        statement = statement.where(CatalogueRecord.year_to >= year_from)
    if year_to is not None:
        statement = statement.where(CatalogueRecord.year_from <= year_to)
    records = session.exec(statement.order_by(CatalogueRecord.sort_key, CatalogueRecord.id)).all()
    return [_public(session, r) for r in records]
