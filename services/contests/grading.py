"""Pure rules of the contests module: drawing questions, grading answers, ranking people.

Nothing here touches the database, so every rule is tested with plain tables.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from models.contests import MultipleScoring, QuestionType
from services.errors import UserError

# --- drawing -----------------------------------------------------------------------------------


def draw_questions(
    quotas: Sequence[tuple[str, int, Sequence[int]]],
    *,
    rng: random.Random,
    shuffle: bool = True,
) -> list[int]:
    """Pick question ids per quota: (category name, how many, candidate ids).

    A question is never drawn twice even when categories overlap (a parent and its child).
    Without shuffling, questions keep the quota order, each quota's in ascending id order.
    """
    picked_by_quota: dict[int, list[int]] = {}
    taken: set[int] = set()
    # Narrowest pools first, so a parent category does not eat its child's questions.
    for index in sorted(range(len(quotas)), key=lambda i: len(set(quotas[i][2]))):
        name, count, candidates = quotas[index]
        if count <= 0:
            continue
        pool = sorted(set(candidates) - taken)
        if len(pool) < count:
            raise UserError(
                f"Nhóm câu hỏi “{name}” chỉ còn {len(pool)} câu, không đủ {count} câu theo "
                "cơ cấu đề."
            )
        picked = rng.sample(pool, count)
        if not shuffle:
            picked.sort()
        picked_by_quota[index] = picked
        taken.update(picked)
    chosen = [q for index in sorted(picked_by_quota) for q in picked_by_quota[index]]
    if shuffle:
        rng.shuffle(chosen)
    return chosen


def option_order(qtype: str, count: int, *, rng: random.Random, shuffle: bool) -> list[int]:
    """The order the options are shown in; Đúng/Sai always keeps its natural order."""
    order = list(range(count))
    if shuffle and qtype != QuestionType.TRUE_FALSE:
        rng.shuffle(order)
    return order


# --- grading -----------------------------------------------------------------------------------


def correct_ids(options: Sequence[dict]) -> set[int]:
    return {i for i, option in enumerate(options) if option.get("correct")}


def grade_item(
    qtype: str,
    options: Sequence[dict],
    selected: Sequence[int],
    scoring: str = MultipleScoring.ALL_OR_NOTHING,
) -> float:
    """The credit (0..1) one answer earns."""
    picked = {i for i in selected if 0 <= i < len(options)}
    right = correct_ids(options)
    if not picked or not right:
        return 0.0
    if qtype != QuestionType.MULTIPLE:
        # One choice; as in Moodle, it earns its own fraction (an imported "%50%" option earns
        # half), else full credit when it is a right answer.
        if len(picked) != 1:
            return 0.0
        (choice,) = picked
        weight = options[choice].get("weight")
        if weight is not None:
            return round(min(1.0, max(0.0, float(weight))), 4)
        return 1.0 if choice in right else 0.0
    if scoring == MultipleScoring.ALL_OR_NOTHING:
        return 1.0 if picked == right else 0.0
    if scoring == MultipleScoring.PROPORTIONAL:
        hits = len(picked & right)
        misses = len(picked - right)
        return round(max(0.0, (hits - misses) / len(right)), 4)
    if scoring == MultipleScoring.WEIGHTS:
        total = 0.0
        for i in picked:
            weight = options[i].get("weight")
            if weight is None:
                weight = (1.0 / len(right)) if i in right else -1.0 / max(1, len(right))
            total += float(weight)
        return round(min(1.0, max(0.0, total)), 4)
    raise ValueError(f"unknown scoring rule {scoring}")


# --- ranking -----------------------------------------------------------------------------------

RANK_KEYS = ("score", "prediction", "duration", "submitted_at")
RANK_KEY_LABELS = {
    "score": "Điểm (cao xếp trên)",
    "prediction": "Độ lệch dự đoán (nhỏ xếp trên)",
    "duration": "Thời gian làm bài (ngắn xếp trên)",
    "submitted_at": "Thời điểm nộp bài (sớm xếp trên)",
}


@dataclass(frozen=True)
class Entry:
    """One person's counted result, as ranking sees it."""

    user_id: int
    full_name: str
    unit_id: int | None
    score: float
    duration_seconds: float
    submitted_at: datetime
    prediction: int | None = None
    correct_count: int = 0
    max_score: float = 0.0
    attempt_id: int | None = None


@dataclass(frozen=True)
class Ranked:
    rank: int
    entry: Entry
    distance: float | None
    explanation: str = ""
    tied_keys: tuple[str, ...] = ()  # the first keys of the chain equal to the next person's
    prize: str = ""
    extra: dict = field(default_factory=dict)


def _distance(entry: Entry, actual: int | None) -> float | None:
    if actual is None or entry.prediction is None:
        return None
    return float(abs(entry.prediction - actual))


def _sort_value(key: str, entry: Entry, actual: int | None):
    if key == "score":
        return -round(entry.score, 6)
    if key == "prediction":
        distance = _distance(entry, actual)
        if actual is None:
            return 0.0  # not known yet: does not separate anyone
        return math.inf if distance is None else distance
    if key == "duration":
        return round(entry.duration_seconds, 3)
    if key == "submitted_at":
        return entry.submitted_at.timestamp()
    raise ValueError(f"unknown ranking key {key}")


def _fmt_number(value: float) -> str:
    from services.vi import format_decimal

    if abs(value - round(value)) < 1e-9:
        return str(int(round(value)))
    return format_decimal(value, 2).rstrip("0").rstrip(",")


def format_duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    minutes, secs = divmod(seconds, 60)
    if minutes:
        return f"{minutes} phút {secs:02d} giây"
    return f"{secs} giây"


