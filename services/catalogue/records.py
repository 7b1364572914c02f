"""The catalogue of mô hình and điển hình tiên tiến: records, photos, nhân rộng, the gallery query.

Members and leaders only ever see published records ("Công khai"); organisers and admins see
every status and are the only ones who change anything. Filtering, ranking and paging all run
in the database, on a stored accent-free search column and a stored Vietnamese sort key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import and_, case, delete, func, insert
from sqlmodel import Session, col, select

from models.accounts import Role, Unit
from models.catalogue import (
    KIND_LABELS,
    STATUS_LABELS,
    CatalogueCard,
    CataloguePhoto,
    CataloguePhotoPublic,
    CataloguePhotoUpdate,
    CatalogueRecord,
    CatalogueRecordCreate,
    CatalogueRecordPublic,
    CatalogueRecordUpdate,
    CatalogueReplication,
    CatalogueReplicationCreate,
    CatalogueReplicationPublic,
    CatalogueTag,
    CatalogueWord,
    RecordKind,
    RecordStatus,
)
from models.common import utcnow
from services import media
from services.capabilities import Actor, Capability, as_role, can, require
from services.errors import NotFound, UserError
from services.units import descendant_ids
from services.validation import year_problem
from services.vi import collation_key, collation_string, unaccent

_NON_WORD = re.compile(r"[^\w]+")
PER_PAGE = 24
COUNT_CAP = 10_000
MAX_PHOTOS_PER_RECORD = 40
MAX_TAGS = 12

SORT_NEWEST = "moi_nhat"
SORT_NAME = "ten"
SORT_LABELS = {SORT_NEWEST: "Mới nhất (tiêu biểu trước)", SORT_NAME: "Tên (A → Z)"}

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


# ---------------------------------------------------------------- helpers


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind) if kind in RecordKind._value2member_map_ else kind


def status_label(status: str) -> str:
    return (
        STATUS_LABELS.get(status, status) if status in RecordStatus._value2member_map_ else status
    )


def years_label(year_from: int, year_to: int) -> str:
    return str(year_from) if year_from == year_to else f"{year_from}–{year_to}"


def sort_key_for(text: str) -> str:
    """Vietnamese dictionary order as digits (services.vi.collation_string), for the column."""
    return collation_string(text[:60])


def search_words(text: str) -> str:
    """Accent-free words, each preceded by a space, so " hieu" matches at a word start only."""
    return " " + " ".join(_NON_WORD.sub(" ", unaccent(text)).split())


def tag_key(label: str) -> str:
    return unaccent(label)[:100]


def _clean_text(value: str | None, limit: int) -> str:
    text = unicodedata.normalize("NFC", (value or "").replace("\r\n", "\n")).strip()
    return text[:limit]


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
        label = _clean_text(str(item.get("label") or ""), 200)
        value = _clean_text(str(item.get("value") or ""), 100)
        if label or value:
            if not label or not value:
                raise UserError("Mỗi kết quả cần có cả chỉ tiêu và số liệu.")
            cleaned.append({"label": label, "value": value})
    return cleaned[:20]


def _unit_name(session: Session, unit_id: int | None) -> str:
    if unit_id is None:
        return ""
    unit = session.get(Unit, unit_id)
    return unit.name if unit else ""


def _refresh_search(session: Session, record: CatalogueRecord) -> None:
    unit_name = _unit_name(session, record.unit_id)
    parts = [
        record.name,
        unit_name,
        record.field,
        " ".join(record.tags or []),
        record.theme,
        record.summary,
    ]
    record.search_text = search_words(" ".join(p for p in parts if p))
    record.search_exact = "\n".join(
        " ".join(unicodedata.normalize("NFC", p).lower().split()) for p in parts if p
    )
    record.sort_key = sort_key_for(record.name)


def _set_words(session: Session, record: CatalogueRecord) -> None:
    """The word index of the search text (delete and insert: a record has a few dozen words)."""
    session.exec(delete(CatalogueWord).where(CatalogueWord.record_id == record.id))
    words = {word[:64] for word in record.search_text.split()}
    if words:
        session.exec(
            insert(CatalogueWord),
            params=[{"record_id": record.id, "word": word} for word in sorted(words)],
        )


def _word_prefix(term: str):
    """Records having a word that starts with `term`, as an indexed range on catalogue_word."""
    upper = term[:-1] + chr(ord(term[-1]) + 1)
    return select(CatalogueWord.record_id).where(
        CatalogueWord.word >= term, CatalogueWord.word < upper
    )


def _set_tags(session: Session, record: CatalogueRecord) -> None:
    for row in session.exec(select(CatalogueTag).where(CatalogueTag.record_id == record.id)):
        session.delete(row)
    session.flush()
    for label in record.tags or []:
        session.add(CatalogueTag(record_id=record.id, key=tag_key(label), label=label))


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


def _get_record(session: Session, record_id: int) -> CatalogueRecord:
    record = session.get(CatalogueRecord, record_id)
    if record is None:
        raise NotFound("Không tìm thấy mô hình, điển hình này.")
    return record


def _visible(record: CatalogueRecord, actor: Actor) -> bool:
    return can(actor, Capability.EDIT_CATALOGUE) or record.status == RecordStatus.PUBLISHED


def _photo_public(photo: CataloguePhoto) -> CataloguePhotoPublic:
    return CataloguePhotoPublic(
        id=photo.id,
        record_id=photo.record_id,
        caption=photo.caption,
        position=photo.position,
        is_cover=photo.is_cover,
        original_name=photo.original_name,
        width=photo.width,
        height=photo.height,
        thumb_url=media.media_url(photo.thumb_path),
        card_url=media.media_url(photo.card_path),
        large_url=media.media_url(photo.large_path),
    )


def _photos(session: Session, record_id: int) -> list[CataloguePhoto]:
    return list(
        session.exec(
            select(CataloguePhoto)
            .where(CataloguePhoto.record_id == record_id)
            .order_by(CataloguePhoto.position, CataloguePhoto.id)
        )
    )


def _public(session: Session, record: CatalogueRecord) -> CatalogueRecordPublic:
    photos = [_photo_public(p) for p in _photos(session, record.id)]
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
        unit_name=_unit_name(session, record.unit_id),
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
        name=_clean_text(record_in.name, 255),
        unit_id=record_in.unit_id,
        field=_clean_text(record_in.field, 100),
        year_from=record_in.year_from,
        year_to=record_in.year_to,
        theme=_clean_text(record_in.theme, 500),
        summary=_clean_text(record_in.summary, 1000),
        story=_clean_text(record_in.story, 100_000),
        figures=_clean_figures(record_in.figures),
        tags=_clean_tags(record_in.tags),
        featured=bool(record_in.featured),
        status=record_in.status,
        created_by=actor.id,
    )
    _validate(session, record)
    if record.status == RecordStatus.PUBLISHED:
        record.published_at = utcnow()
    _refresh_search(session, record)
    session.add(record)
    session.flush()
    _set_tags(session, record)
    _set_words(session, record)
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
    record = _get_record(session, record_id)
    changes = record_in.model_dump(exclude_unset=True)
    limits = {"name": 255, "field": 100, "theme": 500, "summary": 1000, "story": 100_000}
    for key, value in changes.items():
        if key in limits:
            value = _clean_text(value, limits[key])
        elif key == "tags":
            value = _clean_tags(value)
        elif key == "figures":
            value = _clean_figures(value)
        elif key == "featured":
            value = bool(value)
        setattr(record, key, value)
    _validate(session, record)
    record.updated_at = utcnow()
    _refresh_search(session, record)
    session.add(record)
    session.flush()
    if "tags" in changes:
        _set_tags(session, record)
    _set_words(session, record)
    session.flush()
    return _public(session, record)


def set_status(
    *, session: Session, record_id: int, status: str, actor: Actor
) -> CatalogueRecordPublic:
    require(actor, Capability.PUBLISH_CATALOGUE)
    record = _get_record(session, record_id)
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
    record = _get_record(session, record_id)
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


# ---------------------------------------------------------------- photos


@dataclass
class PhotoUploadResult:
    added: list[CataloguePhotoPublic] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # one Vietnamese message per file


def _ensure_one_cover(session: Session, record_id: int) -> None:
    photos = _photos(session, record_id)
    covers = [p for p in photos if p.is_cover]
    if photos and not covers:
        photos[0].is_cover = True
    for extra in covers[1:]:
        extra.is_cover = False


def _renumber(photos: list[CataloguePhoto]) -> None:
    for index, photo in enumerate(photos):
        photo.position = index


def add_photos(
    *,
    session: Session,
    record_id: int,
    uploads: list[tuple[str, bytes]],
    media_dir: Path,
    actor: Actor,
    captions: list[str] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> PhotoUploadResult:
    """Run each upload through the image pipeline; keep the good ones, name the bad ones."""
    require(actor, Capability.EDIT_CATALOGUE)
    _get_record(session, record_id)
    existing = _photos(session, record_id)
    if len(existing) + len(uploads) > MAX_PHOTOS_PER_RECORD:
        raise UserError(f"Mỗi hồ sơ có tối đa {MAX_PHOTOS_PER_RECORD} ảnh.")
    result = PhotoUploadResult()
    position = len(existing)
    for index, (file_name, data) in enumerate(uploads):
        if progress:
            progress(index, len(uploads), media.clean_file_name(file_name))
        try:
            stored = media.process_image(data=data, file_name=file_name, media_dir=media_dir)
        except media.ImageRejected as exc:
            result.rejected.append(str(exc))
            continue
        caption = (captions[index] if captions and index < len(captions) else "") or ""
        photo = CataloguePhoto(
            record_id=record_id,
            caption=_clean_text(caption, 500),
            position=position,
            is_cover=False,
            original_name=stored.original_name,
            content_hash=stored.content_hash,
            width=stored.width,
            height=stored.height,
            thumb_path=stored.thumb,
            card_path=stored.card,
            large_path=stored.large,
        )
        session.add(photo)
        session.flush()
        position += 1
        result.added.append(photo)
    if progress:
        progress(len(uploads), len(uploads), "")
    session.flush()
    _ensure_one_cover(session, record_id)
    session.flush()
    result.added = [_photo_public(p) for p in result.added]
    return result


def _get_photo(session: Session, photo_id: int) -> CataloguePhoto:
    photo = session.get(CataloguePhoto, photo_id)
    if photo is None:
        raise NotFound("Không tìm thấy ảnh.")
    return photo


def update_photo(
    *, session: Session, photo_id: int, photo_in: CataloguePhotoUpdate, actor: Actor
) -> CataloguePhotoPublic:
    require(actor, Capability.EDIT_CATALOGUE)
    photo = _get_photo(session, photo_id)
    changes = photo_in.model_dump(exclude_unset=True)
    if "caption" in changes:
        photo.caption = _clean_text(changes["caption"], 500)
    if changes.get("is_cover"):
        for other in _photos(session, photo.record_id):
            other.is_cover = other.id == photo.id
    if "position" in changes and changes["position"] is not None:
        photos = [p for p in _photos(session, photo.record_id) if p.id != photo.id]
        target = max(0, min(int(changes["position"]), len(photos)))
        photos.insert(target, photo)
        _renumber(photos)
    session.flush()
    return _photo_public(photo)


def move_photo(*, session: Session, photo_id: int, step: int, actor: Actor) -> None:
    require(actor, Capability.EDIT_CATALOGUE)
    photo = _get_photo(session, photo_id)
    photos = _photos(session, photo.record_id)
    index = next(i for i, p in enumerate(photos) if p.id == photo.id)
    target = max(0, min(index + step, len(photos) - 1))
    photos.insert(target, photos.pop(index))
    _renumber(photos)
    session.flush()


def delete_photo(*, session: Session, photo_id: int, actor: Actor) -> None:
    """Remove the photo from its record. Files stay (content-addressed, maybe shared)."""
    require(actor, Capability.EDIT_CATALOGUE)
    photo = _get_photo(session, photo_id)
    record_id = photo.record_id
    session.delete(photo)
    session.flush()
    _renumber(_photos(session, record_id))
    _ensure_one_cover(session, record_id)
    session.flush()


# ---------------------------------------------------------------- nhân rộng


def add_replication(
    *, session: Session, record_id: int, replication_in: CatalogueReplicationCreate, actor: Actor
) -> CatalogueReplicationPublic:
    require(actor, Capability.EDIT_CATALOGUE)
    record = _get_record(session, record_id)
    if record.kind != RecordKind.MODEL:
        raise UserError("Chỉ mô hình mới có đơn vị nhân rộng.")
    unit_name = _clean_text(replication_in.unit_name, 255)
    if replication_in.unit_id is not None:
        unit = session.get(Unit, replication_in.unit_id)
        if unit is None:
            raise UserError("Đơn vị nhân rộng không tồn tại.")
        unit_name = unit.name
    if not unit_name:
        raise UserError("Vui lòng chọn hoặc nhập đơn vị nhân rộng.")
    if problem := year_problem(replication_in.year, "Năm nhân rộng"):
        raise UserError(problem)
    if replication_in.year < record.year_from:
        raise UserError(f"Năm nhân rộng không được trước năm có mô hình ({record.year_from}).")
    row = CatalogueReplication(
        record_id=record_id,
        unit_id=replication_in.unit_id,
        unit_name=unit_name,
        year=replication_in.year,
        note=_clean_text(replication_in.note, 500),
    )
    session.add(row)
    session.flush()
    return CatalogueReplicationPublic.model_validate(row)


def delete_replication(*, session: Session, replication_id: int, actor: Actor) -> None:
    require(actor, Capability.EDIT_CATALOGUE)
    row = session.get(CatalogueReplication, replication_id)
    if row is None:
        raise NotFound("Không tìm thấy đơn vị nhân rộng.")
    session.delete(row)


# ---------------------------------------------------------------- the gallery query


@dataclass(frozen=True)
class GalleryQuery:
    text: str = ""
    kind: str | None = None
    field: str | None = None
    unit_id: int | None = None
    year: int | None = None
    tag: str | None = None  # tag key (accent-free)
    featured_only: bool = False
    status: str | None = None  # editors only; viewers always get published records
    sort: str = SORT_NEWEST
    page: int = 1
    per_page: int = PER_PAGE


@dataclass(frozen=True)
class GalleryPage:
    cards: list[CatalogueCard]
    total: int
    page: int
    pages: int
    per_page: int
    more: bool = False  # more than `total` match (the count stopped at COUNT_CAP)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(session: Session, query: GalleryQuery, actor: Actor) -> list:
    conditions = []
    if can(actor, Capability.EDIT_CATALOGUE):
        if query.status:
            conditions.append(CatalogueRecord.status == query.status)
    else:
        conditions.append(CatalogueRecord.status == RecordStatus.PUBLISHED)
    if query.kind:
        conditions.append(CatalogueRecord.kind == query.kind)
    if query.field:
        conditions.append(CatalogueRecord.field == query.field)
    if query.unit_id is not None:
        ids = descendant_ids(session=session, unit_id=query.unit_id)
        conditions.append(col(CatalogueRecord.unit_id).in_(sorted(ids)))
    if query.year is not None:
        conditions.append(
            and_(CatalogueRecord.year_from <= query.year, CatalogueRecord.year_to >= query.year)
        )
    if query.tag:
        conditions.append(
            col(CatalogueRecord.id).in_(
                select(CatalogueTag.record_id).where(CatalogueTag.key == query.tag)
            )
        )
    if query.featured_only:
        conditions.append(col(CatalogueRecord.featured).is_(True))
    for term in search_words(query.text).split()[:8]:
        conditions.append(col(CatalogueRecord.id).in_(_word_prefix(term[:64])))
    return conditions


def _rank(query: GalleryQuery):
    """0: the words as typed, accents included; 1: the phrase without accents; 2: the rest."""
    exact = " ".join(unicodedata.normalize("NFC", query.text).lower().split())
    plain = search_words(query.text)
    return case(
        (col(CatalogueRecord.search_exact).like(f"%{_like_escape(exact)}%", escape="\\"), 0),
        (col(CatalogueRecord.search_text).like(f"%{_like_escape(plain)}%", escape="\\"), 1),
        else_=2,
    )


def search_gallery(*, session: Session, query: GalleryQuery, actor: Actor) -> GalleryPage:
    """One page of cards, filtered, ranked, sorted and paged in SQL."""
    conditions = _conditions(session, query, actor)
    # Counting stops at COUNT_CAP: the page costs the same with 10,000 matches or 100,000.
    matching = select(CatalogueRecord.id).where(*conditions).limit(COUNT_CAP + 1).subquery()
    counted = session.exec(select(func.count()).select_from(matching)).one()
    total = min(counted, COUNT_CAP)
    per_page = max(1, min(query.per_page, 100))
    pages = max(1, -(-total // per_page))
    page = max(1, min(query.page, pages))
    order = []
    if query.text.strip():
        order.append(_rank(query))
    if query.sort == SORT_NAME:
        order += [CatalogueRecord.sort_key, CatalogueRecord.id]
    else:
        order += [
            col(CatalogueRecord.featured).desc(),
            col(CatalogueRecord.year_to).desc(),
            col(CatalogueRecord.id).desc(),
        ]
    rows = session.exec(
        select(
            CatalogueRecord.id,
            CatalogueRecord.kind,
            CatalogueRecord.name,
            CatalogueRecord.unit_id,
            CatalogueRecord.field,
            CatalogueRecord.year_from,
            CatalogueRecord.year_to,
            CatalogueRecord.featured,
            CatalogueRecord.status,
            CatalogueRecord.summary,
        )
        .where(*conditions)
        .order_by(*order)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    covers = _covers(session, [row.id for row in rows])
    unit_ids = {row.unit_id for row in rows if row.unit_id is not None}
    unit_names = (
        dict(session.exec(select(Unit.id, Unit.name).where(col(Unit.id).in_(unit_ids))).all())
        if unit_ids
        else {}
    )
    cards = []
    for row in rows:
        cover = covers.get(row.id)
        cards.append(
            CatalogueCard(
                id=row.id,
                kind=row.kind,
                name=row.name,
                unit_name=unit_names.get(row.unit_id, ""),
                field=row.field,
                year_from=row.year_from,
                year_to=row.year_to,
                featured=row.featured,
                status=row.status,
                summary=row.summary,
                cover_card_url=media.media_url(cover.card_path) if cover else None,
                cover_large_url=media.media_url(cover.large_path) if cover else None,
            )
        )
    return GalleryPage(
        cards=cards,
        total=total,
        page=page,
        pages=pages,
        per_page=per_page,
        more=counted > COUNT_CAP,
    )


def _covers(session: Session, record_ids: list[int]) -> dict[int, CataloguePhoto]:
    if not record_ids:
        return {}
    photos = session.exec(
        select(CataloguePhoto).where(
            col(CataloguePhoto.record_id).in_(record_ids), col(CataloguePhoto.is_cover).is_(True)
        )
    ).all()
    return {p.record_id: p for p in photos}


@dataclass(frozen=True)
class Facets:
    fields: list[tuple[str, int]]
    tags: list[tuple[str, str, int]]  # key, label, count
    years: list[int]
    kinds: list[tuple[str, int]]


def gallery_facets(*, session: Session, actor: Actor) -> Facets:
    """The choices for the filters, counted over what this actor may see."""
    visible = (
        []
        if can(actor, Capability.EDIT_CATALOGUE)
        else [CatalogueRecord.status == RecordStatus.PUBLISHED]
    )
    fields = session.exec(
        select(CatalogueRecord.field, func.count())
        .where(*visible, CatalogueRecord.field != "")
        .group_by(CatalogueRecord.field)
    ).all()
    kinds = session.exec(
        select(CatalogueRecord.kind, func.count()).where(*visible).group_by(CatalogueRecord.kind)
    ).all()
    tag_rows = session.exec(
        select(CatalogueTag.key, func.min(CatalogueTag.label), func.count())
        .join(CatalogueRecord, CatalogueRecord.id == CatalogueTag.record_id)
        .where(*visible)
        .group_by(CatalogueTag.key)
    ).all()
    span = session.exec(
        select(func.min(CatalogueRecord.year_from), func.max(CatalogueRecord.year_to)).where(
            *visible
        )
    ).one()
    years = list(range(span[1], span[0] - 1, -1)) if span[0] is not None else []
    return Facets(
        fields=sorted(((f, n) for f, n in fields), key=lambda item: collation_key(item[0])),
        tags=sorted(((k, lbl, n) for k, lbl, n in tag_rows), key=lambda t: collation_key(t[1])),
        years=years,
        kinds=[(k, n) for k, n in kinds],
    )


# ---------------------------------------------------------------- slideshow and lists


@dataclass(frozen=True)
class Slide:
    record_id: int
    name: str
    unit_name: str
    kind: str
    years: str
    line: str  # a line of achievement
    image_url: str | None
    caption: str


def _achievement_line(record: CatalogueRecord) -> str:
    if record.figures:
        first = record.figures[0]
        return f"{first['label']}: {first['value']}"
    return record.summary[:180]


def slideshow(
    *, session: Session, actor: Actor, record_ids: list[int] | None = None, limit: int = 60
) -> list[Slide]:
    """Featured published records (or the chosen ones), each with its cover in large size."""
    statement = select(CatalogueRecord).where(CatalogueRecord.status == RecordStatus.PUBLISHED)
    if record_ids:
        statement = statement.where(col(CatalogueRecord.id).in_(record_ids))
    else:
        statement = statement.where(col(CatalogueRecord.featured).is_(True))
    records = session.exec(
        statement.order_by(col(CatalogueRecord.year_to).desc(), CatalogueRecord.id).limit(limit)
    ).all()
    if record_ids:
        order = {rid: i for i, rid in enumerate(record_ids)}
        records = sorted(records, key=lambda r: order.get(r.id, 0))
    covers = _covers(session, [r.id for r in records])
    names = dict(session.exec(select(Unit.id, Unit.name)).all())
    slides = []
    for record in records:
        cover = covers.get(record.id)
        slides.append(
            Slide(
                record_id=record.id,
                name=record.name,
                unit_name=names.get(record.unit_id, ""),
                kind=kind_label(record.kind),
                years=years_label(record.year_from, record.year_to),
                line=_achievement_line(record),
                image_url=media.media_url(cover.large_path) if cover else None,
                caption=cover.caption if cover else "",
            )
        )
    return slides


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


# ---------------------------------------------------------------- safe Markdown, awards hook

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*([^)\s]*)[^)]*\)")
_TAG = re.compile(r"<[^>\n]*>")


# Stories are parsed by a real Markdown parser (CommonMark, raw HTML off so any tag is shown as
# typed) and then cleaned by an HTML sanitiser: no regular expression has to guess every form an
# image can take (inline, reference, nested in a link, raw HTML). Only our own `/files/…` images
# survive; a remote one would tell its server who reads the story, and when.
_OWN_IMAGE = re.compile(r"^/files/[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")
_SAFE_LINK = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
_STORY_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "s",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "a",
    "img",
}
_STORY_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}


def _story_parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("strikethrough")


def _defuse(tokens) -> None:
    """Remote or odd images become their alt text; links to anything but http(s) and mailto
    become their words (markdown-it has resolved reference definitions and autolinks already)."""
    from markdown_it.token import Token

    for block in tokens:
        if not block.children:
            continue
        children, unsafe_links = [], []
        for token in block.children:
            if token.type == "image" and not _OWN_IMAGE.match(str(token.attrGet("src") or "")):
                children.append(Token("text", "", 0, content=token.content))
                continue
            if token.type == "link_open":
                unsafe = not _SAFE_LINK.match(str(token.attrGet("href") or ""))
                unsafe_links.append(unsafe)
                if unsafe:
                    continue
            if token.type == "link_close" and unsafe_links and unsafe_links.pop():
                continue
            children.append(token)
        block.children = children


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if _OWN_IMAGE.match(value) else None
    if tag == "a" and attribute == "href":
        return value if _SAFE_LINK.match(value) else None
    return value


def story_html(text: str) -> str:
    """The story as sanitised HTML (for `st.html`, which adds no Markdown pass of its own):
    headings, lists, emphasis, quotes, code, http(s)/mailto links and our own images only."""
    import nh3

    parser = _story_parser()
    tokens = parser.parse(text or "")
    _defuse(tokens)
    html = parser.renderer.render(tokens, parser.options, {})
    return nh3.clean(
        html,
        tags=_STORY_TAGS,
        attributes=_STORY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        attribute_filter=_keep_attribute,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def safe_markdown(text: str) -> str:
    """Kept for callers that still hand the story to `st.markdown`: the sanitised HTML."""
    return story_html(text)


_MARKS = re.compile(r"(\*\*|__|\*|`)")  # bold, italic and code marks, dropped in print


def story_blocks(markdown: str) -> list[tuple[str, str]]:
    """The story as ("heading" | "bullet" | "text", plain words) blocks, for PDF and DOCX: the
    yearbook keeps its headings and lists without ever interpreting HTML."""
    text = _IMAGE.sub(lambda m: m.group(1), markdown or "")
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _TAG.sub("", text)
    blocks: list[tuple[str, str]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(("text", " ".join(paragraph)))
            paragraph.clear()

    for line in text.split("\n"):
        bullet = re.match(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*)$", line)
        words = _MARKS.sub("", bullet.group(1) if bullet else line).strip()
        heading = None if bullet else re.match(r"^#{1,6}\s*(.*)$", words)
        if not words:
            flush()
        elif heading or bullet:
            flush()
            blocks.append(("heading", heading.group(1).strip()) if heading else ("bullet", words))
        else:
            paragraph.append(words)
    flush()
    return [(kind, words) for kind, words in blocks if words]


# Tried in order; the commendations module offers the first one.
