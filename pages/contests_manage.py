"""Placeholder until this module lands."""

import streamlit as st

from ui.auth import guard
from ui.nav import PAGES

guard("contests_manage")
st.title(PAGES["contests_manage"].title)
st.info("Chức năng này đang được xây dựng.")
