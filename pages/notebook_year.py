"""Khung năm, chi ủy: the organiser opens a year (chuyên đề, monthly themes, deadlines, the
committee's plan date), edits the generic phrases and the ratings, and names each cell's
committee (chi ủy), who review the cell's notebooks."""

from __future__ import annotations

import streamlit as st

from services.notebook import forms, years
from services.units import list_units
from services.vi import local_today
from ui.auth import guard
from ui.core import attempt, call

YEAR = "nb_year_pick"
FORM = "nb_year_form"
WORDS = "nb_year_words"
NON_PARTY = "nb_year_non_party"
COMMITTEE_UNIT = "nb_year_committee_unit"
COMMITTEE_USERS = "nb_year_committee_users"
MESSAGE = "nb_year_message"
NEW = 0

user = guard("notebook_year")
st.title("Khung năm của sổ tay")
if message := st.session_state.pop(MESSAGE, None):
    st.success(message)
all_years = call(years.list_years)
by_id = {y.id: y for y in all_years}
picked = st.selectbox(
    "Năm",
    [NEW, *by_id],
    key=YEAR,
    format_func=lambda i: "Mở năm mới" if i == NEW else str(by_id[i].year),
)
row = by_id.get(picked)
with st.form(FORM):
    number = st.number_input(
        "Năm",
        min_value=2000,
        max_value=2100,
        step=1,
        value=row.year if row else local_today().year,
        disabled=bool(row),
    )
    topic = st.text_area("Chuyên đề năm", value=row.topic if row else "", height=70)
    themes = st.text_area(
        "Chủ đề từng tháng (mỗi dòng “tháng-tháng: chủ đề”)",
        value=row.monthly_themes
        if row
        else "3-5: Phong cách quần chúng\n6-8: Phong cách dân chủ\n"
        "9-10: Phong cách nêu gương\n11-12: Tự kiểm điểm",
        height=110,
    )
    a, b = st.columns(2)
    plan_date = a.date_input(
        "Ngày kế hoạch của Ban Thường vụ", format="DD/MM/YYYY", value=row.plan_date if row else None
    )
    deadline = b.date_input(
        "Hạn đăng ký", format="DD/MM/YYYY", value=row.register_deadline if row else None
    )
    midyear = a.date_input(
        "Sơ kết 6 tháng", format="DD/MM/YYYY", value=row.midyear_review if row else None
    )
    yearend = b.date_input(
        "Tổng kết năm", format="DD/MM/YYYY", value=row.yearend_review if row else None
    )
    if st.form_submit_button("Lưu năm", type="primary") and attempt(
        years.save_year,
        actor=user,
        data=years.YearInput(int(number), topic, themes, plan_date, deadline, midyear, yearend),
    ):
        st.session_state[MESSAGE] = f"Đã lưu khung năm {int(number)}."
        st.rerun()

if row:
    with st.form(WORDS):
        st.subheader("Cụm từ chung chung và mức đánh giá")
        phrases = st.text_area(
            "Cụm từ chung chung bị cảnh báo ở phần 3 (mỗi cụm một dòng)",
            value=row.generic_phrases,
            height=150,
        )
        ratings = st.text_area("Mức đánh giá cuối năm (mỗi mức một dòng)", value=row.ratings)
        if st.form_submit_button("Lưu danh sách") and attempt(
            years.update_word_lists,
            actor=user,
            year_id=row.id,
            generic_phrases=phrases,
            ratings=ratings,
        ):
            st.session_state[MESSAGE] = "Đã lưu danh sách."
            st.rerun()

if row:
    st.subheader("Mẫu cam kết cho người ngoài Đảng")
    st.caption(
        "Đảng viên ghi 6 nội dung theo Công văn 2952-CV/BTCTW. Công chức, viên chức chưa là "
        f"đảng viên ghi theo mẫu dưới đây (tối đa {forms.MAX_PARTS} phần). Phần có đánh dấu "
        "“Cần con số” được cảnh báo khi ghi chung chung."
    )
    form_rows = [
        {"title": p.title, "hint": p.hint, "figure": p.figure}
        for p in call(forms.year_non_party_form, year_id=row.id)
    ]
    with st.form(f"{NON_PARTY}_{row.id}"):
        edited = st.data_editor(
            form_rows,
            num_rows="dynamic",
            width="stretch",
            key=f"{NON_PARTY}_editor_{row.id}",
            column_config={
                "title": st.column_config.TextColumn("Tiêu đề phần", max_chars=forms.TITLE_MAX),
                "hint": st.column_config.TextColumn("Gợi ý", max_chars=forms.HINT_MAX),
                "figure": st.column_config.CheckboxColumn("Cần con số", default=False),
            },
        )
        if st.form_submit_button("Lưu mẫu cam kết") and attempt(
            forms.save_non_party_form, actor=user, year_id=row.id, parts=list(edited)
        ):
            st.session_state[MESSAGE] = f"Đã lưu mẫu cam kết cho người ngoài Đảng năm {row.year}."
            st.rerun()

st.subheader("Chi ủy của từng chi bộ")
units = call(list_units)
unit_by_id = {u.id: u for u in units}
unit_id = st.selectbox(
    "Đơn vị",
    list(unit_by_id),
    key=COMMITTEE_UNIT,
    format_func=lambda i: "— " * unit_by_id[i].depth + unit_by_id[i].name,
)
if unit_id is not None:
    members, current = call(years.committee_choices, actor=user, unit_id=unit_id)
    names = dict(members)
    chosen = st.multiselect(
        "Thành viên chi ủy",
        list(names),
        default=current,
        format_func=lambda i: names[i],
        key=f"{COMMITTEE_USERS}{unit_id}",
    )
    if (
        st.button("Lưu chi ủy")
        and attempt(years.set_committee, actor=user, unit_id=unit_id, user_ids=chosen) is not None
    ):
        st.session_state[MESSAGE] = "Đã lưu chi ủy."
        st.rerun()
