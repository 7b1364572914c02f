"""Reading GIFT files the way Moodle reads them.

The reference is Moodle's own parser, `question/format/gift/format.php` (with the line splitting
of `question/format.php`): questions are separated by blank lines; `//` lines are comments; the
answer block is the text between the first `{` and the first `}`; a block with a `~` is a
multiple-choice question, single-answer when it has an `=` answer; `=` is worth 100 %, a plain
`~` 0 % and `%n%` n %; `T`/`TRUE`/`F`/`FALSE` is true/false with feedback for the wrong and the
right answer; only `[html]` text is HTML. Where Moodle would store a broken block anyway (an
unclosed `{`, a stray `}`, two questions with no blank line between them) this reader refuses it
with its line number, so an import is all or nothing. Question types the engine cannot take
(essay, short answer, numerical, matching, description) are listed with their line and Moodle
type for the organiser to skip.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import ClassVar

from models.contests import QuestionType
from services.contests.drafts import (
    Draft,
    ImportPreview,
    Unsupported,
    check_draft,
    finish_preview,
)

# Moodle's escapedchar_pre / escapedchar_post, with private-use characters as placeholders.
_BACKSLASH = "\ue000"
_ESCAPES = {
    "\\:": "\ue001",
    "\\#": "\ue002",
    "\\=": "\ue003",
    "\\{": "\ue004",
    "\\}": "\ue005",
    "\\~": "\ue006",
    "\\n": "\ue007",
}
_RESTORE = {
    "\ue001": ":",
    "\ue002": "#",
    "\ue003": "=",
    "\ue004": "{",
    "\ue005": "}",
    "\ue006": "~",
    "\ue007": "\n",
}
_WEIGHT_RE = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")
_FORMATS = {"moodle", "html", "plain", "markdown"}
_TF = {"T", "TRUE", "F", "FALSE"}
MISSING_WORD = "_____"

KINDS = {
    "essay": "tự luận (essay)",
    "numerical": "câu trả lời số (numerical)",
    "match": "ghép đôi (match)",
    "shortanswer": "trả lời ngắn (shortanswer)",
    "description": "đoạn mô tả (description)",
}


def _escape_pre(text: str) -> str:
    text = text.replace("\\\\", _BACKSLASH)
    for raw, token in _ESCAPES.items():
        text = text.replace(raw, token)
    return text.replace(_BACKSLASH, "\\")


def _escape_post(text: str) -> str:
    for token, char in _RESTORE.items():
        text = text.replace(token, char)
    return text


class _HtmlText(HTMLParser):
    """Plain text of an [html] block: tags go, words on either side of a block tag stay apart."""

    BLOCK: ClassVar[set[str]] = {
        "br",
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "td",
        "th",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "blockquote",
        "pre",
        "section",
        "article",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.BLOCK:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(text: str) -> str:
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def _format_of(text: str, default: str) -> tuple[str, str]:
    """Moodle's parse_text_with_format: a leading [html]/[moodle]/[plain]/[markdown] tag."""
    if text.startswith("["):
        end = text.find("]")
        name = text[1:end] if end > 0 else ""
        if name in _FORMATS:
            return name, text[end + 1 :]
    return default, text


def _plain(text: str, fmt: str) -> str:
    """Text as the engine stores it (plain): whitespace of the file collapsed, an escaped `\\n`
    kept as a line break, HTML turned into its words."""
    text = " ".join(text.split())
    text = _escape_post(text)
    if fmt == "html":
        text = " ".join(html_to_text(text).split())
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _text(raw: str, default: str = "moodle") -> tuple[str, str]:
    fmt, body = _format_of(raw.strip(), default)
    return _plain(body, fmt), fmt


def _comment(answer: str, fmt: str) -> tuple[str, str]:
    bits = answer.split("#", 1)
    text, _ = _text(bits[0], fmt)
    feedback = _text(bits[1], fmt)[0] if len(bits) > 1 else ""
    return text, feedback


def _weight(answer: str) -> tuple[float, str]:
    """Moodle's answerweightparser: '%50%rest' -> (0.5, 'rest')."""
    inner = answer[1:]
    end = inner.find("%")
    try:
        value = float(inner[:end]) / 100
    except ValueError:
        value = 0.0
    return value, inner[end + 1 :]


def split_blocks(content: str) -> list[list[tuple[int, str]]]:
    """Lines grouped into questions at blank lines, each line with its number (1-based). Old Mac
    (CR only) and Windows line endings and a byte-order mark are accepted, as Moodle does."""
    content = content.lstrip("\ufeff")
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", content), start=1):
        line = raw.strip()
        if not line:
            if current:
                blocks.append(current)
                current = []
            continue
        current.append((number, line))
    if current:
        blocks.append(current)
    return blocks


def _category(path: str) -> str:
    path = _escape_post(path).strip()
    path = re.sub(r"^\$[a-z0-9]+\$/?", "", path)
    path = re.sub(r"^top(/|$)", "", path)
    return path.strip()


def parse_gift(content: str) -> ImportPreview:
    preview = ImportPreview("GIFT")
    category = ""
    for block in split_blocks(content):
        category = _read_block(preview, block, category)
    return finish_preview(preview)


