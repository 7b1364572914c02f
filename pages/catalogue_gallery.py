"""Placeholder until this module lands."""

import streamlit as st

from ui.auth import guard
from ui.nav import PAGES

guard("catalogue_gallery")
st.title(PAGES["catalogue_gallery"].title)
st.info("Chức năng này đang được xây dựng.")
