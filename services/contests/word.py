"""Reading question banks typed in Word the way Vietnamese offices type them.

"Câu 1. … A. … B. … Đáp án: B", and also: lowercase options `a)` / `a.`; options on the
question's own line or several to a line; the right option marked in bold, underlined or red
instead of an "Đáp án" line; "Đáp án: A, C" for several; "Đáp án: Đúng" for true/false. Every
error names the paragraph and the question and lists the options it found.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from models.contests import QuestionType
from services.contests.drafts import Draft, ImportPreview, check_draft, first_upper
from services.errors import UserError

LETTERS = "ABCDEFGHIJ"
_CAU_RE = re.compile(
    r"^\s*Câu(?:\s*hỏi)?\s*(\d+)\s*(?:[\.:\)]\s*|\s+)(.*)$", re.IGNORECASE | re.DOTALL
)
_DAPAN_INSIDE = re.compile(r"\s(Đáp\s*án(?:\s*đúng)?\s*(?:là)?\s*[:\.]\s*.+)$", re.IGNORECASE)
_DAPAN_RE = re.compile(
    r"^\s*Đáp\s*án(?:\s*đúng)?\s*(?:là)?\s*([:\.]?)\s*(.+)$", re.IGNORECASE | re.DOTALL
)
_GIAITHICH_RE = re.compile(r"^\s*Giải\s*thích\s*[:\.]\s*(.+)$", re.IGNORECASE | re.DOTALL)
_MARKER = re.compile(r"(?:^|(?<=\s))([A-Ja-j])\s*[\.\)]\s+")
_TRUTH = {"đúng": True, "sai": False}


@dataclass
class Para:
    """A paragraph's text and, per character, whether it is marked (bold, underlined, red)."""

    text: str
    marks: list[bool] = field(default_factory=list)

    def marked(self, start: int, end: int) -> bool:
        chars = [
            m
            for c, m in zip(self.text[start:end], self.marks[start:end], strict=False)
            if not c.isspace()
        ]
        return bool(chars) and sum(chars) * 2 > len(chars)


@dataclass
class _Option:
    letter: str
    text: str
    marked: bool


def _options_in(
    para: Para, start: int, expected: str, *, at_start: bool
) -> tuple[list[_Option], int]:
    """Options in para.text[start:]: markers in letter order (A, B, C… or a, b, c…) from
    `expected` on, so "ông A. Nguyễn" inside a question is not taken for an option. With
    `at_start` the first marker must open the text."""
    text = para.text
    found: list[re.Match] = []
    want = expected
    for match in _MARKER.finditer(text, start):
        letter = match.group(1).upper()
        if not found:
            if at_start and text[start : match.start()].strip():
                return [], len(text)
            if not at_start and letter != "A":
                continue
            if at_start and letter != want and letter != "A":
                want = letter  # a line that starts with its own letter keeps it
        if letter != want:
            continue
        found.append(match)
        want = LETTERS[LETTERS.index(letter) + 1] if letter != "J" else "?"
    if not at_start and len(found) < 2:
        return [], len(text)  # one "A." inside a question is a name, not a list of options
    out = []
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        value = " ".join(text[match.end() : end].split())
        out.append(_Option(match.group(1).upper(), value, para.marked(match.start(), end)))
    return out, found[0].start() if found else len(text)


def _answer_keys(answer: str) -> list[str] | None:
    """'A, C' -> ['A', 'C']; 'B. Hà Nội' -> ['B']; 'Đúng' -> ['ĐÚNG']; None if unreadable."""
    keys = []
    for token in re.split(r"[,;/\s]+|\bvà\b", answer.strip()):
        token = token.strip().rstrip(".)")
        if not token:
            continue
        if token.lower() in _TRUTH or (len(token) == 1 and token.upper() in LETTERS):
            keys.append(token.upper())
        else:
            break
    return keys or None


