"""Home: what this role can do here, one click away."""

import streamlit as st

from models.accounts import ROLE_LABELS, Role
from services import overview, units
from services.vi import format_datetime, format_int
from ui.auth import guard
from ui.catalogue_widgets import apply_css, card_html
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

summary = call(overview.home_overview, actor=user)

if summary.open_rounds:
    st.subheader("Cuộc thi đang mở")
    for item in summary.open_rounds:
        with st.container(border=True):
            text, action = st.columns([3, 1], vertical_alignment="center")
            text.markdown(
                f"**{item.contest_title}**  \n{item.round_name} · đóng lúc "
                f"{format_datetime(item.closes_at)}"
            )
            if item.done:
                action.success("Đã làm bài")
            else:
                action.page_link(
                    PAGES["contests_take"].path, label="Vào thi", icon=":material/play_arrow:"
                )

unit_list = call(units.list_units)
root = next((u for u in unit_list if u.depth == 0), None)
st.subheader("Toàn cảnh")
numbers = st.columns(4 if user.role != Role.MEMBER else 3)
numbers[0].metric("Mô hình, điển hình đã công khai", format_int(summary.published_records))
numbers[1].metric("Cuộc thi đang mở", format_int(len(summary.open_rounds)))
if root is not None:
    numbers[2].metric("Đảng viên toàn Đảng bộ", format_int(root.headcount))
if user.role != Role.MEMBER:
    numbers[3].metric(
        f"Lượt khen thưởng năm {summary.award_year}", format_int(summary.awards_this_year)
    )

if summary.featured:
    st.subheader("Gương sáng tiêu biểu")
    apply_css()
    for column, card in zip(st.columns(len(summary.featured)), summary.featured, strict=True):
        with column:
            st.markdown(card_html(card), unsafe_allow_html=True)
            st.page_link(
                PAGES["catalogue_detail"].path,
                label="Xem chi tiết",
                icon=":material/arrow_forward:",
                query_params={"id": str(card.id)},
            )
