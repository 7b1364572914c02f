"""Logins, session tokens and throttling.

The browser only ever holds a random token (signed, in an HttpOnly cookie); its SHA-256 is
stored, so a database leak gives no usable tokens, and revoking the row ends the login
everywhere at once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete, or_
from sqlmodel import Session, col, select

from models.accounts import (
    AuthSession,
    AuthTicket,
    LoginAddressThrottle,
    LoginKnownAddress,
    LoginThrottle,
    User,
)
from models.common import as_utc
from services.accounts.passwords import verify_password
from services.errors import UserError
from services.vi import to_local

BAD_CREDENTIALS = "Tên đăng nhập hoặc mật khẩu không đúng."
EMPTY_FORM = "Vui lòng nhập tên đăng nhập và mật khẩu."
TICKET_SECONDS = 60
ADDRESS_MAX_FAILURES = 20  # wrong logins from one client address, whatever the names
KNOWN_ADDRESS_DAYS = 30  # how long a successful login vouches for its address
STALE_THROTTLE = timedelta(days=1)  # a throttle row untouched this long is forgotten
COOKIE_NAME = "gs_session"
# A random value the server puts in every page load's HttpOnly cookie; a login ticket is bound to
# it, so a ticket works only in the browser that logged in (no login CSRF).
NONCE_COOKIE_NAME = "gs_browser"
NONCE_SECONDS = 2 * 3600


@dataclass(frozen=True)
class CurrentUser:
    """What a page needs to know about who is looking; plain data, safe in session state."""

    id: int
    username: str
    full_name: str
    role: str
    unit_id: int | None
    must_change_password: bool
    # Duties held in the notebook, which decide two menu entries (read with the login check)
    on_committee: bool = False  # sits on a cell committee (chi ủy)
    leads_group: bool = False  # leads a group (tổ trưởng)

    @property
    def duties(self) -> frozenset[str]:
        return frozenset(
            name
            for name, held in ((DUTY_COMMITTEE, self.on_committee), (DUTY_GROUP, self.leads_group))
            if held
        )


DUTY_COMMITTEE = "committee"
DUTY_GROUP = "group_leader"


@dataclass(frozen=True)
class LoginResult:
    user: CurrentUser
    token: str


def _now() -> datetime:
    return datetime.now(UTC)


def token_digest(raw: str) -> str:
    """What is stored for a random token (sessions, tickets, screen links): never the token."""
    return hashlib.sha256(raw.encode()).hexdigest()


_digest = token_digest


def normalise_username(username: str) -> str:
    return username.strip().lower()


def _current(user: User) -> CurrentUser:
    """At login; the first run's `resolve_session` reads the notebook duties."""
    return CurrentUser(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        unit_id=user.unit_id,
        must_change_password=user.must_change_password,
    )


def _throttle(session: Session, key: str) -> LoginThrottle:
    row = session.get(LoginThrottle, key)
    if row is None:
        row = LoginThrottle(username_key=key)
        session.add(row)
    return row


def _check_not_locked(row: LoginThrottle) -> None:
    locked_until = as_utc(row.locked_until)
    if locked_until and locked_until > _now():
        until = to_local(locked_until).strftime("%H:%M")
        raise UserError(
            "Đăng nhập bằng tên này đã bị tạm khóa vì nhập sai nhiều lần. "
            f"Vui lòng thử lại sau {until}."
        )


def _record_failure(row: LoginThrottle, *, max_failures: int, lockout: timedelta) -> None:
    row.failures += 1
    row.updated_at = _now()
    if row.failures >= max_failures:
        row.locked_until = _now() + lockout
        row.failures = 0


def _address_throttle(session: Session, address: str) -> LoginAddressThrottle:
    row = session.get(LoginAddressThrottle, address)
    if row is None:
        row = LoginAddressThrottle(address=address)
        session.add(row)
    return row


def _check_address_not_locked(row: LoginAddressThrottle) -> None:
    locked_until = as_utc(row.locked_until)
    if locked_until and locked_until > _now():
        until = to_local(locked_until).strftime("%H:%M")
        raise UserError(
            "Máy này đã nhập sai tên đăng nhập hoặc mật khẩu quá nhiều lần. "
            f"Vui lòng thử lại sau {until}."
        )