def parse_word_paragraphs(paragraphs: list[str | Para]) -> ImportPreview:
    preview = ImportPreview("Word")
    current: dict | None = None

    def finish() -> None:
        nonlocal current
        if current is not None:
            _finish_question(preview, current)
        current = None

    for number, item in enumerate(paragraphs, start=1):
        para = item if isinstance(item, Para) else Para(item, [False] * len(item))
        line = para.text.strip()
        if not line:
            continue
        cau = _CAU_RE.match(para.text)
        if cau:
            finish()
            current = {
                "no": cau.group(1),
                "line": number,
                "stem": [],
                "options": [],
                "answer": None,
                "why": "",
            }
            stem_start = cau.start(2)
            inline, stem_end = _options_in(para, stem_start, "A", at_start=False)
            current["stem"].append(para.text[stem_start:stem_end].strip())
            current["options"].extend(inline)
            continue
        if current is None:
            continue  # a title or an introduction before "Câu 1."
        dap = _DAPAN_RE.match(line)
        if dap and (dap.group(1) or _answer_keys(dap.group(2))):  # not "Đáp án nào đúng?"
            current["answer"] = dap.group(2).strip()
            continue
        inside = _DAPAN_INSIDE.search(para.text) if _MARKER.match(para.text.lstrip()) else None
        if inside:  # "D. 2021    Đáp án: B" in one paragraph
            current["answer"] = _DAPAN_RE.match(inside.group(1)).group(2).strip()
            para = Para(para.text[: inside.start()], para.marks[: inside.start()])
            line = para.text.strip()
            if not line:
                continue
        why = _GIAITHICH_RE.match(line)
        if why:
            current["why"] = why.group(1).strip()
            continue
        options = current["options"]
        expected = LETTERS[len(options)] if len(options) < len(LETTERS) else "?"
        found, _ = _options_in(para, 0, expected, at_start=True)
        if found:
            options.extend(found)
        elif options:
            options[-1].text = f"{options[-1].text} {line}"
        else:
            current["stem"].append(line)
    finish()
    return preview


def _finish_question(preview: ImportPreview, current: dict) -> None:
    source = f"đoạn {current['line']} (Câu {current['no']})"
    where = first_upper(source)
    options: list[_Option] = current["options"]
    letters = [o.letter for o in options]
    found = (
        f"các phương án tìm thấy: {', '.join(letters)}"
        if letters
        else "không tìm thấy phương án nào (viết “A. …” hoặc “a) …”, mỗi phương án một dòng "
        "hoặc nối tiếp nhau)"
    )
    stem = " ".join(s for s in current["stem"] if s)
    answer = current["answer"]
    if answer is None:
        marked = [o.letter for o in options if o.marked]
        if not marked or len(marked) == len(options):
            preview.errors.append(
                f"{where}: thiếu đáp án — thêm dòng “Đáp án: …” hoặc in đậm, "
                f"gạch chân hay tô đỏ phương án đúng ({found})."
            )
            return
        keys = marked
    else:
        keys = _answer_keys(answer)
    if keys and not options and all(k.lower() in _TRUTH for k in keys) and len(keys) == 1:
        truth = _TRUTH[keys[0].lower()]
        opts = [{"text": "Đúng", "correct": truth}, {"text": "Sai", "correct": not truth}]
        check_draft(
            preview, Draft(source, stem, QuestionType.TRUE_FALSE, opts, explanation=current["why"])
        )
        return
    if keys and options and all(k.lower() in _TRUTH for k in keys) and len(keys) == 1:
        by_text = {o.text.lower(): o.letter for o in options}
        keys = [by_text[keys[0].lower()]] if keys[0].lower() in by_text else keys
    bad = [k for k in (keys or []) if k not in letters]
    if not keys or bad:
        shown = answer if answer is not None else ", ".join(keys or [])
        preview.errors.append(f"{where}: đáp án “{shown}” không khớp các phương án ({found}).")
        return
    texts = [o.text.lower() for o in options]
    qtype = (
        QuestionType.TRUE_FALSE
        if texts == ["đúng", "sai"]
        else QuestionType.MULTIPLE
        if len(set(keys)) > 1
        else QuestionType.SINGLE
    )
    opts = [{"text": o.text, "correct": o.letter in keys} for o in options]
    check_draft(preview, Draft(source, stem, qtype, opts, explanation=current["why"]))


def _is_red(run) -> bool:
    color = run.font.color
    try:
        rgb = color.rgb if color is not None and color.type is not None else None
    except (AttributeError, ValueError):
        return False
    if rgb is None:
        return False
    red, green, blue = rgb[0], rgb[1], rgb[2]
    return red >= 0xB0 and green <= 0x60 and blue <= 0x60


