"""Tables of the catalogue module: mô hình and điển hình tiên tiến, their photos, tags and the
units that copied a mô hình (nhân rộng).

The main table is ``catalogue_record``; other modules (commendations) point at it by foreign key.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, Index, Text
from sqlmodel import Field, SQLModel

from models.common import optional_timestamp_field, timestamp_field


class RecordKind(StrEnum):
    MODEL = "mo_hinh"
    INDIVIDUAL = "ca_nhan"
    COLLECTIVE = "tap_the"


KIND_LABELS = {
    RecordKind.MODEL: "Mô hình",
    RecordKind.INDIVIDUAL: "Điển hình cá nhân",
    RecordKind.COLLECTIVE: "Điển hình tập thể",
}


class RecordStatus(StrEnum):
    DRAFT = "nhap"
    PENDING = "cho_duyet"
    PUBLISHED = "cong_khai"
    ARCHIVED = "luu_tru"


STATUS_LABELS = {
    RecordStatus.DRAFT: "Nháp",
    RecordStatus.PENDING: "Chờ duyệt",
    RecordStatus.PUBLISHED: "Công khai",
    RecordStatus.ARCHIVED: "Lưu trữ",
}


class CatalogueRecordBase(SQLModel):
    kind: str = Field(default=RecordKind.MODEL, max_length=16, index=True)
    name: str = Field(max_length=255)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    field: str = Field(default="", max_length=100, index=True)
    year_from: int = Field(ge=1945, le=2100)
    year_to: int = Field(ge=1945, le=2100)
    theme: str = Field(default="", max_length=500)
    summary: str = Field(default="", max_length=1000)
    story: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    figures: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    featured: bool = Field(default=False)


class CatalogueRecord(CatalogueRecordBase, table=True):
    __tablename__ = "catalogue_record"
    __table_args__ = (
        Index("ix_catalogue_record_listing", "status", "featured", "year_to", "id"),
        Index("ix_catalogue_record_sort_key", "status", "sort_key"),
        # Covering indexes for the facet counts (index-only scans).
        Index("ix_catalogue_record_status_field", "status", "field"),
        Index("ix_catalogue_record_status_kind", "status", "kind"),
        Index("ix_catalogue_record_status_years", "status", "year_from", "year_to"),
    )

    id: int | None = Field(default=None, primary_key=True)
    status: str = Field(default=RecordStatus.DRAFT, max_length=16)
    # Accent-free, lower-case text of name, unit, field, theme, summary and tags: the search.
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # Lower-case text with its accents, to rank exact-accent matches first.
    search_exact: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # Vietnamese dictionary order as plain digits, so the database can sort by name.
    sort_key: str = Field(default="", max_length=400)
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()
    published_at: datetime | None = optional_timestamp_field()


class CatalogueRecordCreate(CatalogueRecordBase):
    status: str = RecordStatus.DRAFT


class CatalogueRecordUpdate(SQLModel):
    kind: str | None = None
    name: str | None = None
    unit_id: int | None = None
    field: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    theme: str | None = None
    summary: str | None = None
    story: str | None = None
    figures: list[dict] | None = None
    tags: list[str] | None = None
    featured: bool | None = None


class CataloguePhotoBase(SQLModel):
    caption: str = Field(default="", max_length=500)
    position: int = Field(default=0)
    is_cover: bool = Field(default=False)


class CataloguePhoto(CataloguePhotoBase, table=True):
    __tablename__ = "catalogue_photo"

    id: int | None = Field(default=None, primary_key=True)
    record_id: int = Field(foreign_key="catalogue_record.id", index=True)
    # The user's file name, kept only as text; files are stored under their content hash.
    original_name: str = Field(default="", max_length=255)
    content_hash: str = Field(max_length=64, index=True)
    width: int = 0
    height: int = 0
    thumb_path: str = Field(max_length=255)
    card_path: str = Field(max_length=255)
    large_path: str = Field(max_length=255)
    created_at: datetime = timestamp_field()


class CataloguePhotoUpdate(SQLModel):
    caption: str | None = None
    position: int | None = None
    is_cover: bool | None = None


class CataloguePhotoPublic(CataloguePhotoBase):
    id: int
    record_id: int
    original_name: str
    width: int
    height: int
    thumb_url: str
    card_url: str
    large_url: str


class CatalogueTag(SQLModel, table=True):
    """One tag of one record, with its accent-free key for filtering and facets."""

    __tablename__ = "catalogue_tag"
    __table_args__ = (Index("ix_catalogue_tag_key_record", "key", "record_id"),)

    record_id: int = Field(foreign_key="catalogue_record.id", primary_key=True)
    key: str = Field(max_length=100, primary_key=True)
    label: str = Field(max_length=100)


class CatalogueWord(SQLModel, table=True):
    """Each accent-free word of a record's search text: word-prefix search through an index,
    so searching stays as fast with 100,000 records as with 1,000."""

    __tablename__ = "catalogue_word"
    __table_args__ = (Index("ix_catalogue_word_word_record", "word", "record_id"),)

    record_id: int = Field(foreign_key="catalogue_record.id", primary_key=True)
    word: str = Field(max_length=64, primary_key=True)


class CatalogueReplicationBase(SQLModel):
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    unit_name: str = Field(default="", max_length=255)
    year: int = Field(ge=1945, le=2100)
    note: str = Field(default="", max_length=500)


class CatalogueReplication(CatalogueReplicationBase, table=True):
    """A unit that copied a mô hình (nhân rộng), and when."""

    __tablename__ = "catalogue_replication"

    id: int | None = Field(default=None, primary_key=True)
    record_id: int = Field(foreign_key="catalogue_record.id", index=True)


class CatalogueReplicationCreate(CatalogueReplicationBase):
    pass


class CatalogueReplicationPublic(CatalogueReplicationBase):
    id: int
    record_id: int


class CatalogueRecordPublic(CatalogueRecordBase):
    id: int
    status: str
    unit_name: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    published_at: datetime | None = None
    cover: CataloguePhotoPublic | None = None
    photos: list[CataloguePhotoPublic] = []
    replications: list[CatalogueReplicationPublic] = []


class CatalogueCard(SQLModel):
    """What a gallery card needs, nothing more."""

    id: int
    kind: str
    name: str
    unit_name: str
    field: str
    year_from: int
    year_to: int
    featured: bool
    status: str
    summary: str
    cover_card_url: str | None = None
    cover_large_url: str | None = None


class DisplayLinkBase(SQLModel):
    label: str = Field(max_length=200)
    record_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    interval_seconds: int = Field(default=10, ge=3, le=300)


class DisplayLink(DisplayLinkBase, table=True):
    """A link for the screen in a tradition room: it plays the slideshow (public records only)
    without a login, until an organiser revokes it. Only the token's hash is stored."""

    __tablename__ = "catalogue_display_link"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = timestamp_field()
    last_seen_at: datetime | None = optional_timestamp_field()
    revoked_at: datetime | None = optional_timestamp_field()


class DisplayLinkCreate(DisplayLinkBase):
    pass


class DisplayLinkPublic(DisplayLinkBase):
    id: int
    created_at: datetime
    last_seen_at: datetime | None = None
    revoked_at: datetime | None = None
