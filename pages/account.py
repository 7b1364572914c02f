"""My account: change my password."""

import streamlit as st

from services.accounts import users as accounts
from ui.auth import guard
from ui.core import attempt
from ui.feedback import flash, show_flash, show_problems

FORM = "account_password_form"

user = guard("account")
st.title("Đổi mật khẩu")
if user.must_change_password:
    st.warning("Mật khẩu của bạn vừa được cấp lại. Vui lòng đặt mật khẩu mới trước khi tiếp tục.")

show_flash(FORM)
with st.form(FORM, clear_on_submit=True):
    current = st.text_input("Mật khẩu hiện tại", type="password")
    new = st.text_input("Mật khẩu mới", type="password", help="Ít nhất 6 ký tự.")
    repeat = st.text_input("Nhập lại mật khẩu mới", type="password")
    submitted = st.form_submit_button("Đổi mật khẩu", type="primary")

if submitted:
    problems = []
    if not current:
        problems.append("Vui lòng nhập mật khẩu hiện tại.")
    if not new:
        problems.append("Vui lòng nhập mật khẩu mới.")
    elif new != repeat:
        problems.append("Hai lần nhập mật khẩu mới không khớp nhau.")
    if problems:
        show_problems(problems)
    elif attempt(accounts.change_password, user_id=user.id, current=current, new=new):
        flash("Đã đổi mật khẩu.", slot=FORM)
