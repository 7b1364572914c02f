"""Accounts: an admin creates, edits, disables and resets them."""

import streamlit as st

from models.accounts import ROLE_LABELS, Role, UserCreate, UserUpdate
from services import units
from services.accounts import users as accounts
from services.errors import UserError
from services.validation import build, max_chars
from services.vi import format_datetime
from ui.auth import guard
from ui.core import attempt, call
from ui.feedback import flash, show_flash, show_problems

CREATE_FORM = "admin_users_create_form"
SELECTED = "admin_users_selected"
CREATE_ROUND = "admin_users_create_round"
TABS = "admin_users_tabs"
CREATE_TAB, EDIT_TAB = "Tạo tài khoản", "Sửa, khóa, cấp lại mật khẩu"

user = guard("admin_users")
st.title("Tài khoản")

unit_list = call(units.list_units)
unit_names = units.tree_labels(unit_list)  # the pickers: indented by the tree
plain_names = {u.id: u.name for u in unit_list}  # the flat table: the name alone
role_options = [r.value for r in Role]

users = call(accounts.list_users, actor=user)
st.dataframe(
    [
        {
            "Tên đăng nhập": u.username,
            "Họ và tên": u.full_name,
            "Vai trò": ROLE_LABELS[Role(u.role)],
            "Đơn vị": plain_names.get(u.unit_id, ""),
            "Trạng thái": "Đang hoạt động" if u.is_active else "Đã khóa",
            "Lần đăng nhập gần nhất": format_datetime(u.last_login_at) or "—",
        }
        for u in users
    ],
    hide_index=True,
    width="stretch",
)

create_tab, edit_tab = st.tabs([CREATE_TAB, EDIT_TAB], key=TABS)
with create_tab:
    show_flash(CREATE_FORM)
    create_round = st.session_state.setdefault(CREATE_ROUND, 0)
    with st.form(f"{CREATE_FORM}_{create_round}", clear_on_submit=False):
        username = st.text_input("Tên đăng nhập", max_chars=max_chars(UserCreate, "username"))
        full_name = st.text_input("Họ và tên", max_chars=max_chars(UserCreate, "full_name"))
        email = st.text_input(
            "Email (không bắt buộc)",
            max_chars=max_chars(UserCreate, "email"),
            placeholder="ten@donvi.vn",
        )
        role = st.selectbox("Vai trò", role_options, format_func=lambda r: ROLE_LABELS[Role(r)])
        unit_id = st.selectbox(
            "Đơn vị",
            list(unit_names),
            format_func=unit_names.get,
            index=None,
            placeholder="Chọn đơn vị",
        )
        password = st.text_input("Mật khẩu ban đầu", type="password", help="Ít nhất 6 ký tự.")
        submitted = st.form_submit_button("Tạo tài khoản", type="primary")
    if submitted:
        try:
            user_in = build(
                UserCreate,
                dict(
                    username=username,
                    full_name=full_name,
                    email=email or None,
                    role=role,
                    unit_id=unit_id,
                    password=password,
                ),
            )
        except UserError as exc:
            show_problems(getattr(exc, "problems", [str(exc)]))
        else:
            created = attempt(
                accounts.create_user, actor=user, user_in=user_in, chosen_by_admin=True
            )
            if created:
                st.session_state[CREATE_ROUND] = create_round + 1  # a fresh, empty form
                flash(f"Đã tạo tài khoản {created.username}.", slot=CREATE_FORM)

with edit_tab:
    show_flash(EDIT_TAB)
    by_id = {u.id: u for u in users}
    chosen = st.selectbox(
        "Chọn tài khoản",
        list(by_id),
        key=SELECTED,
        format_func=lambda i: f"{by_id[i].full_name} ({by_id[i].username})",
    )
    if chosen is not None:
        target = by_id[chosen]
        new_role = st.selectbox(
            "Vai trò",
            role_options,
            index=role_options.index(target.role),
            format_func=lambda r: ROLE_LABELS[Role(r)],
            key=f"role_{chosen}",
        )
        new_unit = st.selectbox(
            "Đơn vị",
            list(unit_names),
            format_func=unit_names.get,
            index=list(unit_names).index(target.unit_id) if target.unit_id in unit_names else None,
            placeholder="Chọn đơn vị",
            key=f"unit_{chosen}",
        )
        active = st.toggle("Đang hoạt động", value=target.is_active, key=f"active_{chosen}")
        save, reset = st.columns(2)
        if save.button("Lưu thay đổi", type="primary", key=f"save_{chosen}"):
            if attempt(
                accounts.update_user,
                user_id=chosen,
                user_in=UserUpdate(role=new_role, unit_id=new_unit, is_active=active),
            ):
                flash(f"Đã lưu thay đổi của tài khoản {target.username}.", slot=EDIT_TAB)
        if reset.button("Cấp lại mật khẩu", key=f"reset_{chosen}"):
            temporary = attempt(accounts.reset_password, user_id=chosen)
            if temporary:
                st.success("Mật khẩu tạm thời (chỉ hiện một lần, hãy gửi riêng cho người dùng):")
                st.code(temporary, language=None)
