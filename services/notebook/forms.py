"""The commitment's form: Party members write the six parts of Công văn 2952-CV/BTCTW; members
who are not Party members (công chức, viên chức) write the parts the organiser sets for the year
(at most six, each with a title, a hint, and whether a figure to reach is expected). The
generic-phrase and figure warnings read the parts that expect a figure (part 3 of the 2952 form)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sqlmodel import Session, select

from models.accounts import User
from models.notebook import PARTS, Commitment, NotebookYear
from services.accounts.auth import CurrentUser
from services.errors import NotFound, PermissionDenied, UserError
from services.notebook import access

MAX_PARTS = len(PARTS)
TITLE_MAX = 200
HINT_MAX = 300


@dataclass(frozen=True)
class FormPart:
    title: str
    hint: str = ""
    figure: bool = False  # a concrete item with a figure to reach is expected here


PARTY_HINTS = (
    "Kiên định chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh; việc học tập nghị quyết.",
    "Việc làm cụ thể về lối sống giản dị, gần dân, chống biểu hiện suy thoái.",
    "Ghi từng việc trên một dòng, mỗi việc có sản phẩm hoặc con số cần đạt.",
    "Chấp hành sự phân công, sinh hoạt chi bộ, đóng đảng phí.",
    "Hạn chế đã được chỉ ra ở kỳ kiểm điểm trước và cách sửa.",
    "Việc làm để thực hiện nghị quyết của cấp ủy trong năm.",
)
PARTY_FORM = tuple(
    FormPart(title, hint, figure=(index == 2))
    for index, (title, hint) in enumerate(zip(PARTS, PARTY_HINTS, strict=True))
)
DEFAULT_NON_PARTY_FORM = (
    FormPart(
        "Tư tưởng, đạo đức, lối sống",
        "Việc làm cụ thể theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    ),
    FormPart(
        "Thực hiện chức trách, nhiệm vụ được giao",
        "Ghi từng việc trên một dòng, mỗi việc có sản phẩm hoặc con số cần đạt.",
        figure=True,
    ),
    FormPart(
        "Tác phong, lề lối làm việc; thái độ phục vụ nhân dân",
        "Ví dụ: trả hồ sơ đúng hẹn 100%, không để người dân phải đi lại nhiều lần.",
        figure=True,
    ),
    FormPart("Chấp hành nội quy, quy chế của cơ quan, đơn vị", ""),
    FormPart("Khắc phục hạn chế, khuyết điểm", "Hạn chế đã được chỉ ra và cách sửa."),
)


def non_party_form(year: NotebookYear) -> tuple[FormPart, ...]:
    if not year.non_party_parts.strip():
        return DEFAULT_NON_PARTY_FORM
    return tuple(FormPart(**item) for item in json.loads(year.non_party_parts))


def form_for(party_member: bool, year: NotebookYear) -> tuple[FormPart, ...]:
    return PARTY_FORM if party_member else non_party_form(year)


def commitment_form(*, session: Session, commitment: Commitment) -> tuple[FormPart, ...]:
    year = session.get(NotebookYear, commitment.year_id)
    return form_for(commitment.party_form, year)


def titled_parts(*, session: Session, commitment: Commitment) -> list[tuple[FormPart, str]]:
    """Each part of the commitment's form with its text (a shortened form leaves the rest)."""
    form = commitment_form(session=session, commitment=commitment)
    texts = [getattr(commitment, f"part{i}") for i in range(1, len(form) + 1)]
    return list(zip(form, texts, strict=True))


def year_non_party_form(*, session: Session, year_id: int) -> tuple[FormPart, ...]:
    year = session.get(NotebookYear, year_id)
    if year is None:
        raise NotFound("Không tìm thấy năm của sổ tay.")
    return non_party_form(year)


def member_form(*, session: Session, year_id: int, member_id: int) -> tuple[FormPart, ...]:
    """The form a member writes on: the member's own while the text is editable (the flag may
    have been corrected), else the one the stored commitment was written on."""
    year = session.get(NotebookYear, year_id)
    if year is None:
        raise NotFound("Không tìm thấy năm của sổ tay.")
    commitment = session.exec(
        select(Commitment).where(Commitment.year_id == year_id, Commitment.user_id == member_id)
    ).first()
    if commitment is not None and commitment.status not in ("draft", "returned"):
        return form_for(commitment.party_form, year)
    member = session.get(User, member_id)
    return form_for(member.party_member if member else True, year)


def save_non_party_form(
    *, session: Session, actor: CurrentUser, year_id: int, parts: list[dict]
) -> NotebookYear:
    """The organiser sets the year's form for non-Party members; rows with nothing are dropped."""
    access.require_organiser(actor=actor)
    year = session.get(NotebookYear, year_id)
    if year is None:
        raise NotFound("Không tìm thấy năm của sổ tay.")
    cleaned: list[FormPart] = []
    for row, item in enumerate(parts, start=1):
        title = str(item.get("title") or "").strip()
        hint = str(item.get("hint") or "").strip()
        figure = bool(item.get("figure"))
        if not title and not hint:
            continue
        if not title:
            raise UserError(f"Dòng {row}: cột “Tiêu đề phần” không được để trống.")
        if len(title) > TITLE_MAX:
            raise UserError(f"Dòng {row}: “Tiêu đề phần” dài quá {TITLE_MAX} ký tự.")
        if len(hint) > HINT_MAX:
            raise UserError(f"Dòng {row}: “Gợi ý” dài quá {HINT_MAX} ký tự.")
        if any(p.title.casefold() == title.casefold() for p in cleaned):
            raise UserError(f"Dòng {row}: phần “{title}” bị trùng với một dòng ở trên.")
        cleaned.append(FormPart(title, hint, figure))
    if not cleaned:
        raise UserError("Mẫu cam kết cho người ngoài Đảng cần ít nhất một phần.")
    if len(cleaned) > MAX_PARTS:
        raise UserError(
            f"Mẫu cam kết có tối đa {MAX_PARTS} phần; hiện có {len(cleaned)} dòng có nội dung."
        )
    year.non_party_parts = json.dumps([asdict(p) for p in cleaned], ensure_ascii=False)
    session.add(year)
    session.flush()
    return year


def set_party_member(
    *, session: Session, actor: CurrentUser, member_id: int, party_member: bool
) -> User:
    """Who is a Party member: the member's cell committee or the organisers say so."""
    member = session.get(User, member_id)
    if member is None:
        raise NotFound("Không tìm thấy thành viên.")
    if not (
        access.can_organise(actor=actor)
        or (
            member.unit_id is not None
            and access.is_committee_of(session, actor=actor, unit_id=member.unit_id)
        )
    ):
        raise PermissionDenied("Chỉ chi ủy của chi bộ hoặc Ban tổ chức được ghi ai là đảng viên.")
    member.party_member = party_member
    session.add(member)
    session.flush()
    return member
