"""Pure rules: drawing, grading, ranking (ties included), prizes, item statistics."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from services.contests.grading import (
    Entry,
    assign_prizes,
    discrimination_index,
    draw_questions,
    facility_index,
    grade_item,
    option_order,
    rank_entries,
)
from services.errors import UserError

T = datetime(2026, 5, 15, 1, 0, tzinfo=UTC)


# --- drawing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quotas", "expected_len"),
    [
        ([("A", 3, range(1, 11))], 3),
        ([("A", 2, range(1, 5)), ("B", 2, range(5, 9))], 4),
        ([("Cha", 2, range(1, 9)), ("Con", 3, range(5, 9))], 5),  # overlapping categories
        ([("A", 0, range(1, 3))], 0),
    ],
)
def test_draw_meets_quotas_without_repeats(quotas, expected_len):
    for seed in range(20):
        drawn = draw_questions(quotas, rng=random.Random(seed))
        assert len(drawn) == expected_len == len(set(drawn))


def test_draw_respects_each_quota():
    quotas = [("A", 2, [1, 2, 3]), ("B", 3, [10, 11, 12, 13])]
    drawn = draw_questions(quotas, rng=random.Random(5))
    assert len([q for q in drawn if q < 10]) == 2 and len([q for q in drawn if q >= 10]) == 3


def test_draw_refuses_too_small_a_pool():
    with pytest.raises(UserError, match="không đủ 5"):
        draw_questions([("Nhóm nhỏ", 5, [1, 2, 3])], rng=random.Random(1))


def test_draw_without_shuffle_keeps_quota_order():
    drawn = draw_questions(
        [("A", 2, [5, 6]), ("B", 2, [1, 2])], rng=random.Random(1), shuffle=False
    )
    assert drawn == [5, 6, 1, 2]


@pytest.mark.parametrize(
    ("qtype", "shuffle", "fixed"),
    [("true_false", True, True), ("single", False, True), ("single", True, False)],
)
def test_option_order(qtype, shuffle, fixed):
    orders = {
        tuple(
            option_order(
                qtype, 4 if qtype != "true_false" else 2, rng=random.Random(s), shuffle=shuffle
            )
        )
        for s in range(10)
    }
    assert (len(orders) == 1) == fixed


# --- grading -------------------------------------------------------------------------------------

SINGLE = [{"text": "a", "correct": True}, {"text": "b"}, {"text": "c"}]
MULTI = [
    {"text": "a", "correct": True},
    {"text": "b", "correct": True},
    {"text": "c"},
    {"text": "d"},
]
WEIGHTED = [
    {"text": "a", "correct": True, "weight": 0.5},
    {"text": "b", "correct": True, "weight": 0.5},
    {"text": "c", "weight": -0.5},
    {"text": "d", "weight": -0.5},
]


@pytest.mark.parametrize(
    ("qtype", "options", "selected", "rule", "credit"),
    [
        ("single", SINGLE, [0], "all_or_nothing", 1.0),
        ("single", SINGLE, [1], "all_or_nothing", 0.0),
        ("single", SINGLE, [], "all_or_nothing", 0.0),
        ("single", SINGLE, [0, 1], "all_or_nothing", 0.0),
        ("true_false", SINGLE[:2], [0], "proportional", 1.0),
        ("multiple", MULTI, [0, 1], "all_or_nothing", 1.0),
        ("multiple", MULTI, [0], "all_or_nothing", 0.0),
        ("multiple", MULTI, [0, 1, 2], "all_or_nothing", 0.0),
        ("multiple", MULTI, [0], "proportional", 0.5),
        ("multiple", MULTI, [0, 2], "proportional", 0.0),
        ("multiple", MULTI, [0, 1, 2], "proportional", 0.5),
        ("multiple", MULTI, [2, 3], "proportional", 0.0),
        ("multiple", WEIGHTED, [0], "weights", 0.5),
        ("multiple", WEIGHTED, [0, 1], "weights", 1.0),
        ("multiple", WEIGHTED, [0, 1, 2], "weights", 0.5),
        ("multiple", WEIGHTED, [2, 3], "weights", 0.0),
        ("multiple", MULTI, [0, 1, 2, 3], "weights", 0.0),
    ],
)
def test_grade_item(qtype, options, selected, rule, credit):
    assert grade_item(qtype, options, selected, rule) == pytest.approx(credit)


# --- ranking -------------------------------------------------------------------------------------


def e(uid, score, duration=300, minutes=0, prediction=None):
    return Entry(
        user_id=uid,
        full_name=f"Người {uid}",
        unit_id=None,
        score=score,
        duration_seconds=duration,
        submitted_at=T + timedelta(minutes=minutes),
        prediction=prediction,
    )


@pytest.mark.parametrize(
    ("entries", "actual", "order", "ranks", "reason_words"),
    [
        # score decides
        ([e(1, 7), e(2, 9), e(3, 8)], None, [2, 3, 1], [1, 2, 3], "hơn người xếp sau 1 điểm"),
        # equal score: prediction distance decides
        ([e(1, 9, prediction=20), e(2, 9, prediction=12)], 10, [2, 1], [1, 2], "dự đoán 12"),
        # equal score and distance: time decides
        (
            [e(1, 9, 400, prediction=8), e(2, 9, 200, prediction=12)],
            10,
            [2, 1],
            [1, 2],
            "nhanh hơn 3 phút 20 giây",
        ),
        # all equal but submission time
        ([e(1, 9, 300, 5, 10), e(2, 9, 300, 2, 10)], 10, [2, 1], [1, 2], "nộp bài sớm hơn"),
        # a full tie shares the rank
        ([e(1, 9, 300, 1), e(2, 9, 300, 1), e(3, 5)], None, [1, 2, 3], [1, 1, 3], "đồng hạng"),
        # no prediction ranks below any prediction when scores tie
        ([e(1, 9, prediction=None), e(2, 9, prediction=100)], 10, [2, 1], [1, 2], "không dự đoán"),
    ],
)
def test_ranking_chain(entries, actual, order, ranks, reason_words):
    ranked = rank_entries(entries, actual=actual)
    assert [r.entry.user_id for r in ranked] == order
    assert [r.rank for r in ranked] == ranks
    assert reason_words.lower() in ranked[0].explanation.lower()
    assert ranked[-1].explanation == "Người cuối bảng xếp hạng."


def test_ranking_prediction_ignored_until_actual_known():
    ranked = rank_entries([e(1, 9, 400, prediction=1), e(2, 9, 200, prediction=99)], actual=None)
    assert [r.entry.user_id for r in ranked] == [2, 1]


def test_custom_chain_time_before_score():
    ranked = rank_entries([e(1, 10, 500), e(2, 5, 100)], chain=["duration", "score"])
    assert ranked[0].entry.user_id == 2 and "nhanh hơn" in ranked[0].explanation


@pytest.mark.parametrize(
    ("scores", "counts", "prizes"),
    [
        (
            [10, 9, 8, 7, 6],
            (1, 1, 1, 1),
            ["Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích", ""],
        ),
        ([10, 10, 8], (1, 1, 0, 0), ["Giải Nhất", "Giải Nhất", ""]),  # tie shares the prize
        ([10, 0], (1, 1, 0, 0), ["Giải Nhất", ""]),  # zero scores win nothing
    ],
)
def test_prizes(scores, counts, prizes):
    entries = [e(i, s, 300, 1) for i, s in enumerate(scores)]
    ranked = assign_prizes(rank_entries(entries), counts)
    assert [r.prize for r in ranked] == prizes


# --- item statistics -----------------------------------------------------------------------------


def test_facility_and_discrimination():
    credits = [1, 1, 1, 0, 0, 0]
    totals = [9, 8, 7, 3, 2, 1]
    assert facility_index(credits) == pytest.approx(50.0)
    assert discrimination_index(credits, totals) > 80
    assert discrimination_index([1, 1, 1, 0, 0, 0], [1, 2, 3, 7, 8, 9]) < -80
    assert facility_index([]) is None
    assert discrimination_index([1, 1], [5, 6]) is None  # no variance


@pytest.mark.parametrize(
    "entries, actual, tied",
    [
        ([e(1, 10, 300), e(2, 9, 300)], None, ()),  # the score decides: no tie
        # equal score (and no prediction to compare), time breaks it
        ([e(1, 9, 200), e(2, 9, 300)], None, ("score", "prediction")),
        (
            [e(1, 9, 300, 1), e(2, 9, 300, 1)],
            None,
            ("score", "prediction", "duration", "submitted_at"),
        ),
    ],
)
def test_a_tie_is_a_field_of_the_row_not_a_word_of_its_sentence(entries, actual, tied):
    """The results page lists the ties from this field (it once looked for "Bằng" in the text)."""
    ranked = rank_entries(entries, actual=actual)
    assert ranked[0].tied_keys == tied
    assert ranked[-1].tied_keys == ()
