"""Units, accounts, login sessions and throttling."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import true as sa_true
from sqlmodel import Field, SQLModel

from models.common import optional_timestamp_field, timestamp_field


class Role(StrEnum):
    ADMIN = "admin"
    ORGANISER = "organiser"
    LEADER = "leader"
    MEMBER = "member"


ROLE_LABELS = {
    Role.ADMIN: "Quản trị hệ thống",
    Role.ORGANISER: "Ban tổ chức",
    Role.LEADER: "Lãnh đạo",
    Role.MEMBER: "Thành viên",
}


class UnitKind(StrEnum):
    PARTY_COMMITTEE = "dang_bo"
    BASE_COMMITTEE = "dang_bo_co_so"
    CELL = "chi_bo"


UNIT_KIND_LABELS = {
    UnitKind.PARTY_COMMITTEE: "Đảng bộ",
    UnitKind.BASE_COMMITTEE: "Đảng bộ cơ sở",
    UnitKind.CELL: "Chi bộ",
}


class UnitBase(SQLModel):
    name: str = Field(max_length=255)
    kind: str = Field(default=UnitKind.CELL, max_length=32)
    parent_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    headcount: int = Field(default=0, ge=0)
    sort_order: int = Field(default=0)


class Unit(UnitBase, table=True):
    id: int | None = Field(default=None, primary_key=True)


class UnitCreate(UnitBase):
    pass


class UnitUpdate(SQLModel):
    name: str | None = None
    kind: str | None = None
    parent_id: int | None = None
    headcount: int | None = Field(default=None, ge=0)


class UnitPublic(UnitBase):
    id: int
    depth: int = 0


class UserBase(SQLModel):
    username: str = Field(max_length=64, unique=True, index=True)
    full_name: str = Field(max_length=255)
    email: str | None = Field(default=None, max_length=255, unique=True)
    role: str = Field(default=Role.MEMBER, max_length=16)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    is_active: bool = True
    # Đảng viên; False for công chức, viên chức, người lao động who are not Party members (their
    # notebook uses the organiser's form instead of the six parts of Công văn 2952-CV/BTCTW).
    party_member: bool = Field(default=True, sa_column_kwargs={"server_default": sa_true()})


class User(UserBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    password_hash: str = Field(max_length=255)
    must_change_password: bool = False
    created_at: datetime = timestamp_field()
    last_login_at: datetime | None = optional_timestamp_field()


class UserCreate(UserBase):
    password: str


class UserUpdate(SQLModel):
    full_name: str | None = None
    email: str | None = None
    role: str | None = None
    unit_id: int | None = None
    is_active: bool | None = None
    party_member: bool | None = None


class UserPublic(UserBase):
    id: int
    must_change_password: bool = False
    last_login_at: datetime | None = None


class AuthSession(SQLModel, table=True):
    """A login; the browser holds only a signed token whose hash is stored here."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = timestamp_field()
    expires_at: datetime = timestamp_field()
    revoked_at: datetime | None = optional_timestamp_field()


class AuthTicket(SQLModel, table=True):
    """A one-time, short-lived ticket that lets the browser pick up its session cookie."""

    id: int | None = Field(default=None, primary_key=True)
    ticket_hash: str = Field(max_length=64, unique=True, index=True)
    session_id: int = Field(foreign_key="authsession.id")
    expires_at: datetime = timestamp_field()
    used_at: datetime | None = optional_timestamp_field()


class LoginThrottle(SQLModel, table=True):
    """Failed logins per name, kept for unknown names too so nothing reveals which exist."""

    username_key: str = Field(primary_key=True, max_length=64)
    failures: int = 0
    locked_until: datetime | None = optional_timestamp_field()
    updated_at: datetime = timestamp_field()


class LoginAddressThrottle(SQLModel, table=True):
    """Failed logins per client address: guessing many names from one place is stopped here,
    so the per-name lock need not be the only brake."""

    __tablename__ = "login_address_throttle"

    address: str = Field(primary_key=True, max_length=64)
    failures: int = 0
    locked_until: datetime | None = optional_timestamp_field()
    updated_at: datetime = timestamp_field()


class LoginKnownAddress(SQLModel, table=True):
    """Where a name last logged in successfully: from such an address the per-name lock does
    not apply, so a stranger's wrong guesses cannot lock the owner out."""

    __tablename__ = "login_known_address"

    username_key: str = Field(primary_key=True, max_length=64)
    address: str = Field(primary_key=True, max_length=64)
    succeeded_at: datetime = timestamp_field()
