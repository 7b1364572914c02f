"""Vietnamese conventions: number, date and time formats, collation and accent-free search."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

from services.settings import TIMEZONE

LOCAL_TZ = ZoneInfo(TIMEZONE)

# The Vietnamese alphabet order; a letter with a vowel mark is its own letter.
ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {ch: i for i, ch in enumerate(ALPHABET)}
# Dictionary order of the tones: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn


def format_int(value: int | float) -> str:
    """1500 -> '1.500'."""
    return f"{round(value):,}".replace(",", ".")


def format_decimal(value: float, digits: int = 1) -> str:
    """3.25 -> '3,3'; thousands use dots, decimals a comma."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(ratio: float, digits: int = 1) -> str:
    """0.953 -> '95,3%'."""
    return f"{format_decimal(ratio * 100, digits)}%"


def local_now(now: datetime | None = None) -> datetime:
    """The time in Việt Nam. The server's own zone (often UTC) never decides what "today" is."""
    return to_local(now) if now is not None else datetime.now(LOCAL_TZ)


def local_today(now: datetime | None = None) -> date:
    return local_now(now).date()


def to_local(moment: datetime) -> datetime:
    if moment.tzinfo is None:  # stored as UTC by SQLite, which drops the offset
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(LOCAL_TZ)


def format_date(day: date | datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = to_local(day)
    return day.strftime("%d/%m/%Y")


def format_datetime(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return to_local(moment).strftime("%H:%M %d/%m/%Y")


def _char_key(ch: str) -> tuple[int, int]:
    decomposed = unicodedata.normalize("NFD", ch.lower())
    base, marks = decomposed[0], decomposed[1:]
    letter_marks = "".join(m for m in marks if m in _LETTER_MARKS)
    tone = next((m for m in marks if m in _TONE_RANK), "")
    letter = unicodedata.normalize("NFC", base + letter_marks)
    rank = _LETTER_RANK.get(letter, 100 + ord(letter))
    return rank, _TONE_RANK[tone]


def collation_key(text: str) -> tuple:
    """Letters first (a < ă < â < ... < đ ...), tones only to break ties."""
    keys = [_char_key(ch) for ch in text.strip() if not ch.isspace()]
    return tuple(k[0] for k in keys), tuple(k[1] for k in keys)


def name_sort_key(full_name: str) -> tuple:
    """Vietnamese people are sorted by given name (last word), then the family name."""
    words = full_name.split()
    if not words:
        return ((), ())
    return collation_key(words[-1]), collation_key(" ".join(words[:-1]))


def unaccent(text: str) -> str:
    """'Khu phố Hiếu học' -> 'khu pho hieu hoc'; đ becomes d."""
    lowered = text.lower().replace("đ", "d")
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(ch)
    )
    return " ".join(stripped.split())
