"""How pages call the core: one session per operation, user errors shown in Vietnamese."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import streamlit as st
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from models.db import session_scope
from services.database import UNREACHABLE, is_busy
from services.errors import Unavailable, UserError
from services.validation import Problems, describe
from ui.resources import app_context

T = TypeVar("T")
BUSY = "Hệ thống đang bận vì nhiều người cùng thao tác. Vui lòng thử lại sau ít giây."
BUSY_RETRIES = 2
_LOG = logging.getLogger(__name__)


def _run(fn: Callable[..., T], /, **kwargs) -> T:
    """Run one core operation in its own transaction; the database's faults become `Unavailable`.

    A busy SQLite (another writer past the busy timeout) and a pool with no free connection
    (every one held past the pool's timeout) are retried: the failed transaction was rolled back
    whole, or never began, so running it again is safe."""
    for attempt in range(BUSY_RETRIES + 1):
        try:
            with session_scope(app_context().engine) as session:
                return fn(session=session, **kwargs)
        except (OperationalError, PoolTimeout) as exc:
            busy = isinstance(exc, PoolTimeout) or is_busy(exc)
            if busy and attempt < BUSY_RETRIES:
                time.sleep(0.2 * (attempt + 1))
                continue
            _LOG.warning("database unavailable for %s: %s", getattr(fn, "__name__", fn), exc)
            raise Unavailable(BUSY if busy else UNREACHABLE) from exc
    raise AssertionError("unreachable")


def call(fn: Callable[..., T], /, **kwargs) -> T:
    """Run one core operation in its own transaction (`_run`). A database that cannot take it
    stops the page with a Vietnamese message instead of a traceback; a page that must undo
    what it shows (a click that was not stored) uses `perform`, which returns the refusal."""
    try:
        return _run(fn, **kwargs)
    except Unavailable as exc:
        st.error(str(exc))
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
    decides how to show it. A database that cannot take the operation is one (`Unavailable`)."""
    try:
        return Outcome(ok=True, value=_run(fn, **kwargs))
    except UserError as exc:
        return Outcome(ok=False, error=exc)


def attempt(fn: Callable[..., T], /, **kwargs) -> T | None:
    """Like `call`, but a `UserError` becomes a red message and None (nothing is stored).

    Only for operations that never return None on success; otherwise use `perform`, which
    says success explicitly. `Problems` show as one list; a pydantic error raised inside the
    core is named in Vietnamese field by field, never shown as an English box."""
    from ui.feedback import show_problems

    try:
        return _run(fn, **kwargs)
    except Problems as exc:
        show_problems(exc.problems)
    except UserError as exc:
        st.error(str(exc))
    except ValidationError as exc:
        show_problems(describe(exc))
    return None
