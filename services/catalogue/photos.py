"""A record's photos: upload through the image pipeline, caption, order, cover, remove."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, col, select

from models.catalogue import CataloguePhoto, CataloguePhotoPublic, CataloguePhotoUpdate
from services import media
from services.capabilities import Actor, Capability, require
from services.catalogue.common import clean_text, record_row
from services.errors import NotFound, UserError

MAX_PHOTOS_PER_RECORD = 40


def photo_public(photo: CataloguePhoto) -> CataloguePhotoPublic:
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


def record_photos(session: Session, record_id: int) -> list[CataloguePhoto]:
    return list(
        session.exec(
            select(CataloguePhoto)
            .where(CataloguePhoto.record_id == record_id)
            .order_by(CataloguePhoto.position, CataloguePhoto.id)
        )
    )


@dataclass
class PhotoUploadResult:
    added: list[CataloguePhotoPublic] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # one Vietnamese message per file


def _ensure_one_cover(session: Session, record_id: int) -> None:
    photos = record_photos(session, record_id)
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
    record_row(session, record_id)
    existing = record_photos(session, record_id)
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
            caption=clean_text(caption, 500),
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
    result.added = [photo_public(p) for p in result.added]
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
        photo.caption = clean_text(changes["caption"], 500)
    if changes.get("is_cover"):
        for other in record_photos(session, photo.record_id):
            other.is_cover = other.id == photo.id
    if "position" in changes and changes["position"] is not None:
        photos = [p for p in record_photos(session, photo.record_id) if p.id != photo.id]
        target = max(0, min(int(changes["position"]), len(photos)))
        photos.insert(target, photo)
        _renumber(photos)
    session.flush()
    return photo_public(photo)


def move_photo(*, session: Session, photo_id: int, step: int, actor: Actor) -> None:
    require(actor, Capability.EDIT_CATALOGUE)
    photo = _get_photo(session, photo_id)
    photos = record_photos(session, photo.record_id)
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
    _renumber(record_photos(session, record_id))
    _ensure_one_cover(session, record_id)
    session.flush()


def cover_photos(session: Session, record_ids: list[int]) -> dict[int, CataloguePhoto]:
    if not record_ids:
        return {}
    photos = session.exec(
        select(CataloguePhoto).where(
            col(CataloguePhoto.record_id).in_(record_ids), col(CataloguePhoto.is_cover).is_(True)
        )
    ).all()
    return {p.record_id: p for p in photos}
