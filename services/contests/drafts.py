"""What every question importer hands back: the questions it understood, the errors that name
their line (or row, or paragraph), the questions of types the engine cannot take, and the
duplicates. Shared by the GIFT, Word, Aiken and Excel readers so their previews say the same
things."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.contests.questions import validate_question

NO_GROUP = "Chưa phân loại"


def first_upper(text: str) -> str:
    """Capitalise the first letter only ("đoạn 3 (Câu 2)" -> "Đoạn 3 (Câu 2)"), unlike
    str.capitalize, which lowercases the rest."""
    return text[:1].upper() + text[1:]


@dataclass
class Draft:
    """A question as read from a file, before it is saved."""

    source: str  # "dòng 12", "hàng 5" or "đoạn 7 (Câu 3)"
    text: str
    qtype: str
    options: list[dict]
    category_path: str = ""
    name: str = ""
    explanation: str = ""
    difficulty: int = 2
    tags: str = ""


@dataclass
class Unsupported:
    source: str
    kind: str
    text: str


@dataclass
class Duplicate:
    """A question met twice: `other` is where it was first met ("dòng 4") or "ngân hàng"."""

    source: str
    text: str
    other: str
    draft_index: int = -1


@dataclass
class ImportPreview:
    fmt: str
    drafts: list[Draft] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unsupported: list[Unsupported] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.drafts)


def check_draft(preview: ImportPreview, draft: Draft) -> None:
    """Keep the draft if the engine can take it, else record why not at its line."""
    problems = validate_question(
        {"qtype": draft.qtype, "text": draft.text, "options": draft.options}
    )
    if problems:
        preview.errors.append(f"{first_upper(draft.source)}: " + "; ".join(problems) + ".")
    else:
        preview.drafts.append(draft)


def finish_preview(preview: ImportPreview) -> ImportPreview:
    """Common last step of every reader: an empty file says so; duplicates inside the file are
    listed (each later copy, naming the first)."""
    if not preview.drafts and not preview.errors and not preview.unsupported:
        preview.errors.append("Tệp không có câu hỏi nào.")
    seen: dict[tuple[str, str], str] = {}
    preview.duplicates = [d for d in preview.duplicates if d.other == "ngân hàng"]
    for index, draft in enumerate(preview.drafts):
        key = (draft.category_path, draft.text.strip().casefold())
        if key in seen:
            preview.duplicates.append(Duplicate(draft.source, draft.text, seen[key], index))
        else:
            seen[key] = draft.source
    return preview
