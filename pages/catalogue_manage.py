"""Placeholder until this module lands."""

import streamlit as st

from ui.auth import guard
from ui.nav import PAGES

guard("catalogue_manage")
st.title(PAGES["catalogue_manage"].title)
st.info("Chức năng này đang được xây dựng.")
