"""Messages that must outlive the rerun that follows a save.

A message written just before `st.rerun()` is never seen: the rerun wipes it. `flash` keeps it in
the session and reruns; `show_flash` (called where the user acted) draws it on the next run.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NoReturn

import streamlit as st

Kind = Literal["success", "error", "warning", "info"]
FLASH_PREFIX = "flash_"
DEFAULT_SLOT = "page"


def _key(slot: str) -> str:
    return f"{FLASH_PREFIX}{slot}"


def remember(message: str, *, kind: Kind = "success", slot: str = DEFAULT_SLOT) -> None:
    """Keep a message for the next run without rerunning now (the rerun comes later)."""
    st.session_state[_key(slot)] = (kind, message)


def flash(message: str, *, kind: Kind = "success", slot: str = DEFAULT_SLOT) -> NoReturn:
    """Keep the message, then rerun: the fresh run shows it through `show_flash(slot)`."""
    remember(message, kind=kind, slot=slot)
    st.rerun()


def show_flash(slot: str = DEFAULT_SLOT) -> None:
    """Draw (once) the message kept for this slot, if any."""
    kept = st.session_state.pop(_key(slot), None)
    if kept:
        kind, message = kept
        getattr(st, kind)(message)


def show_problems(problems: Iterable[str], *, intro: str = "Vui lòng sửa:") -> None:
    """All of a form's problems in one red box, so the user fixes them in one go."""
    items = [p for p in problems if p]
    if len(items) == 1:
        st.error(items[0])
    elif items:
        st.error(intro + "\n" + "\n".join(f"- {p}" for p in items))


def blank_none(rows: Iterable[dict], blank: str = "") -> list[dict]:
    """Table rows with no value shown as blank: st.dataframe would write "None" in English."""
    return [{k: blank if v is None else v for k, v in row.items()} for row in rows]
