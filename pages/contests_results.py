"""Placeholder until this module lands."""

import streamlit as st

from ui.auth import guard
from ui.nav import PAGES

guard("contests_results")
st.title(PAGES["contests_results"].title)
st.info("Chức năng này đang được xây dựng.")
