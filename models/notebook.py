"""Sổ tay làm theo gương Bác: the year's frame, unit plans, members' commitments (six parts of
Công văn 2952-CV/BTCTW) with their approved versions, monthly self-reviews and cell committees."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Index, Text, UniqueConstraint
from sqlalchemy import true as sa_true
from sqlmodel import Field, SQLModel

from models.common import optional_timestamp_field, timestamp_field

PARTS = (
    "Tư tưởng chính trị",
    "Phẩm chất đạo đức, lối sống",
    "Thực hiện chức trách, nhiệm vụ được giao",
    "Tổ chức kỷ luật",
    "Khắc phục hạn chế, khuyết điểm",
    "Kế hoạch hành động thực hiện nghị quyết",
)
PART_FIELDS = tuple(f"part{i}" for i in range(1, 7))

DEFAULT_GENERIC_PHRASES = (
    "luôn nêu cao tinh thần trách nhiệm",
    "hoàn thành tốt chức trách nhiệm vụ được giao",
    "hoàn thành tốt nhiệm vụ được giao",
    "chấp hành tốt chủ trương của Đảng",
    "không ngừng học tập nâng cao trình độ",
    "giữ gìn phẩm chất đạo đức",
)
DEFAULT_RATINGS = ("Hoàn thành xuất sắc", "Hoàn thành tốt", "Hoàn thành", "Không hoàn thành")


class CommitmentStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    RETURNED = "returned"
    APPROVED = "approved"


COMMITMENT_STATUS_LABELS = {
    CommitmentStatus.DRAFT: "Bản nháp",
    CommitmentStatus.SENT: "Đã gửi chi ủy",
    CommitmentStatus.RETURNED: "Chi ủy trả lại",
    CommitmentStatus.APPROVED: "Đã duyệt",
}
# "Đăng ký" in the reports: the member has handed the commitment to the committee.
REGISTERED = (CommitmentStatus.SENT, CommitmentStatus.APPROVED)


class ReviewStatus(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_DONE = "not_done"


REVIEW_STATUS_LABELS = {
    ReviewStatus.DONE: "Đã thực hiện",
    ReviewStatus.IN_PROGRESS: "Đang thực hiện",
    ReviewStatus.NOT_DONE: "Chưa thực hiện",
}


class NotebookYear(SQLModel, table=True):
    __tablename__ = "notebook_year"

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(unique=True, index=True)
    topic: str = Field(max_length=500)
    # One line per month with a theme: "3: Phong cách quần chúng".
    monthly_themes: str = Field(default="", sa_type=Text)
    plan_date: date | None = None  # the committee's (Ban Thường vụ) plan
    register_deadline: date | None = None
    midyear_review: date | None = None
    yearend_review: date | None = None
    generic_phrases: str = Field(default="\n".join(DEFAULT_GENERIC_PHRASES), sa_type=Text)
    ratings: str = Field(default="\n".join(DEFAULT_RATINGS), sa_type=Text)
    # The form for members who are not Party members: a JSON list of
    # {"title", "hint", "figure"} (at most six parts); "" means the default form.
    non_party_parts: str = Field(default="", sa_type=Text)
    created_at: datetime = timestamp_field()


class UnitPlan(SQLModel, table=True):
    """A unit's own plan for the year and the models (mô hình) it commits to as a collective."""

    __tablename__ = "notebook_unit_plan"
    __table_args__ = (UniqueConstraint("year_id", "unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    year_id: int = Field(foreign_key="notebook_year.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    plan_date: date
    collective_models: str = Field(default="", sa_type=Text)  # one model per line


class CellCommittee(SQLModel, table=True):
    """Members of a cell's committee (chi ủy / bí thư): they review the cell's notebooks."""

    __tablename__ = "notebook_committee"
    __table_args__ = (UniqueConstraint("unit_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)


class Commitment(SQLModel, table=True):
    """A member's yearly commitment; the current text. Approved texts live on as versions."""

    __tablename__ = "notebook_commitment"
    __table_args__ = (
        UniqueConstraint("year_id", "user_id"),
        Index("ix_notebook_commitment_rates", "year_id", "status", "unit_id"),
        Index("ix_notebook_commitment_ratings", "year_id", "unit_id", "rating"),
    )

    id: int | None = Field(default=None, primary_key=True)
    year_id: int = Field(foreign_key="notebook_year.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    status: str = Field(default=CommitmentStatus.DRAFT, max_length=16, index=True)
    committed_on: date
    part1: str = Field(default="", sa_type=Text)
    part2: str = Field(default="", sa_type=Text)
    part3: str = Field(default="", sa_type=Text)
    part4: str = Field(default="", sa_type=Text)
    part5: str = Field(default="", sa_type=Text)
    part6: str = Field(default="", sa_type=Text)
    # False: written on the non-Party form of the year (công chức, viên chức), not the 2952 form.
    party_form: bool = Field(default=True, sa_column_kwargs={"server_default": sa_true()})
    committee_comment: str = Field(default="", sa_type=Text)
    version: int = 0  # number of approved versions so far
    change_reason: str = Field(default="", max_length=500)  # why a new version is being made
    entered_by_id: int | None = Field(default=None, foreign_key="user.id")
    on_behalf: bool = False  # written by the cell secretary for the member
    midyear_note: str = Field(default="", sa_type=Text)
    yearend_note: str = Field(default="", sa_type=Text)
    rating: str = Field(default="", max_length=64)
    sent_at: datetime | None = optional_timestamp_field()
    updated_at: datetime = timestamp_field()


class CommitmentVersion(SQLModel, table=True):
    """An approved text, never edited: the notebook's 'no crossing out'."""

    __tablename__ = "notebook_commitment_version"
    __table_args__ = (UniqueConstraint("commitment_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    commitment_id: int = Field(foreign_key="notebook_commitment.id", index=True)
    version: int
    parts: str = Field(sa_type=Text)  # JSON list of the six parts
    reason: str = Field(default="", max_length=500)
    approved_by_id: int | None = Field(default=None, foreign_key="user.id")
    approved_at: datetime = timestamp_field()


class MonthlyReview(SQLModel, table=True):
    __tablename__ = "notebook_monthly_review"
    __table_args__ = (
        UniqueConstraint("commitment_id", "month"),
        Index("ix_notebook_monthly_review_rates", "year_id", "unit_id", "month"),
    )

    id: int | None = Field(default=None, primary_key=True)
    commitment_id: int = Field(foreign_key="notebook_commitment.id", index=True)
    # Both copied from the commitment, so the counts by unit and month read one index.
    year_id: int = Field(foreign_key="notebook_year.id")
    unit_id: int = Field(foreign_key="unit.id", index=True)
    month: int = Field(ge=1, le=12)
    status: str = Field(default=ReviewStatus.IN_PROGRESS, max_length=16)
    note: str = Field(default="", sa_type=Text)
    committee_comment: str = Field(default="", sa_type=Text)
    entered_by_id: int | None = Field(default=None, foreign_key="user.id")
    on_behalf: bool = False
    updated_at: datetime = timestamp_field()


REGISTRATION_MONTH = 0  # CountedRecord.month for the year's registrations


class CountedRecord(SQLModel, table=True):
    """Members without an account, counted by the unit's committee from the paper notebooks:
    month 0 holds how many registered for the year, months 1–12 how many reviewed themselves in
    that month's cell meeting. The dashboard adds these to the members' own notebooks; always
    entered on the members' behalf (entered_by is the committee member who wrote the figure)."""

    __tablename__ = "notebook_counted"
    __table_args__ = (UniqueConstraint("year_id", "unit_id", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    year_id: int = Field(foreign_key="notebook_year.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    month: int = Field(ge=0, le=12)
    count: int = Field(ge=0)
    note: str = Field(default="", max_length=500)
    entered_by_id: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = timestamp_field()


class CountedRating(SQLModel, table=True):
    """The committee's year-end ratings of the members counted from paper notebooks: how many got
    each rating of the year's list. Added to the members' own ratings in every rate table."""

    __tablename__ = "notebook_counted_rating"
    __table_args__ = (UniqueConstraint("year_id", "unit_id", "rating"),)

    id: int | None = Field(default=None, primary_key=True)
    year_id: int = Field(foreign_key="notebook_year.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    rating: str = Field(max_length=64)
    count: int = Field(ge=0)
    entered_by_id: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = timestamp_field()


class ProposalTarget(StrEnum):
    CATALOGUE = "catalogue"  # a draft điển hình / mô hình in the catalogue
    COMMENDATION = "commendation"  # a proposal the organisers turn into an award


PROPOSAL_TARGET_LABELS = {
    ProposalTarget.CATALOGUE: "Điển hình trong thư viện (bản nháp)",
    ProposalTarget.COMMENDATION: "Đề nghị khen thưởng",
}


class Proposal(SQLModel, table=True):
    """A member rated at the top of the year's list, or a unit's collective model, proposed from
    the notebook: to the catalogue as a draft (linked by catalogue_record_id) or for a
    commendation (listed for the organisers; an award is only recorded with its decision)."""

    __tablename__ = "notebook_proposal"
    __table_args__ = (UniqueConstraint("year_id", "unit_id", "commitment_id", "model", "target"),)

    id: int | None = Field(default=None, primary_key=True)
    year_id: int = Field(foreign_key="notebook_year.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    commitment_id: int | None = Field(default=None, foreign_key="notebook_commitment.id")
    model: str = Field(default="", max_length=255)  # the collective model; "" for a member
    target: str = Field(max_length=16)
    title: str = Field(max_length=255)
    reason: str = Field(default="", sa_type=Text)
    catalogue_record_id: int | None = Field(
        default=None, foreign_key="catalogue_record.id", ondelete="SET NULL"
    )
    proposed_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = timestamp_field()


class NotebookGroup(SQLModel, table=True):
    """A tổ of a big cell: its members review first each month, the group leader notes it, and
    the cell committee sums the groups up (000)."""

    __tablename__ = "notebook_group"
    __table_args__ = (UniqueConstraint("unit_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    name: str = Field(max_length=100)
    leader_id: int | None = Field(default=None, foreign_key="user.id", index=True)


class NotebookGroupMember(SQLModel, table=True):
    __tablename__ = "notebook_group_member"
    __table_args__ = (UniqueConstraint("user_id", "group_id"),)

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="notebook_group.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)


class MonthSummary(SQLModel, table=True):
    """A month's note: a group's (group_id set, by its leader) or the committee's summing up of
    the cell (group_id None)."""

    __tablename__ = "notebook_month_summary"
    __table_args__ = (UniqueConstraint("year_id", "unit_id", "group_id", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    year_id: int = Field(foreign_key="notebook_year.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    group_id: int | None = Field(default=None, foreign_key="notebook_group.id")
    month: int = Field(ge=1, le=12)
    text: str = Field(default="", sa_type=Text)
    entered_by_id: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = timestamp_field()


class Inspection(SQLModel, table=True):
    """An inspection team's findings on a unit's notebooks (000: 6 đoàn kiểm tra)."""

    __tablename__ = "notebook_inspection"

    id: int | None = Field(default=None, primary_key=True)
    year_id: int = Field(foreign_key="notebook_year.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    inspector_id: int = Field(foreign_key="user.id")
    month: int = Field(ge=1, le=12)  # checked up to this month
    missing_count: int = 0  # members with something missing when the findings were recorded
    findings: str = Field(sa_type=Text)
    created_at: datetime = timestamp_field()
