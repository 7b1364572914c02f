"""Accounts and units as an admin manages them."""

import pytest

from models.accounts import Role, UnitCreate, UnitUpdate, UserCreate, UserUpdate
from services import units
from services.accounts import auth
from services.accounts import users as accounts
from services.capabilities import SYSTEM
from services.errors import UserError
from tests.fixtures import PASSWORD, add_user


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"username": "a b"}, "Tên đăng nhập chỉ gồm"),
        ({"full_name": "  "}, "họ và tên"),
        ({"password": "123"}, "ít nhất 6"),
        ({"role": "vua"}, "Vai trò không hợp lệ"),
        ({"email": "khong-phai-email"}, "email không hợp lệ"),
    ],
)
def test_create_user_rejects_bad_input_in_vietnamese(session, fields, message):
    data = {"username": "hoa", "full_name": "Trần Thị Hoa", "password": PASSWORD, **fields}
    with pytest.raises(UserError, match=message):
        accounts.create_user(session=session, actor=SYSTEM, user_in=UserCreate(**data))


def test_usernames_are_unique_whatever_the_case(session):
    add_user(session, "hoa")
    with pytest.raises(UserError, match="đã có người dùng"):
        add_user(session, "HOA")


def test_reset_password_ends_logins_and_asks_for_a_change(session):
    user = add_user(session, "hoa")
    token = auth.start_session(session=session, user_id=user.id)
    temporary = accounts.reset_password(session=session, user_id=user.id)
    assert auth.resolve_session(session=session, token=token) is None
    result = auth.authenticate(session=session, username="hoa", password=temporary)
    assert result.user.must_change_password
    accounts.change_password(session=session, user_id=user.id, current=temporary, new="moi-123456")
    assert not auth.authenticate(
        session=session, username="hoa", password="moi-123456"
    ).user.must_change_password


@pytest.mark.parametrize(("chosen_by_admin", "asked"), [(True, True), (False, False)])
def test_a_password_an_admin_chose_is_changed_at_first_login(session, chosen_by_admin, asked):
    accounts.create_user(
        session=session,
        actor=SYSTEM,
        chosen_by_admin=chosen_by_admin,
        user_in=UserCreate(username="lan", full_name="Lan", password="ban-dau-1"),
    )
    result = auth.authenticate(session=session, username="lan", password="ban-dau-1")
    assert result.user.must_change_password is asked


def test_change_password_needs_the_current_one(session):
    user = add_user(session, "hoa")
    with pytest.raises(UserError, match="hiện tại không đúng"):
        accounts.change_password(session=session, user_id=user.id, current="sai", new="moi-123456")


def test_the_last_admin_cannot_be_disabled_or_demoted(session):
    admin = add_user(session, "quantri", Role.ADMIN)
    for change in (UserUpdate(is_active=False), UserUpdate(role=Role.MEMBER)):
        with pytest.raises(UserError, match="ít nhất một quản trị viên"):
            accounts.update_user(session=session, user_id=admin.id, user_in=change)
    add_user(session, "quantri2", Role.ADMIN)
    assert not accounts.update_user(
        session=session, user_id=admin.id, user_in=UserUpdate(is_active=False)
    ).is_active


def test_users_are_listed_in_vietnamese_name_order(session):
    for name in ["Trần Văn Bình", "Nguyễn Thị An", "Đỗ Thị Ánh"]:
        add_user(session, vi_slug(name), full_name=name)
    assert [u.full_name for u in accounts.list_users(session=session, actor=SYSTEM)] == [
        "Nguyễn Thị An",
        "Đỗ Thị Ánh",
        "Trần Văn Bình",
    ]


def vi_slug(name: str) -> str:
    from services.vi import unaccent

    return unaccent(name).replace(" ", ".")


def test_unit_tree_order_depth_and_descendants(session):
    root = units.create_unit(
        session=session, actor=SYSTEM, unit_in=UnitCreate(name="Đảng bộ Khối", kind="dang_bo")
    )
    base = units.create_unit(
        session=session,
        actor=SYSTEM,
        unit_in=UnitCreate(name="Đảng bộ Sở Y tế", parent_id=root.id, headcount=200),
    )
    cell = units.create_unit(
        session=session,
        actor=SYSTEM,
        unit_in=UnitCreate(name="Chi bộ Văn phòng", parent_id=base.id, headcount=20),
    )
    other = units.create_unit(
        session=session,
        actor=SYSTEM,
        unit_in=UnitCreate(name="Chi bộ Tỉnh đoàn", parent_id=root.id),
    )
    listed = units.list_units(session=session)
    assert [(u.name, u.depth) for u in listed][0] == ("Đảng bộ Khối", 0)
    assert {u.id: u.depth for u in listed}[cell.id] == 2
    assert units.descendant_ids(session=session, unit_id=base.id) == {base.id, cell.id}
    assert units.descendant_ids(session=session, unit_id=root.id) == {
        root.id,
        base.id,
        cell.id,
        other.id,
    }
    with pytest.raises(UserError, match="cấp dưới của chính nó"):
        units.update_unit(
            session=session, actor=SYSTEM, unit_id=base.id, unit_in=UnitUpdate(parent_id=cell.id)
        )


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([], []),
        ([(1, None), (2, 1), (3, None), (4, 2)], [(1, 0), (2, 1), (4, 2), (3, 0)]),
        ([(2, 1), (1, None)], [(1, 0), (2, 1)]),  # a child listed before its parent
        ([(1, None), (5, 9)], [(1, 0)]),  # a parent that does not exist: not reachable
        ([(1, 2), (2, 1)], []),  # a loop with no root
    ],
)
def test_tree_order_lists_parents_before_children_in_the_given_order(rows, expected):
    ordered = units.in_tree_order(rows, parent_of=lambda r: r[1], id_of=lambda r: r[0])
    assert [(row[0], depth) for row, depth in ordered] == expected


def test_listing_the_unit_tree_leaves_no_reference_cycle(session):
    """Every registration form lists the units: a recursive inner function kept what it built
    in a cycle that only a full collection freed (1,600 units a minute with a thousand members)."""
    import gc

    root = units.create_unit(session=session, actor=SYSTEM, unit_in=UnitCreate(name="Đảng bộ"))
    for name in ("Chi bộ 1", "Chi bộ 2"):
        units.create_unit(
            session=session, actor=SYSTEM, unit_in=UnitCreate(name=name, parent_id=root.id)
        )
    assert len(units.list_units(session=session)) == 3  # warm: the statement is compiled
    gc.collect()
    gc.disable()
    try:
        units.list_units(session=session)
        assert gc.collect() == 0
    finally:
        gc.enable()