def _run_marked(run) -> bool:
    """Bold, underlined, red or highlighted: the ways an office marks the right option."""
    style_font = run.style.font if run.style is not None else None
    bold = run.bold if run.bold is not None else bool(style_font and style_font.bold)
    underline = (
        run.underline if run.underline is not None else bool(style_font and style_font.underline)
    )
    return bool(bold) or bool(underline) or _is_red(run) or bool(run.font.highlight_color)


def _para(paragraph, numbering: _Numbering | None = None) -> Para:
    label = numbering.label(paragraph) if numbering is not None else ""
    para = _run_text(paragraph)
    if label:
        para = Para(f"{label} {para.text}", [False] * (len(label) + 1) + para.marks)
    return para


def _run_text(paragraph) -> Para:
    text, marks = "", []
    for run in paragraph.runs:
        piece = run.text
        text += piece
        marks.extend([_run_marked(run)] * len(piece))
    if text != paragraph.text:  # hyperlinks or fields hold text outside runs: no marks then
        text = paragraph.text
        marks = [False] * len(text)
    return Para(text, marks)


def _roman(number: int) -> str:
    out = ""
    for value, digits in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while number >= value:
            out, number = out + digits, number - value
    return out


def _format_number(number: int, fmt: str) -> str:
    if fmt in {"upperLetter", "lowerLetter"}:
        letter = LETTERS[(number - 1) % len(LETTERS)] if number >= 1 else "A"
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in {"upperRoman", "lowerRoman"}:
        roman = _roman(number)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt in {"bullet", "none"}:
        return ""
    return str(number)


class _Numbering:
    """The labels Word draws for automatically numbered paragraphs ("Câu 1.", "A."), which are
    not in the paragraph's text: counted per list as Word counts them."""

    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        w = self.W
        abstract = {}
        for node in root.iter(f"{w}abstractNum"):
            lvls = {}
            for lvl in node.iter(f"{w}lvl"):
                fmt = lvl.find(f"{w}numFmt")
                text = lvl.find(f"{w}lvlText")
                start = lvl.find(f"{w}start")
                lvls[lvl.get(f"{w}ilvl")] = (
                    fmt.get(f"{w}val") if fmt is not None else "decimal",
                    text.get(f"{w}val") if text is not None else "",
                    int(start.get(f"{w}val")) if start is not None else 1,
                )
            abstract[node.get(f"{w}abstractNumId")] = lvls
        for num in root.iter(f"{w}num"):
            ref = num.find(f"{w}abstractNumId")
            lvls = dict(abstract.get(ref.get(f"{w}val") if ref is not None else "", {}))
            for override in num.iter(f"{w}lvlOverride"):
                start = override.find(f"{w}startOverride")
                ilvl = override.get(f"{w}ilvl")
                if start is not None and ilvl in lvls:
                    fmt, text, _ = lvls[ilvl]
                    lvls[ilvl] = (fmt, text, int(start.get(f"{w}val")))
            for ilvl, spec in lvls.items():
                self.levels[(num.get(f"{w}numId"), ilvl)] = spec

    def label(self, paragraph) -> str:
        ppr = paragraph._p.pPr
        numpr = ppr.numPr if ppr is not None else None
        if numpr is None or numpr.numId is None:
            return ""
        num_id = str(numpr.numId.val)
        ilvl = str(numpr.ilvl.val) if numpr.ilvl is not None else "0"
        spec = self.levels.get((num_id, ilvl))
        if spec is None:
            return ""
        counters = self.counters.setdefault(num_id, {})
        _, text, start = spec
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if int(k) > int(ilvl)]:
            del counters[deeper]
        label = text
        for level in range(9):
            key = str(level)
            if f"%{level + 1}" in label:
                level_spec = self.levels.get((num_id, key), ("decimal", "", 1))
                value = counters.get(key, level_spec[2])
                label = label.replace(f"%{level + 1}", _format_number(value, level_spec[0]))
        return label.strip()


def docx_paragraphs(data: bytes) -> list[Para]:
    """The document's paragraphs in reading order, table cells included (each cell once)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:
        raise UserError("Không đọc được tệp Word (.docx); vui lòng kiểm tra lại tệp.") from exc
    out: list[Para] = []
    numbering = _Numbering(document)
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(_para(Paragraph(child, document), numbering))
        elif tag == "tbl":
            seen = set()
            for row in Table(child, document).rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    out.extend(_para(p, numbering) for p in cell.paragraphs)
    return out


def parse_docx(data: bytes) -> ImportPreview:
    return parse_word_paragraphs(docx_paragraphs(data))
