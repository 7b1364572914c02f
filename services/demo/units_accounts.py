"""The demo unit tree (after the articles' Đảng bộ Khối các cơ quan tỉnh) and demo accounts."""

from __future__ import annotations

from sqlmodel import Session, select

from models.accounts import Role, Unit, UnitKind, User
from services.accounts.passwords import hash_password
from services.settings import Settings

DEMO_PASSWORD = "demo123"
ROOT_UNIT = "Đảng bộ Khối các cơ quan tỉnh"

# (name, kind, headcount, children)
UNIT_TREE = (
    ROOT_UNIT,
    UnitKind.PARTY_COMMITTEE,
    0,
    (
        (
            "Đảng bộ Bưu điện tỉnh",
            UnitKind.BASE_COMMITTEE,
            64,
            (
                ("Chi bộ Bưu điện thành phố", UnitKind.CELL, 38, ()),
                ("Chi bộ Bưu điện huyện Cao Lộc", UnitKind.CELL, 21, ()),
            ),
        ),
        (
            "Đảng bộ Sở Y tế",
            UnitKind.BASE_COMMITTEE,
            212,
            (("Chi bộ Văn phòng Sở Y tế", UnitKind.CELL, 27, ()),),
        ),
        ("Đảng bộ Sở Giáo dục và Đào tạo", UnitKind.BASE_COMMITTEE, 146, ()),
        ("Đảng bộ Tòa án nhân dân tỉnh", UnitKind.BASE_COMMITTEE, 93, ()),
        ("Đảng bộ Viện Kiểm sát nhân dân tỉnh", UnitKind.BASE_COMMITTEE, 88, ()),
        ("Đảng bộ Cục Thuế", UnitKind.BASE_COMMITTEE, 205, ()),
        ("Đảng bộ Cục Hải quan", UnitKind.BASE_COMMITTEE, 117, ()),
        ("Đảng bộ Kho bạc Nhà nước tỉnh", UnitKind.BASE_COMMITTEE, 84, ()),
        ("Đảng bộ Tỉnh đoàn", UnitKind.BASE_COMMITTEE, 58, ()),
        ("Đảng bộ Ngân hàng Đầu tư và Phát triển", UnitKind.BASE_COMMITTEE, 72, ()),
        ("Chi bộ Cục Thi hành án dân sự", UnitKind.CELL, 41, ()),
        ("Chi bộ Ban Tuyên giáo Tỉnh ủy", UnitKind.CELL, 24, ()),
        ("Chi bộ Hội Cựu chiến binh tỉnh", UnitKind.CELL, 19, ()),
    ),
)

# username: (full name, role, unit name, email)
DEMO_ACCOUNTS = {
    "admin": ("Trần Quốc Bảo", Role.ADMIN, ROOT_UNIT, "admin@demo.guongsang.vn"),
    "tochuc": (
        "Nguyễn Thị Thu Hà",
        Role.ORGANISER,
        "Chi bộ Ban Tuyên giáo Tỉnh ủy",
        "tochuc@demo.guongsang.vn",
    ),
    "lanhdao": ("Hoàng Văn Minh", Role.LEADER, ROOT_UNIT, "lanhdao@demo.guongsang.vn"),
    "thanhvien": (
        "Lê Thị Hồng Nhung",
        Role.MEMBER,
        "Đảng bộ Bưu điện tỉnh",
        "thanhvien@demo.guongsang.vn",
    ),
}


def _add_units(session: Session, node: tuple, parent_id: int | None, order: int) -> None:
    name, kind, headcount, children = node
    unit = Unit(name=name, kind=kind, headcount=headcount, parent_id=parent_id, sort_order=order)
    session.add(unit)
    session.flush()
    for index, child in enumerate(children):
        _add_units(session, child, unit.id, index)


def seed_units(session: Session) -> None:
    if session.exec(select(Unit).where(Unit.name == ROOT_UNIT)).first() is None:
        _add_units(session, UNIT_TREE, None, 0)
        root = session.exec(select(Unit).where(Unit.name == ROOT_UNIT)).one()
        # The Đảng bộ Khối counts its own members plus every base unit's.
        root.headcount = sum(
            u.headcount for u in session.exec(select(Unit).where(Unit.parent_id == root.id))
        )


def seed_accounts(session: Session) -> None:
    units = {u.name: u.id for u in session.exec(select(Unit)).all()}
    password_hash = hash_password(DEMO_PASSWORD)
    for username, (full_name, role, unit_name, email) in DEMO_ACCOUNTS.items():
        if session.exec(select(User).where(User.username == username)).first() is None:
            session.add(
                User(
                    username=username,
                    full_name=full_name,
                    role=role,
                    email=email,
                    unit_id=units[unit_name],
                    password_hash=password_hash,
                )
            )


def seed(*, session: Session, settings: Settings) -> None:
    seed_units(session)
    session.flush()
    seed_accounts(session)
