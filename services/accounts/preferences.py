"""What a user chose last time (a dashboard period, ...), kept per user in the database so it
follows them to another browser or phone. Each user reads and writes only their own."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from models.common import utcnow
from models.preferences import UserPreference
from services.errors import UserError

NAME_PATTERN = re.compile(r"^[a-z0-9_.]{1,64}$")
MAX_VALUE = 255


def _row(session: Session, user_id: int, name: str) -> UserPreference | None:
    return session.exec(
        select(UserPreference).where(UserPreference.user_id == user_id, UserPreference.name == name)
    ).first()


def get_preference(*, session: Session, user_id: int, name: str) -> str | None:
    row = _row(session, user_id, name)
    return row.value if row else None


def set_preference(*, session: Session, user_id: int, name: str, value: str) -> None:
    if not NAME_PATTERN.match(name) or len(value) > MAX_VALUE:
        raise UserError("Lựa chọn cần ghi nhớ không hợp lệ.")
    row = _row(session, user_id, name)
    if row is None:
        session.add(UserPreference(user_id=user_id, name=name, value=value))
    elif row.value != value:
        row.value, row.updated_at = value, utcnow()
    session.flush()


def parse_period(value: str | None) -> tuple[int, int] | None:
    """ "2016-2021" → (2016, 2021); anything else → None (the default applies)."""
    match = re.fullmatch(r"(\d{4})-(\d{4})", value or "")
    if not match:
        return None
    start, end = int(match[1]), int(match[2])
    return (min(start, end), max(start, end))
