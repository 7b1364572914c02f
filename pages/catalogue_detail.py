"""Placeholder until this module lands."""

import streamlit as st

from ui.auth import guard
from ui.nav import PAGES

guard("catalogue_detail")
st.title(PAGES["catalogue_detail"].title)
st.info("Chức năng này đang được xây dựng.")