def _known_address(session: Session, key: str, address: str | None) -> bool:
    if not address:
        return False
    row = session.get(LoginKnownAddress, (key, address))
    return row is not None and as_utc(row.succeeded_at) > _now() - timedelta(
        days=KNOWN_ADDRESS_DAYS
    )


def authenticate(
    *,
    session: Session,
    username: str,
    password: str,
    session_hours: int = 12,
    max_failures: int = 5,
    lockout_minutes: int = 15,
    address: str | None = None,
    max_address_failures: int = ADDRESS_MAX_FAILURES,
) -> LoginResult:
    """Check a name and password; never say which of the two was wrong.

    Two brakes: wrong guesses per name (except from an address where that name recently logged
    in, so a stranger cannot lock the owner out) and per client address (so one place cannot
    try many names)."""
    name = normalise_username(username)
    if not name or not password:
        raise UserError(EMPTY_FORM)
    key = name[:64]
    address = (address or "")[:64] or None
    lockout = timedelta(minutes=lockout_minutes)
    by_address = _address_throttle(session, address) if address else None
    if by_address is not None:
        _check_address_not_locked(by_address)
    throttle = _throttle(session, key)
    if not _known_address(session, key, address):
        _check_not_locked(throttle)
    user = session.exec(select(User).where(User.username == name)).first()
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active:
        _record_failure(throttle, max_failures=max_failures, lockout=lockout)
        if by_address is not None:
            _record_failure(by_address, max_failures=max_address_failures, lockout=lockout)
        session.commit()  # the failure must count even though we raise
        raise UserError(BAD_CREDENTIALS)
    throttle.failures = 0
    throttle.locked_until = None
    if by_address is not None:
        by_address.failures = 0
        known = session.get(LoginKnownAddress, (key, address))
        if known is None:
            session.add(LoginKnownAddress(username_key=key, address=address))
        else:
            known.succeeded_at = _now()
    user.last_login_at = _now()
    token = start_session(session=session, user_id=user.id, hours=session_hours)
    return LoginResult(user=_current(user), token=token)


def purge_stale(*, session: Session) -> int:
    """What the sweep removes: ended sessions, tickets that can no longer be used, throttle rows
    nobody touched for a day (and not locked), and addresses that no longer vouch."""
    now = _now()
    ended = select(AuthSession.id).where(
        or_(col(AuthSession.expires_at) <= now, col(AuthSession.revoked_at).is_not(None))
    )
    removed = 0
    for statement in (
        delete(AuthTicket).where(
            or_(
                col(AuthTicket.used_at).is_not(None),
                col(AuthTicket.expires_at) <= now,
                col(AuthTicket.session_id).in_(ended),
            )
        ),
        delete(AuthSession).where(
            or_(col(AuthSession.expires_at) <= now, col(AuthSession.revoked_at).is_not(None))
        ),
        *(
            delete(table).where(
                col(table.updated_at) <= now - STALE_THROTTLE,
                or_(col(table.locked_until).is_(None), col(table.locked_until) <= now),
            )
            for table in (LoginThrottle, LoginAddressThrottle)
        ),
        delete(LoginKnownAddress).where(
            col(LoginKnownAddress.succeeded_at) <= now - timedelta(days=KNOWN_ADDRESS_DAYS)
        ),
    ):
        # No in-memory sync: the sweep's own session holds none of these rows.
        result = session.exec(statement.execution_options(synchronize_session=False))
        removed += result.rowcount or 0
    return removed


def start_session(*, session: Session, user_id: int, hours: int = 12) -> str:
    token = secrets.token_urlsafe(32)
    session.add(
        AuthSession(
            token_hash=_digest(token), user_id=user_id, expires_at=_now() + timedelta(hours=hours)
        )
    )
    session.flush()
    return token


