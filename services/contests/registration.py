"""Who may take a contest, and registering: a member themself, or whole units by the organiser."""

from __future__ import annotations

import hashlib
import hmac
import re

from sqlalchemy import func
from sqlmodel import Session, select

from models.accounts import User
from models.contests import (
    Contest,
    ContestPublic,
    ContestStatus,
    Registration,
    RegistrationCreate,
)
from services.accounts.users import EMAIL_PATTERN
from services.capabilities import Actor, Capability, require
from services.contests.contests import contest_row
from services.errors import NotFound, PermissionDenied, UserError
from services.units import descendant_ids

CCCD_RE = re.compile(r"^\d{12}$")
PHONE_RE = re.compile(r"^(\+84|0)\d{9,10}$")


def cccd_digest(secret_key: str, number: str) -> str:
    """The keyed hash a CCCD is stored as (migration 0007_exports_cccd uses the same formula):
    equal numbers match for duplicate checks, a leaked database without the key reveals none."""
    return hmac.new(secret_key.encode(), b"cccd:" + number.encode(), hashlib.sha256).hexdigest()


def is_eligible(*, session: Session, contest: Contest | ContestPublic, unit_id: int | None) -> bool:
    if not contest.eligible_unit_ids:
        return True
    if unit_id is None:
        return False
    allowed: set[int] = set()
    for uid in contest.eligible_unit_ids:
        allowed |= descendant_ids(session=session, unit_id=uid)
    return unit_id in allowed


def validate_registration(contest: Contest | ContestPublic, data: RegistrationCreate) -> list[str]:
    problems = []
    if len(data.full_name.strip().split()) < 2:
        problems.append("Vui lòng nhập đầy đủ họ và tên.")
    phone, email = data.phone.strip().replace(" ", ""), data.email.strip()
    if phone and not PHONE_RE.match(phone):
        problems.append("Số điện thoại không hợp lệ (10–11 chữ số, bắt đầu bằng 0 hoặc +84).")
    if email and not EMAIL_PATTERN.match(email):
        problems.append("Địa chỉ email không hợp lệ.")
    if contest.ask_phone_or_email and not phone and not email:
        problems.append(
            "Vui lòng nhập số điện thoại hoặc email để Ban tổ chức liên hệ khi trao giải."
        )
    cccd = data.cccd.strip().replace(" ", "")
    if cccd and not CCCD_RE.match(cccd):
        problems.append("Số CCCD phải gồm đúng 12 chữ số.")
    if contest.ask_cccd and contest.cccd_required and not cccd:
        problems.append("Vui lòng nhập số CCCD.")
    return problems


def register(
    *,
    session: Session,
    contest_id: int,
    user_id: int,
    data: RegistrationCreate,
    secret_key: str | None = None,
) -> Registration:
    """`secret_key` (the app's SECRET_KEY) keys the hash a CCCD is stored as; it is needed only
    when the contest asks for one."""
    contest = contest_row(session, contest_id)
    if contest.status != ContestStatus.PUBLISHED:
        raise UserError("Cuộc thi chưa được công bố.")
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("Không tìm thấy tài khoản.")
    if not contest.self_registration:
        raise PermissionDenied(
            "Cuộc thi này do Ban tổ chức đăng ký cho người dự thi; vui lòng liên hệ Ban tổ chức."
        )
    unit_id = data.unit_id if data.unit_id is not None else user.unit_id
    if not is_eligible(session=session, contest=contest, unit_id=unit_id):
        raise PermissionDenied("Đơn vị của bạn không thuộc đối tượng dự thi của cuộc thi này.")
    problems = validate_registration(contest, data)
    if problems:
        raise UserError(" ".join(problems))
    cccd = data.cccd.strip().replace(" ", "") if contest.ask_cccd else ""
    digest = ""
    if cccd:
        if not secret_key:
            raise ValueError("register() needs the app's secret key to store a CCCD")
        digest = cccd_digest(secret_key, cccd)
        taken = session.exec(
            select(Registration.id).where(
                Registration.contest_id == contest_id,
                Registration.cccd_digest == digest,
                Registration.user_id != user_id,
            )
        ).first()
        if taken is not None:
            raise UserError(
                "Số CCCD này đã được dùng để đăng ký cuộc thi với một tài khoản "
                "khác; vui lòng kiểm tra lại hoặc liên hệ Ban tổ chức."
            )
    reg = session.exec(
        select(Registration).where(
            Registration.contest_id == contest_id, Registration.user_id == user_id
        )
    ).first()
    if reg is None:
        reg = Registration(contest_id=contest_id, user_id=user_id, full_name="")
    reg.full_name = " ".join(data.full_name.split())
    reg.unit_id = unit_id
    reg.phone = data.phone.strip().replace(" ", "")
    reg.email = data.email.strip()
    reg.cccd_digest, reg.cccd_last4 = digest, cccd[-4:]
    session.add(reg)
    session.flush()
    return Registration.model_validate(reg)


def get_registration(*, session: Session, contest_id: int, user_id: int) -> Registration | None:
    reg = session.exec(
        select(Registration).where(
            Registration.contest_id == contest_id, Registration.user_id == user_id
        )
    ).first()
    return Registration.model_validate(reg) if reg else None


def register_units(*, session: Session, actor: Actor, contest_id: int, unit_ids: list[int]) -> int:
    """The organiser registers every active member of these units (and their sub-units) who is
    not registered yet; returns how many were added."""
    require(actor, Capability.MANAGE_CONTESTS)
    contest = contest_row(session, contest_id)
    wanted: set[int] = set()
    for unit_id in unit_ids:
        wanted |= descendant_ids(session=session, unit_id=unit_id)
    if not wanted:
        raise UserError("Vui lòng chọn ít nhất một đơn vị.")
    already = set(
        session.exec(
            select(Registration.user_id).where(Registration.contest_id == contest_id)
        ).all()
    )
    added = 0
    for user in session.exec(select(User).where(User.unit_id.in_(wanted), User.is_active)):
        if user.id in already or not is_eligible(
            session=session, contest=contest, unit_id=user.unit_id
        ):
            continue
        session.add(
            Registration(
                contest_id=contest_id,
                user_id=user.id,
                full_name=user.full_name,
                unit_id=user.unit_id,
                email=user.email or "",
            )
        )
        added += 1
    session.flush()
    return added


def registration_count(*, session: Session, contest_id: int) -> int:
    return session.exec(
        select(func.count()).select_from(Registration).where(Registration.contest_id == contest_id)
    ).one()
