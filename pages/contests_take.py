"""Placeholder until this module lands."""

import streamlit as st

from ui.auth import guard
from ui.nav import PAGES

guard("contests_take")
st.title(PAGES["contests_take"].title)
st.info("Chức năng này đang được xây dựng.")
