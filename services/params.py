"""Numbers read from a page's address (?id=, ?ids=, ?interval=): anyone can type anything there,
so an odd value is ignored (or brought into range), never a traceback.

Only ASCII digits count: "²".isdigit() is True, but int("²") fails; and an id beyond the
database's integer range is no id at all (SQLite and PostgreSQL would raise on it).
"""

from __future__ import annotations

MAX_ID = 2**31 - 1  # PostgreSQL's integer, the smallest id column we use


def parse_id(raw: str | None) -> int | None:
    """A record id, or None when the text is not one."""
    text = (raw or "").strip()
    if not text or not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


def parse_ids(raw: str | None, *, limit: int = 200) -> list[int]:
    """Comma-separated ids, first occurrence kept, the rest ignored."""
    ids = [i for part in (raw or "").split(",") if (i := parse_id(part)) is not None]
    return list(dict.fromkeys(ids))[:limit]


def parse_bounded(raw: str | None, *, low: int, high: int, default: int) -> int:
    """A whole number brought into [low, high]; `default` when the text is not a number."""
    text = (raw or "").strip()
    if not text or not text.isascii() or not text.isdigit() or len(text) > 9:
        return default
    return max(low, min(int(text), high))
