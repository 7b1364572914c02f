"""My account: change my password."""

import streamlit as st

from services import accounts
from ui.auth import guard
from ui.core import attempt

FORM = "account_password_form"

user = guard("account")
st.title("Đổi mật khẩu")
if user.must_change_password:
    st.warning("Mật khẩu của bạn vừa được cấp lại. Vui lòng đặt mật khẩu mới trước khi tiếp tục.")

with st.form(FORM, clear_on_submit=True):
    current = st.text_input("Mật khẩu hiện tại", type="password")
    new = st.text_input("Mật khẩu mới", type="password", help="Ít nhất 6 ký tự.")
    repeat = st.text_input("Nhập lại mật khẩu mới", type="password")
    submitted = st.form_submit_button("Đổi mật khẩu", type="primary")

if submitted:
    if not current or not new:
        st.error("Vui lòng nhập đủ mật khẩu hiện tại và mật khẩu mới.")
    elif new != repeat:
        st.error("Hai lần nhập mật khẩu mới không khớp nhau.")
    elif attempt(accounts.change_password, user_id=user.id, current=current, new=new):
        st.success("Đã đổi mật khẩu.")
        if user.must_change_password:
            st.rerun()