def explain_pair(
    upper: Entry, lower: Entry, chain: Sequence[str], actual: int | None, summed: bool = False
) -> str:
    """Why `upper` stands above `lower`, in one Vietnamese sentence."""
    text = _explain(upper, lower, chain, actual, summed)
    return text[:1].upper() + text[1:]


def tied_keys(
    upper: Entry, lower: Entry, chain: Sequence[str], actual: int | None
) -> tuple[str, ...]:
    """The keys at the head of the chain on which two neighbours are equal (a tie the
    explanation then breaks, or a shared rank when it is the whole chain)."""
    same = []
    for key in chain:
        if _sort_value(key, upper, actual) != _sort_value(key, lower, actual):
            break
        same.append(key)
    return tuple(same)


def _explain(
    upper: Entry, lower: Entry, chain: Sequence[str], actual: int | None, summed: bool
) -> str:
    same: list[str] = []
    for key in chain:
        a, b = _sort_value(key, upper, actual), _sort_value(key, lower, actual)
        if a == b:
            same.append(key)
            continue
        prefix = ("bằng " + " và ".join(_SAME_WORDS[k] for k in same) + "; ") if same else ""
        if key == "score":
            diff = upper.score - lower.score
            return (
                f"{prefix}hơn người xếp sau {_fmt_number(diff)} điểm "
                f"({_fmt_number(upper.score)} so với {_fmt_number(lower.score)})."
            )
        if key == "prediction":
            du, dl = _distance(upper, actual), _distance(lower, actual)
            if summed:
                return (
                    f"{prefix}tổng độ lệch dự đoán {_fmt_number(du)}, nhỏ hơn người xếp sau "
                    f"({_fmt_number(dl) if dl is not None else 'không dự đoán'})."
                )
            if dl is None:
                return (
                    f"{prefix}dự đoán lệch {_fmt_number(du)} so với đáp số {actual}, "
                    "người xếp sau không dự đoán."
                )
            return (
                f"{prefix}dự đoán {upper.prediction} lệch {_fmt_number(du)} so với đáp số "
                f"{actual}, gần hơn người xếp sau (dự đoán {lower.prediction}, lệch "
                f"{_fmt_number(dl)})."
            )
        if key == "duration":
            return (
                f"{prefix}làm bài nhanh hơn "
                f"{format_duration(lower.duration_seconds - upper.duration_seconds)} "
                f"({format_duration(upper.duration_seconds)} so với "
                f"{format_duration(lower.duration_seconds)})."
            )
        if key == "submitted_at":
            from services.vi import to_local

            return (
                f"{prefix}nộp bài sớm hơn (lúc "
                f"{to_local(upper.submitted_at).strftime('%H:%M:%S %d/%m/%Y')} so với "
                f"{to_local(lower.submitted_at).strftime('%H:%M:%S %d/%m/%Y')})."
            )
    return "Bằng nhau ở mọi tiêu chí xếp hạng nên đồng hạng."


_SAME_WORDS = {
    "score": "điểm",
    "prediction": "độ lệch dự đoán",
    "duration": "thời gian làm bài",
    "submitted_at": "thời điểm nộp",
}


def rank_entries(
    entries: Sequence[Entry],
    *,
    chain: Sequence[str] = RANK_KEYS,
    actual: int | None = None,
    summed: bool = False,
) -> list[Ranked]:
    """Order by the chain; people equal on every key share a rank (1, 2, 2, 4)."""
    chain = [k for k in chain if k in RANK_KEYS] or list(RANK_KEYS)

    def key(entry: Entry):
        return tuple(_sort_value(k, entry, actual) for k in chain) + (entry.user_id,)

    ordered = sorted(entries, key=key)
    result: list[Ranked] = []
    for index, entry in enumerate(ordered):
        if index and key(entry)[:-1] == key(ordered[index - 1])[:-1]:
            rank = result[-1].rank
        else:
            rank = index + 1
        result.append(Ranked(rank=rank, entry=entry, distance=_distance(entry, actual)))
    explained = []
    for index, row in enumerate(result):
        if index + 1 < len(result):
            lower = result[index + 1].entry
            text = explain_pair(row.entry, lower, chain, actual, summed)
            same = tied_keys(row.entry, lower, chain, actual)
        else:
            text, same = "Người cuối bảng xếp hạng.", ()
        explained.append(replace(row, explanation=text, tied_keys=same))
    return explained


PRIZE_NAMES = ("Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích")


def assign_prizes(ranked: Sequence[Ranked], counts: Sequence[int]) -> list[Ranked]:
    """Prizes go down the ranking in order; people sharing a rank share the prize, so a tie on
    the last place of a prize gives that prize to everyone in the tie."""
    bounds = []
    total = 0
    for count in counts:
        total += max(0, count)
        bounds.append(total)
    out = []
    for row in ranked:
        prize = ""
        if row.entry.score > 0:
            for name, bound in zip(PRIZE_NAMES, bounds, strict=False):
                if row.rank <= bound:
                    prize = name
                    break
        out.append(replace(row, prize=prize))
    return out


# --- item statistics (Moodle definitions) ------------------------------------------------------


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sxx * syy)


def facility_index(credits: Sequence[float]) -> float | None:
    """Moodle: the mean score on the item, as a percentage of its maximum."""
    if not credits:
        return None
    return 100.0 * sum(credits) / len(credits)


def discrimination_index(credits: Sequence[float], totals: Sequence[float]) -> float | None:
    """Moodle: correlation (×100) between the item score and the score on the rest of the test."""
    rest = [t - c for c, t in zip(credits, totals, strict=True)]
    r = pearson(credits, rest)
    return None if r is None else 100.0 * r
