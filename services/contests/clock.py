"""UTC-aware times, the way every contests file compares them."""

from __future__ import annotations

from datetime import UTC, datetime

from models.common import as_utc

utc = as_utc  # the name the contests code has always used


def now_utc(now: datetime | None = None) -> datetime:
    return utc(now) if now is not None else datetime.now(UTC)
