"""Logins, throttling, session tokens, tickets and revocation, on a real database."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from models.accounts import AuthSession, Role
from services.accounts import auth
from services.errors import UserError
from tests.fixtures import PASSWORD, add_user


@pytest.fixture
def member(session):
    user = add_user(session, "nhung", Role.MEMBER, full_name="Lê Thị Hồng Nhung")
    session.commit()
    return user


def test_right_password_logs_in_and_the_token_resolves(session, member):
    result = auth.authenticate(session=session, username=" Nhung ", password=PASSWORD)
    assert result.user.username == "nhung"
    assert auth.resolve_session(session=session, token=result.token).id == member.id


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("nhung", "sai", auth.BAD_CREDENTIALS),
        ("khongco", PASSWORD, auth.BAD_CREDENTIALS),
        ("", "", auth.EMPTY_FORM),
        ("nhung", "", auth.EMPTY_FORM),
    ],
)
def test_bad_logins_never_say_which_part_was_wrong(session, member, username, password, message):
    with pytest.raises(UserError) as caught:
        auth.authenticate(session=session, username=username, password=password)
    assert str(caught.value) == message


@pytest.mark.parametrize("username", ["nhung", "ten-khong-ton-tai"])
def test_five_failures_lock_the_name_whether_or_not_it_exists(session, member, username):
    for _ in range(5):
        with pytest.raises(UserError, match="không đúng"):
            auth.authenticate(session=session, username=username, password="sai")
    with pytest.raises(UserError, match="tạm khóa"):
        auth.authenticate(session=session, username=username, password=PASSWORD)


def test_lock_ends_after_its_time(session, member):
    for _ in range(5):
        with pytest.raises(UserError):
            auth.authenticate(session=session, username="nhung", password="sai", lockout_minutes=0)
    assert auth.authenticate(
        session=session, username="nhung", password=PASSWORD, lockout_minutes=0
    )


def test_disabled_account_cannot_log_in(session, member):
    from models.accounts import UserUpdate
    from services.accounts import users as accounts

    add_user(session, "quantri", Role.ADMIN)
    accounts.update_user(session=session, user_id=member.id, user_in=UserUpdate(is_active=False))
    with pytest.raises(UserError, match="không đúng"):
        auth.authenticate(session=session, username="nhung", password=PASSWORD)


def test_revoked_and_expired_tokens_resolve_to_nobody(session, member):
    token = auth.start_session(session=session, user_id=member.id)
    other = auth.start_session(session=session, user_id=member.id)
    auth.revoke_session(session=session, token=token)
    assert auth.resolve_session(session=session, token=token) is None
    assert auth.resolve_session(session=session, token=other) is not None
    row = session.exec(select(AuthSession).where(AuthSession.revoked_at.is_(None))).one()
    row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    assert auth.resolve_session(session=session, token=other) is None
    assert auth.resolve_session(session=session, token="bịa-đặt") is None


def test_ticket_works_once_and_rotates_the_token(session, member):
    token = auth.start_session(session=session, user_id=member.id)
    ticket = auth.issue_ticket(session=session, token=token, nonce="trinh-duyet")
    cookie_token = auth.redeem_ticket(session=session, ticket=ticket, nonce="trinh-duyet")
    assert cookie_token and cookie_token != token
    assert auth.resolve_session(session=session, token=cookie_token).id == member.id
    assert auth.resolve_session(session=session, token=token) is None
    assert auth.redeem_ticket(session=session, ticket=ticket, nonce="trinh-duyet") is None


@pytest.mark.parametrize("nonce", [None, "", "trinh-duyet-khac"])
def test_ticket_works_only_in_the_browser_that_logged_in(session, member, nonce):
    """Login CSRF: a ticket taken from the attacker's own login does nothing in another browser."""
    token = auth.start_session(session=session, user_id=member.id)
    ticket = auth.issue_ticket(session=session, token=token, nonce="trinh-duyet")
    assert auth.redeem_ticket(session=session, ticket=ticket, nonce=nonce) is None
    # and the wrong browser did not use it up
    assert auth.redeem_ticket(session=session, ticket=ticket, nonce="trinh-duyet")


def test_revoking_all_sessions_logs_out_everywhere(session, member):
    tokens = [auth.start_session(session=session, user_id=member.id) for _ in range(3)]
    assert auth.revoke_all_sessions(session=session, user_id=member.id) == 3
    assert all(auth.resolve_session(session=session, token=t) is None for t in tokens)


@pytest.mark.parametrize(
    ("value", "key", "max_age", "expected"),
    [
        ("signed", "k", 60, "tok"),
        ("signed", "other-key", 60, None),
        ("garbage", "k", 60, None),
        (None, "k", 60, None),
    ],
)
def test_cookie_signature(value, key, max_age, expected):
    raw = auth.sign_token("k", "tok") if value == "signed" else value
    assert auth.unsign_token(key, raw, max_age) == expected
