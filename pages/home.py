"""Home: what this role can do here, one click away."""

import streamlit as st

from models.accounts import ROLE_LABELS, Role
from services import units
from services.vi import format_int
from ui.auth import guard
from ui.core import call
from ui.nav import PAGES

user = guard("home")

GREETING = {
    Role.ADMIN: "Quản lý tài khoản, đơn vị và toàn bộ dữ liệu của phong trào.",
    Role.ORGANISER: "Xây dựng ngân hàng câu hỏi, tổ chức cuộc thi, cập nhật mô hình và khen thưởng.",
    Role.LEADER: "Xem gương sáng, trình chiếu ở phòng truyền thống, theo dõi thi đua, khen thưởng "
    "và kết quả các cuộc thi.",
    Role.MEMBER: "Tham gia cuộc thi tìm hiểu và xem các mô hình, điển hình tiên tiến.",
}
SHORTCUTS = (
    "contests_take",
    "catalogue_gallery",
    "catalogue_slideshow",
    "commendations_dashboard",
    "contests_results",
    "contests_manage",
    "catalogue_manage",
    "commendations_manage",
    "admin_users",
    "admin_units",
)

st.title(f"Xin chào, {user.full_name}")
st.caption(f"{ROLE_LABELS[Role(user.role)]} · {GREETING[Role(user.role)]}")

shortcuts = [PAGES[key] for key in SHORTCUTS if user.role in PAGES[key].roles]
columns = st.columns(3)
for index, spec in enumerate(shortcuts):
    with columns[index % 3].container(border=True):
        st.page_link(spec.path, label=spec.title, icon=spec.icon, width="stretch")

unit_list = call(units.list_units)
root = next((u for u in unit_list if u.depth == 0), None)
if root is not None:
    st.subheader("Đơn vị")
    base_units = [u for u in unit_list if u.depth == 1]
    left, right = st.columns(2)
    left.metric("Tổ chức cơ sở đảng trực thuộc", format_int(len(base_units)))
    right.metric("Đảng viên", format_int(root.headcount))
