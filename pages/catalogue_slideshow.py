"""Placeholder until this module lands."""

import streamlit as st

from ui.auth import guard
from ui.nav import PAGES

guard("catalogue_slideshow")
st.title(PAGES["catalogue_slideshow"].title)
st.info("Chức năng này đang được xây dựng.")
