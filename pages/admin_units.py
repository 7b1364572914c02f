"""Units: the tree and the headcounts that participation rates are measured against."""

import streamlit as st

from models.accounts import UNIT_KIND_LABELS, UnitCreate, UnitKind, UnitUpdate
from services import units
from services.vi import format_int
from ui.auth import guard
from ui.core import attempt, call

CREATE_FORM = "admin_units_create_form"
EDITOR = "admin_units_editor"

guard("admin_units")
st.title("Đơn vị")
st.caption("Sĩ số dùng để tính tỉ lệ tham gia cuộc thi và giải tập thể.")

unit_list = call(units.list_units)
labels = {u.id: ("　" * u.depth) + u.name for u in unit_list}
st.dataframe(
    [
        {
            "Đơn vị": labels[u.id],
            "Loại": UNIT_KIND_LABELS.get(UnitKind(u.kind), u.kind),
            "Sĩ số": format_int(u.headcount),
        }
        for u in unit_list
    ],
    hide_index=True,
    width="stretch",
)

left, right = st.columns(2)
with left, st.form(CREATE_FORM, clear_on_submit=True):
    st.subheader("Thêm đơn vị")
    name = st.text_input("Tên đơn vị")
    kind = st.selectbox("Loại", [k.value for k in UnitKind],
                        format_func=lambda k: UNIT_KIND_LABELS[UnitKind(k)], index=2)
    parent = st.selectbox("Trực thuộc", list(labels), format_func=labels.get, index=None,
                          placeholder="Không (cấp cao nhất)")
    headcount = st.number_input("Sĩ số", min_value=0, step=1)
    if st.form_submit_button("Thêm", type="primary"):
        if attempt(units.create_unit, unit_in=UnitCreate(name=name, kind=kind, parent_id=parent,
                                                         headcount=int(headcount))):
            st.rerun()

with right:
    st.subheader("Sửa sĩ số")
    chosen = st.selectbox("Đơn vị", list(labels), format_func=labels.get, key=EDITOR)
    if chosen is not None:
        current = next(u for u in unit_list if u.id == chosen)
        new_count = st.number_input("Sĩ số mới", min_value=0, step=1, value=current.headcount,
                                    key=f"{EDITOR}_{chosen}")
        if st.button("Lưu sĩ số", type="primary"):
            if attempt(units.update_unit, unit_id=chosen,
                       unit_in=UnitUpdate(headcount=int(new_count))):
                st.rerun()
