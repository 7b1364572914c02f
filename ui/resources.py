"""The process-wide resources of the Streamlit script (`st.cache_resource`).

They come from the app factory (services/app.py): under `streamlit run asgi.py` the server has
already created the app at start-up, and this returns that same app (one engine, one migration).
"""

from __future__ import annotations

import streamlit as st

from services.app import App, create_app
from services.settings import Settings, load_settings


@st.cache_resource(show_spinner="Đang chuẩn bị cơ sở dữ liệu…")
def app_context() -> App:
    """Settings, the engine, the schema at head and (in demo mode) the demo data, once."""
    return create_app(load_settings())


def settings() -> Settings:
    return app_context().settings
