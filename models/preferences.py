"""Small per-user choices the app remembers between visits (e.g. a leader's dashboard period)."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.common import timestamp_field


class UserPreference(SQLModel, table=True):
    __tablename__ = "user_preference"
    __table_args__ = (UniqueConstraint("user_id", "name", name="uq_user_preference_name"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=64)
    value: str = Field(max_length=255)
    updated_at: datetime = timestamp_field()
