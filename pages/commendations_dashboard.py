"""Placeholder until this module lands."""

import streamlit as st

from ui.auth import guard
from ui.nav import PAGES

guard("commendations_dashboard")
st.title(PAGES["commendations_dashboard"].title)
st.info("Chức năng này đang được xây dựng.")
