"""The one place where process-wide resources are created (`st.cache_resource`)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from sqlalchemy.engine import Engine

from services.database import open_database
from services.settings import Settings, load_settings


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    engine: Engine


@st.cache_resource(show_spinner="Đang chuẩn bị cơ sở dữ liệu…")
def app_context() -> AppContext:
    """Settings, the engine, the schema at head and (in demo mode) the demo data, once."""
    settings = load_settings()
    return AppContext(settings=settings, engine=open_database(settings))


def settings() -> Settings:
    return app_context().settings
