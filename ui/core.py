"""How pages call the core: one session per operation, user errors shown in Vietnamese."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlalchemy.exc import OperationalError

from models.db import session_scope
from services.database import UNREACHABLE
from services.errors import UserError
from ui.resources import app_context

T = TypeVar("T")


def call(fn: Callable[..., T], /, **kwargs) -> T:
    """Run one core operation in its own transaction; stop the page on an unreachable DB."""
    try:
        with session_scope(app_context().engine) as session:
            return fn(session=session, **kwargs)
    except OperationalError:
        st.error(UNREACHABLE)
        st.stop()


def attempt(fn: Callable[..., T], /, **kwargs) -> T | None:
    """Like `call`, but a `UserError` becomes a red message and None (nothing is stored)."""
    try:
        return call(fn, **kwargs)
    except UserError as exc:
        st.error(str(exc))
        return None
