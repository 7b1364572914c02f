"""The slideshow's slides: featured (or chosen) published records, each with its large cover."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from models.accounts import Unit
from models.catalogue import CatalogueRecord, RecordStatus
from services import media
from services.capabilities import Actor
from services.catalogue.photos import cover_photos
from services.catalogue.records import kind_label, years_label


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
    covers = cover_photos(session, [r.id for r in records])
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
