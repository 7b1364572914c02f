"""Tables of the contests module: question bank, contests, rounds, registrations, attempts.

Integrity rules live in the schema where they can:
- one open attempt per person and round: `attempt.open_slot` is 1 while open and NULL once
  submitted, with a unique (round_id, user_id, open_slot) — NULLs never collide;
- the attempt limit: `attempt.number` is unique per (round_id, user_id) and the service refuses a
  number above the round's limit, so two parallel starts cannot both take the last slot;
- one submission: submitting is a conditional UPDATE ... WHERE status = 'open'.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.common import optional_timestamp_field, timestamp_field


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"


QUESTION_TYPE_LABELS = {
    QuestionType.SINGLE: "Một đáp án đúng",
    QuestionType.MULTIPLE: "Nhiều đáp án đúng",
    QuestionType.TRUE_FALSE: "Đúng/Sai",
}

DIFFICULTY_LABELS = {1: "Dễ", 2: "Trung bình", 3: "Khó"}


class MultipleScoring(StrEnum):
    ALL_OR_NOTHING = "all_or_nothing"
    PROPORTIONAL = "proportional"  # (right picks − wrong picks) / correct options, not below 0
    WEIGHTS = "weights"  # sum of the option weights (GIFT style), clipped to [0, 1]


MULTIPLE_SCORING_LABELS = {
    MultipleScoring.ALL_OR_NOTHING: "Đúng hết mới được điểm",
    MultipleScoring.PROPORTIONAL: "Điểm theo tỉ lệ (chọn sai bị trừ)",
    MultipleScoring.WEIGHTS: "Theo trọng số từng phương án",
}


class CountingRule(StrEnum):
    BEST = "best"
    FIRST = "first"
    LAST = "last"


COUNTING_LABELS = {
    CountingRule.BEST: "Lần cao điểm nhất",
    CountingRule.FIRST: "Lần đầu tiên",
    CountingRule.LAST: "Lần cuối cùng",
}


class ReviewPolicy(StrEnum):
    NEVER = "never"
    AFTER_SUBMIT = "after_submit"
    AFTER_CLOSE = "after_close"


REVIEW_LABELS = {
    ReviewPolicy.NEVER: "Không cho xem đáp án",
    ReviewPolicy.AFTER_SUBMIT: "Xem đáp án ngay sau khi nộp bài",
    ReviewPolicy.AFTER_CLOSE: "Xem đáp án sau khi đợt thi kết thúc",
}


class PredictionKind(StrEnum):
    PERFECT_COUNT = "perfect_count"  # how many answer everything right
    PARTICIPANTS = "participants"  # how many take part


PREDICTION_LABELS = {
    PredictionKind.PERFECT_COUNT: "Số người trả lời đúng tất cả các câu",
    PredictionKind.PARTICIPANTS: "Số người tham gia đợt thi",
}


class ContestStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class AttemptStatus(StrEnum):
    OPEN = "open"
    SUBMITTED = "submitted"


# --- question bank -----------------------------------------------------------------------------


class QuestionCategoryBase(SQLModel):
    name: str = Field(max_length=255)
    parent_id: int | None = Field(default=None, foreign_key="questioncategory.id", index=True)


class QuestionCategory(QuestionCategoryBase, table=True):
    id: int | None = Field(default=None, primary_key=True)


class QuestionCategoryCreate(QuestionCategoryBase):
    pass


class QuestionCategoryPublic(QuestionCategoryBase):
    id: int
    depth: int = 0
    path: str = ""
    question_count: int = 0


class QuestionBase(SQLModel):
    category_id: int = Field(foreign_key="questioncategory.id", index=True)
    name: str = Field(default="", max_length=255)
    qtype: str = Field(default=QuestionType.SINGLE, max_length=16)
    text: str = Field(sa_column=Column(Text, nullable=False))
    # [{"text": str, "correct": bool, "weight": float, "feedback": str}], index = option id
    options: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    explanation: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    difficulty: int = Field(default=2, ge=1, le=3)
    tags: str = Field(default="", max_length=500)
    image_path: str | None = Field(default=None, max_length=500)
    is_active: bool = True


class Question(QuestionBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class QuestionCreate(QuestionBase):
    pass


class QuestionUpdate(SQLModel):
    category_id: int | None = None
    name: str | None = None
    qtype: str | None = None
    text: str | None = None
    options: list[dict] | None = None
    explanation: str | None = None
    difficulty: int | None = None
    tags: str | None = None
    image_path: str | None = None
    is_active: bool | None = None


class QuestionPublic(QuestionBase):
    id: int


# --- contests and rounds -------------------------------------------------------------------------


class ContestBase(SQLModel):
    title: str = Field(max_length=255)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    rules: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    banner_path: str | None = Field(default=None, max_length=500)
    # Empty = everyone; otherwise these units and every unit under them.
    eligible_unit_ids: list[int] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    self_registration: bool = True
    ask_phone_or_email: bool = True
    ask_cccd: bool = False
    cccd_required: bool = False
    # Ranking chain: ordered keys among score, prediction, duration, submitted_at.
    ranking_chain: list[str] = Field(
        default_factory=lambda: list(DEFAULT_CHAIN), sa_column=Column(JSON, nullable=False)
    )
    unit_prize_most: int = Field(default=1, ge=0)
    unit_prize_rate: int = Field(default=1, ge=0)


DEFAULT_CHAIN = ("score", "prediction", "duration", "submitted_at")


class Contest(ContestBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    status: str = Field(default=ContestStatus.DRAFT, max_length=16)
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = timestamp_field()
    published_at: datetime | None = optional_timestamp_field()


class ContestCreate(ContestBase):
    pass


class ContestUpdate(SQLModel):
    title: str | None = None
    description: str | None = None
    rules: str | None = None
    banner_path: str | None = None
    eligible_unit_ids: list[int] | None = None
    self_registration: bool | None = None
    ask_phone_or_email: bool | None = None
    ask_cccd: bool | None = None
    cccd_required: bool | None = None
    ranking_chain: list[str] | None = None
    unit_prize_most: int | None = None
    unit_prize_rate: int | None = None


class ContestPublic(ContestBase):
    id: int
    status: str
    created_at: datetime
    published_at: datetime | None = None


class RoundBase(SQLModel):
    name: str = Field(max_length=255)
    sort_order: int = 0
    is_trial: bool = False
    opens_at: datetime = timestamp_field()
    closes_at: datetime = timestamp_field()
    # {"<category id>": count}; a category counts its sub-categories' questions.
    quotas: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    shuffle_questions: bool = True
    shuffle_options: bool = True
    time_limit_minutes: int = Field(default=15, ge=1)
    max_attempts: int = Field(default=1, ge=0)  # 0 = unlimited
    counting: str = Field(default=CountingRule.BEST, max_length=16)
    prediction_enabled: bool = True
    prediction_kind: str = Field(default=PredictionKind.PERFECT_COUNT, max_length=32)
    prediction_text: str = Field(default="", max_length=500)
    review_policy: str = Field(default=ReviewPolicy.AFTER_CLOSE, max_length=16)
    multiple_scoring: str = Field(default=MultipleScoring.ALL_OR_NOTHING, max_length=32)
    prize_first: int = Field(default=1, ge=0)
    prize_second: int = Field(default=2, ge=0)
    prize_third: int = Field(default=3, ge=0)
    prize_consolation: int = Field(default=5, ge=0)
    # This round's own ranking chain; empty = the contest's.
    ranking_chain: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Round(RoundBase, table=True):
    __tablename__ = "contestround"

    id: int | None = Field(default=None, primary_key=True)
    contest_id: int = Field(foreign_key="contest.id", index=True)
    prediction_actual: int | None = None
    prediction_computed_at: datetime | None = optional_timestamp_field()
    regrading_since: datetime | None = optional_timestamp_field()
    regrade_done: int = 0
    regrade_total: int = 0
    trial_wiped_at: datetime | None = optional_timestamp_field()


class RoundCreate(RoundBase):
    contest_id: int


class RoundUpdate(SQLModel):
    name: str | None = None
    sort_order: int | None = None
    is_trial: bool | None = None
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    quotas: dict[str, int] | None = None
    shuffle_questions: bool | None = None
    shuffle_options: bool | None = None
    time_limit_minutes: int | None = None
    max_attempts: int | None = None
    counting: str | None = None
    prediction_enabled: bool | None = None
    prediction_kind: str | None = None
    prediction_text: str | None = None
    review_policy: str | None = None
    multiple_scoring: str | None = None
    prize_first: int | None = None
    prize_second: int | None = None
    prize_third: int | None = None
    prize_consolation: int | None = None
    ranking_chain: list[str] | None = None


class RoundPublic(RoundBase):
    id: int
    contest_id: int
    prediction_actual: int | None = None
    regrading_since: datetime | None = None
    regrade_done: int = 0
    regrade_total: int = 0


# --- registrations and attempts ----------------------------------------------------------------


class Registration(SQLModel, table=True):
    """A CCCD is never stored: only its keyed hash (duplicate checks) and last four digits
    (display, masked), so a leaked database does not reveal citizen id numbers."""

    __tablename__ = "contestregistration"
    __table_args__ = (
        UniqueConstraint("contest_id", "user_id", name="uq_registration_person"),
        Index("ix_registration_cccd", "contest_id", "cccd_digest"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contest_id: int = Field(foreign_key="contest.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    full_name: str = Field(max_length=255)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    phone: str = Field(default="", max_length=32)
    email: str = Field(default="", max_length=255)
    cccd_digest: str = Field(default="", max_length=64)  # HMAC-SHA256 under SECRET_KEY
    cccd_last4: str = Field(default="", max_length=4)
    created_at: datetime = timestamp_field()

    @property
    def cccd_masked(self) -> str:
        return "••••••••" + self.cccd_last4 if self.cccd_last4 else ""


class RegistrationCreate(SQLModel):
    full_name: str
    unit_id: int | None = None
    phone: str = ""
    email: str = ""
    cccd: str = ""


class Attempt(SQLModel, table=True):
    __tablename__ = "contestattempt"
    __table_args__ = (
        UniqueConstraint("round_id", "user_id", "open_slot", name="uq_attempt_one_open"),
        UniqueConstraint("round_id", "user_id", "number", name="uq_attempt_number"),
    )

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="contestround.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    number: int = 1
    open_slot: int | None = 1  # 1 while open, NULL once submitted
    status: str = Field(default=AttemptStatus.OPEN, max_length=16, index=True)
    started_at: datetime = timestamp_field()
    deadline_at: datetime = timestamp_field(index=True)
    submitted_at: datetime | None = optional_timestamp_field()
    auto_submitted: bool = False
    last_seen_at: datetime | None = optional_timestamp_field()
    prediction: int | None = None
    score: float = 0.0
    max_score: float = 0.0
    correct_count: int = 0
    duration_seconds: float = 0.0


class AttemptItem(SQLModel, table=True):
    __tablename__ = "contestattemptitem"
    __table_args__ = (UniqueConstraint("attempt_id", "position", name="uq_item_position"),)

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="contestattempt.id", index=True)
    position: int
    question_id: int = Field(foreign_key="question.id", index=True)
    option_order: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    selected: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    answered_at: datetime | None = optional_timestamp_field()
    credit: float = 0.0
