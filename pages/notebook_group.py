"""Tổ của tôi: a group leader (tổ trưởng) who is not on the cell committee sees the group's
members, the month's self-reviews and writes the group's note to the committee; the services
refuse anything beyond the groups the user leads."""

from __future__ import annotations

import streamlit as st

from models.notebook import COMMITMENT_STATUS_LABELS, REVIEW_STATUS_LABELS
from services.notebook import groups, years
from services.vi import local_today
from ui.auth import guard
from ui.core import attempt, call

GROUP = "nb_group_pick"
YEAR = "nb_group_year"
MONTH = "nb_group_month"
NOTE = "nb_group_note"  # + group id, year id, month
MESSAGE = "nb_group_message"

user = guard("notebook_group")
st.title("Tổ của tôi")
led = call(groups.led_groups, actor=user)
all_years = call(years.list_years)
if not led:
    st.info(
        "Bạn chưa được chi ủy giao làm tổ trưởng. Chi ủy lập tổ và chọn tổ trưởng ở trang "
        "“Chi ủy xem sổ tay”."
    )
    st.stop()
if not all_years:
    st.info("Ban tổ chức chưa mở năm nào cho sổ tay.")
    st.stop()
if message := st.session_state.pop(MESSAGE, None):
    st.success(message)
group_by_id = {g.id: g for g in led}
year_by_id = {y.id: y for y in all_years}
left, middle, right = st.columns([2, 1, 1])
group_id = left.selectbox(
    "Tổ", list(group_by_id), key=GROUP, format_func=lambda i: group_by_id[i].name
)
year_id = middle.selectbox(
    "Năm", list(year_by_id), key=YEAR, format_func=lambda i: str(year_by_id[i].year)
)
month = right.selectbox(
    "Tháng",
    range(1, 13),
    index=local_today().month - 1,
    key=MONTH,
    format_func=lambda m: f"Tháng {m}",
)
view = call(groups.group_month, actor=user, group_id=group_id, year_id=year_id, month=month)
st.markdown(
    f"**{view.group.name}** · {view.unit_name} · {len(view.members)} người · "
    f"tháng {month}: {view.reviewed}/{len(view.members)} đã tự kiểm điểm"
)
st.dataframe(
    [
        {
            "Họ và tên": m.name,
            "Bản cam kết": COMMITMENT_STATUS_LABELS[m.status] if m.status else "Chưa viết",
            f"Tự kiểm điểm tháng {month}": REVIEW_STATUS_LABELS[m.review_status]
            if m.review_status
            else "Chưa ghi",
            "Ghi chú": m.review_note,
        }
        for m in view.members
    ],
    hide_index=True,
    width="stretch",
)
with st.form(f"{NOTE}_form"):
    text = st.text_area(
        f"Ý kiến của {view.group.name} tháng {month} gửi chi ủy",
        value=view.note,
        key=f"{NOTE}{group_id}_{year_id}_{month}",
        placeholder="Số đồng chí đã tự kiểm điểm, việc làm tốt, việc còn chậm, đề nghị chi ủy",
    )
    if st.form_submit_button("Lưu ý kiến của tổ", type="primary") and attempt(
        groups.save_month_note,
        actor=user,
        year_id=year_id,
        unit_id=view.group.unit_id,
        month=month,
        text=text,
        group_id=group_id,
    ):
        st.session_state[MESSAGE] = f"Đã lưu ý kiến {view.group.name} tháng {month}."
        st.rerun()