def _read_block(preview: ImportPreview, block: list[tuple[int, str]], category: str) -> str:
    """Read one blank-line-separated block into the preview; returns the category in force."""
    numbers = [n for n, _ in block]
    lines = [" " if line.startswith("//") else line for _, line in block]
    full = _escape_pre("\n".join(lines))

    def line_at(index: int) -> int:
        return numbers[min(full.count("\n", 0, max(index, 0)), len(numbers) - 1)]

    base = len(full) - len(full.lstrip())
    text = full.strip()
    if not text:
        return category  # only comments
    if text.startswith("$CATEGORY:"):
        first, _, rest = text.partition("\n")
        category = _category(first[len("$CATEGORY:") :])
        if not rest.strip():
            return category
        base += len(first) + 1 + len(rest) - len(rest.lstrip())
        text = rest.strip()
    line_no = line_at(base)
    source = f"dòng {line_no}"
    name = ""
    if text.startswith("::"):
        rest = text[2:]
        finish = rest.find("::")
        if finish < 0:
            base += 2
            text = rest
        else:
            name = _plain(rest[:finish], "moodle")[:255]
            after = rest[finish + 2 :]
            base += 2 + finish + 2 + len(after) - len(after.lstrip())
            text = after.strip()
    start, finish = text.find("{"), text.find("}")
    if start < 0 and finish < 0:
        stem = _text(text)[0]
        if stem:
            preview.errors.append(
                f"Dòng {line_no}: câu hỏi không có phần đáp án trong ngoặc nhọn {{…}}."
            )
        return category
    if finish < 0:
        preview.errors.append(
            f"Dòng {line_at(base + start)}: dấu “{{” mở phần đáp án chưa được "
            "đóng bằng “}” (mỗi câu hỏi phải đóng ngoặc trước dòng trống "
            "kế tiếp)."
        )
        return category
    if start < 0 or finish < start:
        preview.errors.append(
            f"Dòng {line_at(base + finish)}: có dấu “}}” mà không có dấu "
            "“{” mở trước nó (muốn viết chữ “}” thì gõ “\\}”)."
        )
        return category
    tail = text[finish + 1 :]
    extra = re.search(r"[{}]", tail)
    if extra:
        where = line_at(base + finish + 1 + extra.start())
        preview.errors.append(
            f"Dòng {where}: có thêm dấu “{extra.group()}” sau phần đáp án của "
            f"câu hỏi ở dòng {line_no}; mỗi câu hỏi phải cách câu sau bằng "
            "một dòng trống (muốn viết chữ “{” hay “}” thì gõ “\\{”, “\\}”)."
        )
        return category
    answer = text[start + 1 : finish].strip()
    stem_raw = text[:start] if text.endswith("}") else text[:start] + MISSING_WORD + tail
    general = ""
    cut = answer.rfind("####")
    if cut >= 0:
        general, answer = answer[cut + 4 :], answer[:cut].strip()
    question_text, fmt = _text(stem_raw)
    general = _text(general, fmt)[0]
    qtype = _moodle_type(answer)
    if qtype in KINDS:
        preview.unsupported.append(Unsupported(source, KINDS[qtype], question_text[:80]))
        return category
    if qtype == "truefalse":
        bits = answer.split("#", 2)
        truth = _text(bits[0], fmt)[0] in {"T", "TRUE"}
        wrong = _text(bits[1], fmt)[0] if len(bits) > 1 else ""
        right = _text(bits[2], fmt)[0] if len(bits) > 2 else ""
        true_feedback, false_feedback = (right, wrong) if truth else (wrong, right)
        options = [{"text": "Đúng", "correct": truth}, {"text": "Sai", "correct": not truth}]
        for option, feedback in zip(options, (true_feedback, false_feedback), strict=True):
            if feedback:
                option["feedback"] = feedback
        check_draft(
            preview,
            Draft(source, question_text, QuestionType.TRUE_FALSE, options, category, name, general),
        )
        return category
    single = "=" in answer
    answers = answer.replace("=", "~=").split("~")
    answers[0] = answers[0].strip()
    if not answers[0]:
        answers.pop(0)
    if len(answers) < 2:
        preview.errors.append(
            f"Dòng {line_no}: câu trắc nghiệm cần ít nhất 2 phương án (đang có {len(answers)})."
        )
        return category
    options = []
    for raw in answers:
        raw = raw.strip()
        if raw.startswith("="):
            fraction, raw = 1.0, raw[1:]
        elif _WEIGHT_RE.match(raw):
            fraction, raw = _weight(raw)
        else:
            fraction = 0.0
        option_text, feedback = _comment(raw, fmt)
        option: dict = {"text": option_text, "correct": fraction >= 1 if single else fraction > 0}
        if not single or fraction not in (0.0, 1.0):
            option["weight"] = fraction
        if feedback:
            option["feedback"] = feedback
        options.append(option)
    qtype = QuestionType.SINGLE if single else QuestionType.MULTIPLE
    check_draft(preview, Draft(source, question_text, qtype, options, category, name, general))
    return category


def _moodle_type(answer: str) -> str:
    """The qtype Moodle's readquestion gives an answer block (in Moodle's own order of tests)."""
    if answer == "":
        return "essay"
    if answer.startswith("#"):
        return "numerical"
    if "~" in answer:
        return "multichoice"
    if "=" in answer and "->" in answer:
        return "match"
    check = answer
    if answer.find("#") > 0:
        check = answer[: answer.find("#")].strip()
    return "truefalse" if check in _TF else "shortanswer"
