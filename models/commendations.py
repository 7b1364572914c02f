"""Tables of the commendations module: awards and their editable vocabulary.

An award (`Award`) is one commendation given to one recipient (a person or a collective) by one
issuer, in one decision. Its kind — danh hiệu thi đua, hình thức khen thưởng or biểu dương — and
its issuer's level (Đảng, Nhà nước, đoàn thể) are copied onto the row from the vocabulary so
that every chart is a single GROUP BY on one table (see the covering indexes below).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from models.common import timestamp_field


class AwardKind(StrEnum):
    TITLE = "danh_hieu"  # danh hiệu thi đua
    FORM = "hinh_thuc"  # hình thức khen thưởng
    PRAISE = "bieu_duong"  # biểu dương (not counted as khen thưởng)


AWARD_KIND_LABELS = {
    AwardKind.FORM: "Hình thức khen thưởng",
    AwardKind.TITLE: "Danh hiệu thi đua",
    AwardKind.PRAISE: "Biểu dương",
}


class RecipientType(StrEnum):
    COLLECTIVE = "tap_the"
    INDIVIDUAL = "ca_nhan"


RECIPIENT_LABELS = {RecipientType.COLLECTIVE: "Tập thể", RecipientType.INDIVIDUAL: "Cá nhân"}


class IssuerLevel(StrEnum):
    PARTY = "dang"
    STATE = "nha_nuoc"
    MASS = "doan_the"


ISSUER_LEVEL_LABELS = {
    IssuerLevel.PARTY: "Đảng",
    IssuerLevel.STATE: "Nhà nước",
    IssuerLevel.MASS: "Đoàn thể",
}


class IssuerTier(StrEnum):
    """Where the issuer sits; the report sentence names the issuers above the base level."""

    BASE = "co_so"
    DISTRICT = "huyen"
    PROVINCE = "tinh"
    CENTRAL = "trung_uong"


ISSUER_TIER_LABELS = {
    IssuerTier.BASE: "Cơ sở",
    IssuerTier.DISTRICT: "Cấp huyện",
    IssuerTier.PROVINCE: "Cấp tỉnh",
    IssuerTier.CENTRAL: "Trung ương",
}


class FormScope(StrEnum):
    BOTH = "ca_hai"
    COLLECTIVE = "tap_the"
    INDIVIDUAL = "ca_nhan"


FORM_SCOPE_LABELS = {
    FormScope.BOTH: "Cá nhân và tập thể",
    FormScope.COLLECTIVE: "Tập thể",
    FormScope.INDIVIDUAL: "Cá nhân",
}


class AwardStatus(StrEnum):
    ACTIVE = "hieu_luc"
    REVOKED = "thu_hoi"


AWARD_STATUS_LABELS = {AwardStatus.ACTIVE: "Còn hiệu lực", AwardStatus.REVOKED: "Đã thu hồi"}


# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------


class AwardFormBase(SQLModel):
    """A title (danh hiệu thi đua), a form (hình thức khen thưởng) or biểu dương."""

    name: str = Field(max_length=255, unique=True)
    kind: str = Field(default=AwardKind.FORM, max_length=16)
    scope: str = Field(default=FormScope.BOTH, max_length=16)
    legal_basis: str = Field(default="", max_length=255)
    sort_order: int = 0
    is_active: bool = True


class AwardForm(AwardFormBase, table=True):
    __tablename__ = "award_form"
    id: int | None = Field(default=None, primary_key=True)


class AwardFormCreate(AwardFormBase):
    pass


class AwardFormUpdate(SQLModel):
    name: str | None = None
    kind: str | None = None
    scope: str | None = None
    legal_basis: str | None = None
    sort_order: int | None = None
    is_active: bool | None = None


class AwardFormPublic(AwardFormBase):
    id: int


class AwardIssuerBase(SQLModel):
    """Who signs: Ban Thường vụ Đảng ủy Khối, Chủ tịch UBND tỉnh, Thủ tướng Chính phủ, ..."""

    name: str = Field(max_length=255, unique=True)
    level: str = Field(default=IssuerLevel.STATE, max_length=16)
    tier: str = Field(default=IssuerTier.BASE, max_length=16)
    sort_order: int = 0
    is_active: bool = True


class AwardIssuer(AwardIssuerBase, table=True):
    __tablename__ = "award_issuer"
    id: int | None = Field(default=None, primary_key=True)


class AwardIssuerCreate(AwardIssuerBase):
    pass


class AwardIssuerUpdate(SQLModel):
    name: str | None = None
    level: str | None = None
    tier: str | None = None
    sort_order: int | None = None
    is_active: bool | None = None


class AwardIssuerPublic(AwardIssuerBase):
    id: int


class AwardOccasionBase(SQLModel):
    """3/2, 19/5, sơ kết / tổng kết Chỉ thị, tổng kết năm, đột xuất, ..."""

    name: str = Field(max_length=255, unique=True)
    sort_order: int = 0
    is_active: bool = True


class AwardOccasion(AwardOccasionBase, table=True):
    __tablename__ = "award_occasion"
    id: int | None = Field(default=None, primary_key=True)


class AwardOccasionCreate(AwardOccasionBase):
    pass


class AwardOccasionUpdate(SQLModel):
    name: str | None = None
    sort_order: int | None = None
    is_active: bool | None = None


class AwardOccasionPublic(AwardOccasionBase):
    id: int


# ---------------------------------------------------------------------------------------------
# Awards
# ---------------------------------------------------------------------------------------------


class AwardBase(SQLModel):
    recipient_type: str = Field(default=RecipientType.INDIVIDUAL, max_length=16)
    recipient_name: str = Field(max_length=255)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    user_id: int | None = Field(default=None, foreign_key="user.id")
    catalogue_record_id: int | None = Field(
        default=None, foreign_key="catalogue_record.id", ondelete="SET NULL"
    )
    form_id: int = Field(foreign_key="award_form.id")
    form_class: str = Field(default="", max_length=64)  # hạng Nhất / Nhì / Ba of a Huân chương
    issuer_id: int = Field(foreign_key="award_issuer.id")
    occasion_id: int | None = Field(default=None, foreign_key="award_occasion.id")
    decision_number: str = Field(default="", max_length=64)
    decision_date: date | None = None
    year: int = Field(ge=1945, le=2100)
    achievement: str = Field(default="", max_length=2000)


class Award(AwardBase, table=True):
    __tablename__ = "award"
    __table_args__ = (
        # The charts: one covering index per GROUP BY family, filtered by status and year.
        Index(
            "ix_award_chart_level",
            "status",
            "kind",
            "year",
            "issuer_level",
            "recipient_type",
            "unit_id",
            "recipient_key",
        ),
        Index(
            "ix_award_chart_form",
            "status",
            "kind",
            "year",
            "form_id",
            "issuer_level",
            "recipient_type",
        ),
        Index(
            "ix_award_chart_unit",
            "status",
            "kind",
            "year",
            "unit_id",
            "recipient_type",
            "recipient_key",
        ),
        Index("ix_award_report", "status", "year", "issuer_id", "form_id", "recipient_type"),
        Index("ix_award_duplicate", "recipient_key", "year", "form_id"),
        Index("ix_award_catalogue_record", "catalogue_record_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default=AwardKind.FORM, max_length=16)
    issuer_level: str = Field(default=IssuerLevel.STATE, max_length=16)
    # Who, for distinct counts: "u:<user id>", "p:<unit id>:<name>" or "t:<unit id>:<name>".
    recipient_key: str = Field(default="", max_length=300)
    status: str = Field(default=AwardStatus.ACTIVE, max_length=16)
    revoked_reason: str = Field(default="", max_length=500)
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = timestamp_field()


class AwardTally(SQLModel, table=True):
    """Active awards counted per year × kind × level × recipient type × form × issuer: the
    database's own summary of `award`, rebuilt for the touched years in the same transaction as
    every write (`services.commendations.records.refresh_tally`). The lượt charts without a unit filter
    read it, so their cost does not grow with the number of awards."""

    __tablename__ = "award_tally"

    year: int = Field(primary_key=True)
    kind: str = Field(primary_key=True, max_length=16)
    issuer_level: str = Field(primary_key=True, max_length=16)
    recipient_type: str = Field(primary_key=True, max_length=16)
    form_id: int = Field(primary_key=True)
    issuer_id: int = Field(primary_key=True)
    n: int = 0


class AwardUnitTally(SQLModel, table=True):
    """Active awards counted per year × kind × unit × recipient type (unit -1: none), rebuilt
    with `AwardTally`; it serves the unit chart and the units-covered card."""

    __tablename__ = "award_unit_tally"

    year: int = Field(primary_key=True)
    kind: str = Field(primary_key=True, max_length=16)
    unit_key: int = Field(primary_key=True)
    recipient_type: str = Field(primary_key=True, max_length=16)
    n: int = 0


class AwardCreate(AwardBase):
    pass


class AwardUpdate(SQLModel):
    recipient_type: str | None = None
    recipient_name: str | None = None
    unit_id: int | None = None
    user_id: int | None = None
    catalogue_record_id: int | None = None
    form_id: int | None = None
    form_class: str | None = None
    issuer_id: int | None = None
    occasion_id: int | None = None
    decision_number: str | None = None
    decision_date: date | None = None
    year: int | None = None
    achievement: str | None = None


class AwardPublic(AwardBase):
    id: int
    kind: str
    issuer_level: str
    recipient_key: str
    status: str
    revoked_reason: str = ""
    form_name: str = ""
    issuer_name: str = ""
    occasion_name: str = ""
    unit_name: str = ""
