"""Shared column helpers."""

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlmodel import Field


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime | None) -> datetime | None:
    """Every stored time is UTC; SQLite hands them back without an offset."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def timestamp_field(**kwargs):
    """A timezone-aware UTC timestamp column (naive datetimes are a bug waiting to happen)."""
    return Field(default_factory=utcnow, sa_type=DateTime(timezone=True), **kwargs)


def optional_timestamp_field(**kwargs):
    return Field(default=None, sa_type=DateTime(timezone=True), **kwargs)
