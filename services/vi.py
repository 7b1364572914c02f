"""Vietnamese conventions: number, date and time formats, collation and accent-free search."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

from services.settings import TIMEZONE

LOCAL_TZ = ZoneInfo(TIMEZONE)

# The Vietnamese alphabet order; a letter with a vowel mark is its own letter. f, j, w and z
# (loan words, names of firms: "Facebook", "Wifi", "Zalo") stand where the Latin alphabet has them.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
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


def format_score(value: float) -> str:
    """9.0 -> '9'; 8.75 -> '8,75'; 0.5 -> '0,50': a whole score without decimals."""
    value = round(value, 2)
    return format_int(int(value)) if value == int(value) else format_decimal(value, 2)


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


_NUMBER, _LETTER = 0, 1  # a number sorts before any word that starts with a letter


def _char_key(ch: str) -> tuple[int, int, int]:
    """(letter rank, tone, 1 if upper case) of one letter."""
    decomposed = unicodedata.normalize("NFD", ch.lower())
    base, marks = decomposed[0], decomposed[1:]
    letter_marks = "".join(m for m in marks if m in _LETTER_MARKS)
    tone = next((m for m in marks if m in _TONE_RANK), "")
    letter = unicodedata.normalize("NFC", base + letter_marks)
    rank = _LETTER_RANK.get(letter, len(ALPHABET) + ord(letter))
    return rank, _TONE_RANK[tone], int(ch != ch.lower())


def _words(text: str) -> list[list[str]]:
    """Words split at anything that is neither a letter nor a digit; a run of digits is one
    element ("Tổ 10" -> [["t", "ổ"], ["10"]])."""
    words: list[list[str]] = []
    current: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isdigit() and ch.isascii():
            if current and current[-1].isdigit():
                current[-1] += ch
            else:
                current.append(ch)
        elif ch.isalpha():
            current.append(ch)
        elif current:
            words.append(current)
            current = []
    if current:
        words.append(current)
    return words


def collation_key(text: str) -> tuple:
    """Vietnamese dictionary order: (primary, secondary, tertiary).

    Primary: word by word ("An Vinh" < "Anh Vũ"), letter by letter in ALPHABET (a < ă < â ...
    < d < đ ...), numbers by value ("2" < "10") and before letters. Secondary: the tones, only
    to break ties (ma < mà < mả < mã < má < mạ). Tertiary: lower case before upper case.
    """
    primary, tones, cases = [], [], []
    for word in _words(text):
        elements = []
        for element in word:
            if element.isdigit():
                elements.append((_NUMBER, int(element)))
                continue
            rank, tone, upper = _char_key(element)
            elements.append((_LETTER, rank))
            tones.append(tone)
            cases.append(upper)
        primary.append(tuple(elements))
    return tuple(primary), tuple(tones), tuple(cases)


def collation_string(text: str, *, width: int = 400) -> str:
    """collation_key as digits, so that a database orders it the same in any collation.

    Each letter is 4 digits (its rank + 10), a number is 0002, its length in 2 digits and its
    digits; 0001 separates words and 0000 ends them (so "an" < "an vinh" < "anh"); then one digit
    per tone and one per letter case.
    """
    primary, tones, cases = collation_key(text)
    words = []
    for word in primary:
        parts = []
        for kind, value in word:
            if kind == _NUMBER:
                digits = str(value)
                parts.append(f"0002{min(len(digits), 99):02d}{digits}")
            else:
                parts.append(f"{min(value + 10, 9999):04d}")
        words.append("".join(parts))
    text_key = "0001".join(words) + "0000" + "".join(map(str, tones)) + "".join(map(str, cases))
    return text_key[:width]


def name_sort_key(full_name: str) -> tuple:
    """Vietnamese people are sorted by given name (last word), then the family name."""
    words = full_name.split()
    if not words:
        return collation_key(""), collation_key("")
    return collation_key(words[-1]), collation_key(" ".join(words[:-1]))


def unaccent(text: str) -> str:
    """'Khu phố Hiếu học' -> 'khu pho hieu hoc'; đ becomes d."""
    lowered = text.lower().replace("đ", "d")
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(ch)
    )
    return " ".join(stripped.split())
