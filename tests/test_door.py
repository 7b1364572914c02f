"""Hardening (issue 9): odd addresses, login CSRF, logout, lockout, the sweep."""

from __future__ import annotations

import pytest

from models.accounts import Role
from services.params import parse_bounded, parse_id, parse_ids


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), (" 7 ", 7), ("²", None), ("١٢", None), ("0", None), ("-3", None), ("", None),
     (None, None), ("1" * 25, None), (str(2**31), None), (str(2**31 - 1), 2**31 - 1),
     ("1e3", None), ("12abc", None)],
)
def test_parse_id_takes_ascii_ids_in_range_only(raw, expected):
    assert parse_id(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1,2,3", [1, 2, 3]), ("²", []), ("3,²,3,4", [3, 4]), ("", []), (",,", []),
     ("9" * 25 + ",5", [5])],
)
def test_parse_ids_ignores_what_is_not_an_id(raw, expected):
    assert parse_ids(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("10", 10), ("61", 60), ("1", 3), ("²", 10), ("abc", 10), (None, 10), ("9" * 25, 10)],
)
def test_parse_bounded_brings_numbers_into_range(raw, expected):
    assert parse_bounded(raw, low=3, high=60, default=10) == expected


ODD_ADDRESSES = [
    # page, role, query, a text the page must show
    ("catalogue_slideshow", Role.LEADER, {"interval": "61"}, None),
    ("catalogue_slideshow", Role.LEADER, {"interval": "99999999999999999999999999"}, None),
    ("catalogue_slideshow", Role.LEADER, {"ids": "²"}, "không hợp lệ"),
    ("catalogue_slideshow", Role.LEADER, {"ids": "1" * 25, "play": "1"}, "không hợp lệ"),
    ("catalogue_slideshow", Role.LEADER, {"play": "1", "interval": "²"}, None),
    ("catalogue_detail", Role.MEMBER, {"id": "1" * 25}, "Không tìm thấy"),
    ("catalogue_detail", Role.MEMBER, {"id": "²"}, "Không tìm thấy"),
    ("catalogue_manage", Role.ORGANISER, {"id": "²"}, None),
    ("catalogue_manage", Role.ORGANISER, {"id": "1" * 25}, None),
]


@pytest.mark.parametrize(("page_key", "role", "query", "text"), ODD_ADDRESSES)
def test_odd_query_values_never_break_a_page(demo_engine, run_page, page_key, role, query, text):
    username = {Role.LEADER: "lanhdao", Role.MEMBER: "thanhvien", Role.ORGANISER: "tochuc"}[role]
    at = run_page(page_key, role, username=username, query=query)
    assert not at.exception, at.exception
    if text:
        shown = [e.value for e in [*at.warning, *at.error, *at.info]]
        assert any(text in value for value in shown), shown
