"""The part-3 warnings of seed 002: generic phrases (“không được đăng ký chung chung”), items
with no concrete object or figure, and commitments copied within a cell (“sao chép nhau”)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlmodel import Session, select

from models.accounts import User
from models.notebook import PART_FIELDS, Commitment, NotebookYear
from services.accounts.auth import CurrentUser
from services.errors import NotFound
from services.notebook import access, forms
from services.notebook.forms import PARTY_FORM, FormPart

SIMILAR_AT = 0.6  # Jaccard of word 3-shingles from which two texts count as copied
MIN_CONCRETE_WORDS = 8  # an item this long names something concrete even without a figure
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Warning:
    part: int  # 1..6
    line: int | None
    message: str


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def _words(text: str) -> list[str]:
    return _WORD.findall(_fold(text))


def phrase_list(year: NotebookYear) -> list[str]:
    return [p.strip() for p in year.generic_phrases.splitlines() if p.strip()]


def check_parts(
    parts: list[str], phrases: list[str], form: tuple[FormPart, ...] = PARTY_FORM
) -> list[Warning]:
    """In each part that expects a figure (part 3 of the 2952 form): generic phrases anywhere,
    and per item (line), no figure and too short."""
    found: list[Warning] = []
    generic = [g for g in (" ".join(_words(p)) for p in phrases) if g]
    for number, part in enumerate(form, start=1):
        if not part.figure or number > len(parts):
            continue
        text = parts[number - 1]
        folded = " ".join(_words(text))
        for phrase in phrases:
            if " ".join(_words(phrase)) and " ".join(_words(phrase)) in folded:
                found.append(
                    Warning(
                        number,
                        None,
                        f"Phần {number} ({part.title}) có cụm từ chung chung “{phrase}”: hãy "
                        "ghi việc cụ thể, sản phẩm, chỉ tiêu cần đạt.",
                    )
                )
        for line_no, line in enumerate((ln for ln in text.splitlines() if ln.strip()), start=1):
            words = _words(line)
            vague = len(words) < MIN_CONCRETE_WORDS or any(g in " ".join(words) for g in generic)
            if not any(ch.isdigit() for ch in line) and vague:
                found.append(
                    Warning(
                        number,
                        line_no,
                        f"Phần {number} ({part.title}), mục {line_no}: chưa có việc cụ thể "
                        "hoặc con số cần đạt (ví dụ “giảm 20% thời gian chờ khám”).",
                    )
                )
    return found


def shingles(text: str, size: int = 3) -> frozenset[str]:
    words = _words(text)
    if len(words) < size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class Similar:
    member_id: int
    member_name: str
    ratio: float
    parts: tuple[int, ...] = ()  # the parts (1..6) nearly the same, to show the warning there


def _commitment_text(parts: list[str]) -> str:
    return "\n".join(parts)


def similar_in_unit(
    *,
    session: Session,
    actor: CurrentUser,
    year_id: int,
    unit_id: int,
    member_id: int,
    parts: list[str],
) -> list[Similar]:
    """Other members' commitments in the same unit nearly the same as these parts, most alike
    first. Names go only to whoever may read the unit's notebooks (the chi ủy and above)."""
    own = Commitment(year_id=year_id, user_id=member_id, unit_id=unit_id, committed_on=None)  # type: ignore[arg-type]
    access.require_read(session, actor=actor, commitment=own)
    mine = shingles(_commitment_text(parts))
    columns = [getattr(Commitment, f) for f in PART_FIELDS]
    rows = session.exec(
        select(Commitment.user_id, User.full_name, *columns)
        .join(User, User.id == Commitment.user_id)
        .where(
            Commitment.year_id == year_id,
            Commitment.unit_id == unit_id,
            Commitment.user_id != member_id,
        )
    ).all()
    named = access.can_read_unit(session, actor=actor, unit_id=unit_id) or access.is_committee_of(
        session, actor=actor, unit_id=unit_id
    )
    found = []
    for other_id, name, *other_parts in rows:
        ratio = jaccard(mine, shingles(_commitment_text(list(other_parts))))
        if ratio >= SIMILAR_AT:
            alike = tuple(
                number
                for number, (own_text, other_text) in enumerate(
                    zip(parts, other_parts, strict=False), start=1
                )
                if own_text.strip()
                and jaccard(shingles(own_text), shingles(other_text)) >= SIMILAR_AT
            )
            found.append(
                Similar(
                    other_id,
                    name if named else "một đồng chí khác trong chi bộ",
                    ratio,
                    alike,
                )
            )
    return sorted(found, key=lambda s: -s.ratio)


def by_part(
    found: list[Warning], similar: list[Similar], count: int
) -> tuple[dict[int, list[Warning]], dict[int, list[Similar]]]:
    """The warnings grouped by the part (1..count) they belong to, so a page shows each one
    under the part being written; a similar commitment with no single part alike goes to the
    last part written."""
    warned: dict[int, list[Warning]] = {n: [] for n in range(1, count + 1)}
    for warning in found:
        warned.setdefault(warning.part, []).append(warning)
    alike: dict[int, list[Similar]] = {n: [] for n in range(1, count + 1)}
    for item in similar:
        for number in item.parts or (count,):
            alike.setdefault(number, []).append(item)
    return warned, alike


def warnings_for(
    *, session: Session, actor: CurrentUser, commitment_id: int
) -> tuple[list[Warning], list[Similar]]:
    commitment = session.get(Commitment, commitment_id)
    if commitment is None:
        raise NotFound("Không tìm thấy bản cam kết.")
    access.require_read(session, actor=actor, commitment=commitment)
    year = session.get(NotebookYear, commitment.year_id)
    parts = [getattr(commitment, f) for f in PART_FIELDS]
    form = forms.form_for(commitment.party_form, year)
    return check_parts(parts, phrase_list(year), form), similar_in_unit(
        session=session,
        actor=actor,
        year_id=commitment.year_id,
        unit_id=commitment.unit_id,
        member_id=commitment.user_id,
        parts=parts,
    )


def draft_warnings(
    *, session: Session, actor: CurrentUser, year_id: int, parts: list[str]
) -> tuple[list[Warning], list[Similar]]:
    """While the member writes (nothing stored yet)."""
    year = session.get(NotebookYear, year_id)
    if year is None:
        raise NotFound("Không tìm thấy năm của sổ tay.")
    form = forms.member_form(session=session, year_id=year_id, member_id=actor.id)
    if actor.unit_id is None:
        return check_parts(parts, phrase_list(year), form), []
    return check_parts(parts, phrase_list(year), form), similar_in_unit(
        session=session,
        actor=actor,
        year_id=year_id,
        unit_id=actor.unit_id,
        member_id=actor.id,
        parts=parts,
    )
