"""What the catalogue's files share: a record by id, cleaned text, a unit's name."""

from __future__ import annotations

import unicodedata

from sqlmodel import Session

from models.accounts import Unit
from models.catalogue import CatalogueRecord
from services.errors import NotFound


def clean_text(value: str | None, limit: int) -> str:
    text = unicodedata.normalize("NFC", (value or "").replace("\r\n", "\n")).strip()
    return text[:limit]


def unit_name_of(session: Session, unit_id: int | None) -> str:
    if unit_id is None:
        return ""
    unit = session.get(Unit, unit_id)
    return unit.name if unit else ""


def record_row(session: Session, record_id: int) -> CatalogueRecord:
    """The record itself, to change it (NotFound when there is none)."""
    record = session.get(CatalogueRecord, record_id)
    if record is None:
        raise NotFound("Không tìm thấy mô hình, điển hình này.")
    return record
