"""The gallery query: filters, ranking, sorting and paging in SQL, and the filters' facets."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import and_, case, func
from sqlmodel import Session, col, select

from models.accounts import Unit
from models.catalogue import (
    CatalogueCard,
    CatalogueRecord,
    CatalogueTag,
    RecordStatus,
)
from services import media
from services.capabilities import Actor, Capability, can
from services.catalogue.photos import cover_photos
from services.catalogue.search_index import search_words, word_prefix
from services.units import descendant_ids
from services.vi import collation_key

PER_PAGE = 24
COUNT_CAP = 10_000

SORT_NEWEST = "moi_nhat"
SORT_NAME = "ten"
SORT_LABELS = {SORT_NEWEST: "Mới nhất (tiêu biểu trước)", SORT_NAME: "Tên (A → Z)"}


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
        conditions.append(col(CatalogueRecord.id).in_(word_prefix(term[:64])))
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
    covers = cover_photos(session, [row.id for row in rows])
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
