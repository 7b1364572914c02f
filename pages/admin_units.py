"""Units: the tree and the headcounts that participation rates are measured against."""

import streamlit as st

from models.accounts import UNIT_KIND_LABELS, UnitCreate, UnitKind, UnitUpdate
from services import units
from services.errors import UserError
from services.validation import build, max_chars
from services.vi import format_int
from ui.auth import guard
from ui.core import attempt, call
from ui.feedback import flash, show_flash, show_problems

CREATE_FORM = "admin_units_create_form"
EDITOR = "admin_units_editor"

user = guard("admin_units")
st.title("Đơn vị")
st.caption("Sĩ số dùng để tính tỉ lệ tham gia cuộc thi và giải tập thể.")

unit_list = call(units.list_units)
labels = units.tree_labels(unit_list)
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
with left:
    st.subheader("Thêm đơn vị")
    show_flash(CREATE_FORM)
with left, st.form(CREATE_FORM, clear_on_submit=True):
    name = st.text_input("Tên đơn vị", max_chars=max_chars(UnitCreate, "name"))
    kind = st.selectbox(
        "Loại",
        [k.value for k in UnitKind],
        format_func=lambda k: UNIT_KIND_LABELS[UnitKind(k)],
        index=2,
    )
    parent = st.selectbox(
        "Trực thuộc",
        list(labels),
        format_func=labels.get,
        index=None,
        placeholder="Không (cấp cao nhất)",
    )
    headcount = st.number_input("Sĩ số", min_value=0, step=1)
    added = st.form_submit_button("Thêm", type="primary")
with left:
    if added:
        try:
            unit_in = build(
                UnitCreate,
                dict(name=name, kind=kind, parent_id=parent, headcount=int(headcount)),
                labels={"name": "Tên đơn vị"},
                extra=["Vui lòng nhập tên đơn vị."] if not name.strip() else [],
            )
        except UserError as exc:
            show_problems(getattr(exc, "problems", [str(exc)]))
        else:
            if created := attempt(units.create_unit, actor=user, unit_in=unit_in):
                flash(f"Đã thêm đơn vị “{created.name}”.", slot=CREATE_FORM)

with right:
    st.subheader("Sửa sĩ số")
    show_flash(EDITOR)
    chosen = st.selectbox("Đơn vị", list(labels), format_func=labels.get, key=EDITOR)
    if chosen is not None:
        current = next(u for u in unit_list if u.id == chosen)
        new_count = st.number_input(
            "Sĩ số mới", min_value=0, step=1, value=current.headcount, key=f"{EDITOR}_{chosen}"
        )
        if st.button("Lưu sĩ số", type="primary"):
            if attempt(
                units.update_unit,
                actor=user,
                unit_id=chosen,
                unit_in=UnitUpdate(headcount=int(new_count)),
            ):
                flash(
                    f"Đã lưu sĩ số {format_int(int(new_count))} cho “{current.name}”.", slot=EDITOR
                )
