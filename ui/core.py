"""How pages call the core: one session per operation, user errors shown in Vietnamese."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import streamlit as st
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError

from models.db import session_scope
from services.database import UNREACHABLE, is_busy
from services.errors import UserError
from services.validation import Problems, describe
from ui.resources import app_context

T = TypeVar("T")
BUSY = "Hệ thống đang bận vì nhiều người cùng thao tác. Vui lòng thử lại sau ít giây."
BUSY_RETRIES = 2


def call(fn: Callable[..., T], /, **kwargs) -> T:
    """Run one core operation in its own transaction.

    A busy SQLite (another writer past the busy timeout) is retried: the failed transaction was
    rolled back whole, so running it again is safe. An unreachable database stops the page with
    a Vietnamese message instead of a traceback."""
    for attempt in range(BUSY_RETRIES + 1):
        try:
            with session_scope(app_context().engine) as session:
                return fn(session=session, **kwargs)
        except OperationalError as exc:
            if is_busy(exc) and attempt < BUSY_RETRIES:
                time.sleep(0.2 * (attempt + 1))
                continue
            st.error(BUSY if is_busy(exc) else UNREACHABLE)
            st.stop()
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """How one operation went: `ok` says it succeeded (its value may well be None); otherwise
    `error` is the refusal, whose type the page branches on and whose text it shows."""

    ok: bool
    value: T | None = None
    error: UserError | None = None


def perform(fn: Callable[..., T], /, **kwargs) -> Outcome[T]:
    """Like `call`, but a `UserError` is returned (nothing was stored), not raised; the page
    decides how to show it."""
    try:
        return Outcome(ok=True, value=call(fn, **kwargs))
    except UserError as exc:
        return Outcome(ok=False, error=exc)


def attempt(fn: Callable[..., T], /, **kwargs) -> T | None:
    """Like `call`, but a `UserError` becomes a red message and None (nothing is stored).

    Only for operations that never return None on success; otherwise use `perform`, which
    says success explicitly. `Problems` show as one list; a pydantic error raised inside the
    core is named in Vietnamese field by field, never shown as an English box."""
    from ui.feedback import show_problems

    try:
        return call(fn, **kwargs)
    except Problems as exc:
        show_problems(exc.problems)
    except UserError as exc:
        st.error(str(exc))
    except ValidationError as exc:
        show_problems(describe(exc))
    return None
