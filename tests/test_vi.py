"""Vietnamese conventions: numbers, dates, collation, accent-free search."""

from datetime import UTC, date, datetime

import pytest

from services import vi


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "0"), (999, "999"), (1500, "1.500"), (13130, "13.130"), (1_000_000, "1.000.000")],
)
def test_format_int(value, expected):
    assert vi.format_int(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(9.0, "9"), (8.75, "8,75"), (0.5, "0,50"), (8.999999, "9"), (1234.5, "1.234,50"), (0, "0")],
)
def test_format_score(value, expected):
    assert vi.format_score(value) == expected


@pytest.mark.parametrize(
    ("ratio", "expected"), [(0.953, "95,3%"), (1, "100,0%"), (0.0005, "0,1%"), (12.5, "1.250,0%")]
)
def test_format_percent(ratio, expected):
    assert vi.format_percent(ratio) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2016, 5, 15), "15/05/2016"),
        # 20:30 UTC is already the next morning in Hà Nội.
        (datetime(2016, 5, 14, 20, 30, tzinfo=UTC), "15/05/2016"),
        (None, ""),
    ],
)
def test_format_date(value, expected):
    assert vi.format_date(value) == expected


def test_format_datetime_is_in_vietnam_time():
    assert vi.format_datetime(datetime(2020, 1, 1, 1, 0, tzinfo=UTC)) == "08:00 01/01/2020"


def test_names_sort_by_given_name_then_family_name():
    names = [
        "Trần Văn Bình",
        "Nguyễn Thị An",
        "Lê Văn An",
        "Đỗ Thị Ánh",
        "Phạm Hồng Ân",
        "Hoàng Đức",
        "Vũ Văn Dũng",
    ]
    assert sorted(names, key=vi.name_sort_key) == [
        # a < â: "Ánh" (a + tone) before "Ân" (the letter â)
        "Lê Văn An",
        "Nguyễn Thị An",
        "Đỗ Thị Ánh",
        "Phạm Hồng Ân",
        "Trần Văn Bình",
        "Vũ Văn Dũng",
        "Hoàng Đức",
    ]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["b", "â", "ă", "a"], ["a", "ă", "â", "b"]),
        (["đa", "da", "e"], ["da", "đa", "e"]),
        # tones: ngang, huyền, hỏi, ngã, sắc, nặng
        (["má", "mạ", "mả", "mà", "ma", "mã"], ["ma", "mà", "mả", "mã", "má", "mạ"]),
        (["ư", "u", "ơ", "o", "ô"], ["o", "ô", "ơ", "u", "ư"]),
    ],
)
def test_vietnamese_alphabet_and_tone_order(words, expected):
    assert sorted(words, key=vi.collation_key) == expected


ORDER_CASES = [
    # f, j, w, z stand where the Latin alphabet puts them, not after y
    ["Ê-đê", "Facebook", "Gia Lai"],
    ["Ích", "Jrai", "Kon Tum"],
    ["Vinh", "Wifi", "Xuân"],
    ["Yên Bái", "Zalo"],
    # word by word: a shorter word comes first whatever follows it
    ["An Vinh", "Anh Vũ"],
    ["Tổ", "Tổ 2", "Tổ 10", "Tổ Ba"],
    # numbers by value, before letters
    ["2", "10", "100", "a"],
    ["Khu phố 2", "Khu phố 10", "Khu phố 11"],
    # the letter before the tone: a < à < ă; tones only break ties
    ["an", "án", "anh", "ăn", "ân"],
    ["ba", "bà", "bả", "bã", "bá", "bạ", "bác"],
    ["d", "đ", "e", "ê"],
    # case last
    ["an", "An", "án"],
]


@pytest.mark.parametrize("expected", ORDER_CASES, ids=lambda case: " < ".join(case))
def test_vietnamese_dictionary_order(expected):
    shuffled = list(reversed(expected))
    assert sorted(shuffled, key=vi.collation_key) == expected
    # the stored column sorts the same as text, in any database collation
    assert sorted(shuffled, key=vi.collation_string) == expected


def test_names_sort_by_whole_given_name_with_numbers_and_loan_letters():
    names = ["Lê Văn Zũng", "Trần Yến", "Phạm Văn Anh", "Ngô An", "Đỗ Văn Fa"]
    assert sorted(names, key=vi.name_sort_key) == [
        "Ngô An",
        "Phạm Văn Anh",
        "Đỗ Văn Fa",
        "Trần Yến",
        "Lê Văn Zũng",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Khu phố Hiếu học", "khu pho hieu hoc"),
        ("Đảng bộ  Khối", "dang bo khoi"),
        ("Bưu tá tận tụy", "buu ta tan tuy"),
    ],
)
def test_unaccent(text, expected):
    assert vi.unaccent(text) == expected
