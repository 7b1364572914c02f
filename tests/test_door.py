"""Hardening (issue 9): odd addresses, login CSRF, logout, lockout, the sweep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from models.accounts import (
    AuthSession,
    AuthTicket,
    LoginAddressThrottle,
    LoginKnownAddress,
    LoginThrottle,
    Role,
)
from services.accounts import auth
from services.errors import UserError
from services.params import parse_bounded, parse_id, parse_ids
from tests.fixtures import PASSWORD, add_user


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("²", None),
        ("١٢", None),
        ("0", None),
        ("-3", None),
        ("", None),
        (None, None),
        ("1" * 25, None),
        (str(2**31), None),
        (str(2**31 - 1), 2**31 - 1),
        ("1e3", None),
        ("12abc", None),
    ],
)
def test_parse_id_takes_ascii_ids_in_range_only(raw, expected):
    assert parse_id(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,2,3", [1, 2, 3]),
        ("²", []),
        ("3,²,3,4", [3, 4]),
        ("", []),
        (",,", []),
        ("9" * 25 + ",5", [5]),
    ],
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
    ("catalogue_gallery", Role.MEMBER, {"page": "9" * 25}, None),
    ("catalogue_gallery", Role.MEMBER, {"unit": "9" * 25, "year": "²"}, None),
    ("commendations_dashboard", Role.LEADER, {"tu": "²", "den": "9" * 25}, None),
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


# --- lockout: per name, per address, and the owner's known address -------------------------

HOME, STRANGER = "203.0.113.7", "198.51.100.9"


@pytest.fixture
def owner(session):
    user = add_user(session, "quantri", Role.ADMIN, full_name="Quản trị")
    session.commit()
    return user


def _fail(session, username, address, times=5):
    for _ in range(times):
        with pytest.raises(UserError, match="không đúng"):
            auth.authenticate(session=session, username=username, password="sai", address=address)


def test_a_stranger_cannot_lock_the_owner_out_of_a_known_address(session, owner):
    auth.authenticate(session=session, username="quantri", password=PASSWORD, address=HOME)
    _fail(session, "quantri", STRANGER)
    with pytest.raises(UserError, match="tạm khóa"):  # the stranger's place is locked out
        auth.authenticate(session=session, username="quantri", password=PASSWORD, address=STRANGER)
    result = auth.authenticate(session=session, username="quantri", password=PASSWORD, address=HOME)
    assert result.user.username == "quantri"


def test_an_address_that_never_succeeded_stays_under_the_name_lock(session, owner):
    _fail(session, "quantri", STRANGER)
    with pytest.raises(UserError, match="tạm khóa"):
        auth.authenticate(session=session, username="quantri", password=PASSWORD, address=HOME)


@pytest.mark.parametrize("names_exist", [True, False])
def test_one_address_guessing_many_names_is_stopped(session, owner, names_exist):
    for i in range(4):  # 4 names × 5 = 20 failures, none of them locks a name twice
        _fail(session, "quantri" if names_exist and i == 0 else f"ten-{i}", STRANGER, times=5)
    with pytest.raises(UserError, match="Máy này") as caught:
        auth.authenticate(session=session, username="ai-khac", password="sai", address=STRANGER)
    assert "quantri" not in str(caught.value)
    # another address is not affected
    _fail(session, "ai-khac", HOME, times=1)


def test_sweep_purges_ended_sessions_used_tickets_and_stale_rows(session, owner):
    old = datetime.now(UTC) - timedelta(days=40)
    live = auth.start_session(session=session, user_id=owner.id)
    expired = auth.start_session(session=session, user_id=owner.id)
    revoked = auth.start_session(session=session, user_id=owner.id)
    auth.revoke_session(session=session, token=revoked)
    used = auth.issue_ticket(session=session, token=live, nonce="n")
    auth.issue_ticket(session=session, token=live, nonce="n")  # still usable: kept
    session.flush()
    auth.redeem_ticket(session=session, ticket=used, nonce="n")
    for row in session.exec(select(AuthSession)).all():
        if row.token_hash == auth.token_digest(expired):
            row.expires_at = old
    session.add(LoginThrottle(username_key="cu", failures=2, updated_at=old))
    session.add(LoginThrottle(username_key="moi", failures=2))
    session.add(
        LoginThrottle(
            username_key="dang-khoa",
            failures=0,
            updated_at=old,
            locked_until=datetime.now(UTC) + timedelta(minutes=5),
        )
    )
    session.add(LoginAddressThrottle(address=STRANGER, failures=3, updated_at=old))
    session.add(LoginKnownAddress(username_key="quantri", address=HOME, succeeded_at=old))
    session.commit()

    assert auth.purge_stale(session=session) == 6
    session.commit()
    assert len(session.exec(select(AuthSession)).all()) == 1  # the live one (token rotated)
    assert [t.used_at for t in session.exec(select(AuthTicket)).all()] == [None]
    assert sorted(r.username_key for r in session.exec(select(LoginThrottle)).all()) == [
        "dang-khoa",
        "moi",
    ]
    assert not session.exec(select(LoginAddressThrottle)).all()
    assert not session.exec(select(LoginKnownAddress)).all()
