"""Accounts: created, changed, disabled and reset by an admin; passwords changed by their owner."""

from __future__ import annotations

import re
import secrets

from sqlalchemy import func
from sqlmodel import Session, select

from models.accounts import ROLE_LABELS, Role, User, UserCreate, UserPublic, UserUpdate
from services.accounts.auth import normalise_username, revoke_all_sessions
from services.accounts.passwords import hash_password, password_problem, verify_password
from services.capabilities import Actor, Capability, require
from services.errors import NotFound, UserError
from services.validation import Problems
from services.vi import name_sort_key

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _validate_role(role: str) -> None:
    if role not in {r.value for r in Role}:
        raise UserError(f"Vai trò không hợp lệ: {role}.")


def _validate_email(email: str | None) -> str | None:
    email = (email or "").strip().lower() or None
    if email and not EMAIL_PATTERN.match(email):
        raise UserError(f"Địa chỉ email không hợp lệ: {email}.")
    return email


def _get(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("Không tìm thấy tài khoản.")
    return user


def create_user(
    *, session: Session, actor: Actor, user_in: UserCreate, chosen_by_admin: bool = False
) -> UserPublic:
    """A new account; every problem with the form at once, so the admin fixes them in one go.
    A password an admin chose for someone else has been seen by two people (and usually
    travels by chat or paper), so its owner is asked to change it at first login, exactly as
    after a reset; the operator's own first admin (`cli`) is not."""
    require(actor, Capability.MANAGE_ACCOUNTS)
    username = normalise_username(user_in.username)
    problems = []
    if not USERNAME_PATTERN.match(username):
        problems.append(
            "Tên đăng nhập chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới "
            "(2–64 ký tự)."
        )
    if not user_in.full_name.strip():
        problems.append("Vui lòng nhập họ và tên.")
    email = None
    for check in (lambda: _validate_role(user_in.role), lambda: _validate_email(user_in.email)):
        try:
            email = check() or email
        except UserError as exc:
            problems.append(str(exc))
    if problem := password_problem(user_in.password):
        problems.append(problem)
    if session.exec(select(User).where(User.username == username)).first():
        problems.append(f"Tên đăng nhập “{username}” đã có người dùng.")
    if email and session.exec(select(User).where(User.email == email)).first():
        problems.append(f"Email “{email}” đã gắn với một tài khoản khác.")
    if problems:
        raise Problems(problems)
    user = User(
        **user_in.model_dump(exclude={"password", "username", "email", "full_name"}),
        username=username,
        email=email,
        full_name=user_in.full_name.strip(),
        password_hash=hash_password(user_in.password),
        must_change_password=chosen_by_admin,
    )
    session.add(user)
    session.flush()
    return UserPublic.model_validate(user)


def update_user(*, session: Session, user_id: int, user_in: UserUpdate) -> UserPublic:
    user = _get(session, user_id)
    changes = user_in.model_dump(exclude_unset=True)
    if "role" in changes:
        _validate_role(changes["role"])
    if "email" in changes:
        changes["email"] = _validate_email(changes["email"])
    if changes.get("is_active") is False or changes.get("role", Role.ADMIN) != Role.ADMIN:
        _keep_one_admin(session, user)
    for key, value in changes.items():
        setattr(user, key, value)
    if user.is_active is False:
        revoke_all_sessions(session=session, user_id=user.id)
    session.flush()
    return UserPublic.model_validate(user)


def _keep_one_admin(session: Session, user: User) -> None:
    if user.role != Role.ADMIN or not user.is_active:
        return
    active_admins = session.exec(
        select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.is_active)
    ).one()
    if active_admins <= 1:
        raise UserError("Phải còn ít nhất một quản trị viên đang hoạt động.")


def reset_password(*, session: Session, user_id: int) -> str:
    """Give a fresh temporary password, end every login, and ask for a change at next login."""
    user = _get(session, user_id)
    temporary = secrets.token_urlsafe(9)
    user.password_hash = hash_password(temporary)
    user.must_change_password = True
    revoke_all_sessions(session=session, user_id=user.id)
    return temporary


def change_password(*, session: Session, user_id: int, current: str, new: str) -> bool:
    user = _get(session, user_id)
    if not verify_password(user.password_hash, current):
        raise UserError("Mật khẩu hiện tại không đúng.")
    if problem := password_problem(new):
        raise UserError(problem)
    if new == current:
        raise UserError("Mật khẩu mới phải khác mật khẩu hiện tại.")
    user.password_hash = hash_password(new)
    user.must_change_password = False
    return True


def list_users(*, session: Session, actor: Actor) -> list[UserPublic]:
    """Every account with its role and unit: for the administrators only."""
    require(actor, Capability.MANAGE_ACCOUNTS)
    users = [UserPublic.model_validate(u) for u in session.exec(select(User)).all()]
    return sorted(users, key=lambda u: name_sort_key(u.full_name))


def count_admins(*, session: Session) -> int:
    return session.exec(select(func.count()).select_from(User).where(User.role == Role.ADMIN)).one()


def find_user_by_email(*, session: Session, email: str) -> UserPublic | None:
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    return UserPublic.model_validate(user) if user and user.is_active else None


def role_label(role: str) -> str:
    return ROLE_LABELS.get(Role(role), role) if role in Role._value2member_map_ else role
