"""Shared column helpers."""

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlmodel import Field


def utcnow() -> datetime:
    return datetime.now(UTC)


def timestamp_field(**kwargs):
    """A timezone-aware UTC timestamp column (naive datetimes are a bug waiting to happen)."""
    return Field(default_factory=utcnow, sa_type=DateTime(timezone=True), **kwargs)


def optional_timestamp_field(**kwargs):
    return Field(default=None, sa_type=DateTime(timezone=True), **kwargs)