def resolve_session(*, session: Session, token: str | None) -> CurrentUser | None:
    """The user behind a token, or None if it is unknown, expired, revoked or disabled."""
    if not token:
        return None
    # Every run of every page asks this: one Core query (no ORM objects), the statement built once;
    # pending changes of this session (a revocation just made) are flushed first, as the ORM would.
    session.flush()
    row = session.connection().execute(_RESOLVE, {"digest": _digest(token)}).first()
    if row is None or row.revoked_at is not None or as_utc(row.expires_at) <= _now():
        return None
    if not row.is_active:
        return None
    return CurrentUser(
        id=row.id,
        username=row.username,
        full_name=row.full_name,
        role=row.role,
        unit_id=row.unit_id,
        must_change_password=row.must_change_password,
        on_committee=bool(row.on_committee),
        leads_group=bool(row.leads_group),
    )


def _resolve_statement():
    from sqlalchemy import bindparam, exists
    from sqlalchemy import select as core_select

    from models.notebook import CellCommittee, NotebookGroup

    s, u = AuthSession.__table__.c, User.__table__.c
    committee, group = CellCommittee.__table__.c, NotebookGroup.__table__.c
    return (
        core_select(
            u.id,
            u.username,
            u.full_name,
            u.role,
            u.unit_id,
            u.must_change_password,
            u.is_active,
            s.revoked_at,
            s.expires_at,
            exists().where(committee.user_id == u.id).label("on_committee"),
            exists().where(group.leader_id == u.id).label("leads_group"),
        )
        .select_from(AuthSession.__table__.join(User.__table__, u.id == s.user_id))
        .where(s.token_hash == bindparam("digest"))
        .limit(1)
    )


_RESOLVE = _resolve_statement()


def revoke_session(*, session: Session, token: str | None) -> None:
    if not token:
        return
    row = session.exec(select(AuthSession).where(AuthSession.token_hash == _digest(token))).first()
    if row is not None and row.revoked_at is None:
        row.revoked_at = _now()


def revoke_all_sessions(*, session: Session, user_id: int) -> int:
    rows = session.exec(
        select(AuthSession).where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
    ).all()
    for row in rows:
        row.revoked_at = _now()
    return len(rows)


def _ticket_digest(ticket: str, nonce: str) -> str:
    return token_digest(f"{nonce}:{ticket}")


def issue_ticket(*, session: Session, token: str, nonce: str) -> str:
    """A one-time ticket the browser trades for the session cookie within a minute; only the
    browser holding `nonce` (its HttpOnly cookie) can trade it."""
    if not nonce:
        raise ValueError("a ticket needs the browser's nonce")
    row = session.exec(select(AuthSession).where(AuthSession.token_hash == _digest(token))).one()
    ticket = secrets.token_urlsafe(32)
    session.add(
        AuthTicket(
            ticket_hash=_ticket_digest(ticket, nonce),
            session_id=row.id,
            expires_at=_now() + timedelta(seconds=TICKET_SECONDS),
        )
    )
    return ticket


def redeem_ticket(*, session: Session, ticket: str, nonce: str | None) -> str | None:
    """Trade a ticket for a fresh token of the same login; a ticket works once, and only with
    the nonce of the browser it was issued to."""
    if not ticket or not nonce:
        return None
    row = session.exec(
        select(AuthTicket).where(AuthTicket.ticket_hash == _ticket_digest(ticket, nonce))
    ).first()
    if row is None or row.used_at is not None or as_utc(row.expires_at) <= _now():
        return None
    row.used_at = _now()
    login = session.get(AuthSession, row.session_id)
    if login is None or login.revoked_at is not None or as_utc(login.expires_at) <= _now():
        return None
    # The cookie carries its own token: rotate so the one that travelled in the page is useless.
    token = secrets.token_urlsafe(32)
    login.token_hash = _digest(token)
    return token


def cookie_serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt="gs-session-cookie")


def sign_token(secret_key: str, token: str) -> str:
    return cookie_serializer(secret_key).dumps(token)


def unsign_token(secret_key: str, value: str | None, max_age_seconds: int) -> str | None:
    if not value:
        return None
    try:
        return cookie_serializer(secret_key).loads(value, max_age=max_age_seconds)
    except BadSignature:
        return None
