"""Pieces shared by the catalogue pages: our own card markup (user text always escaped), the
CSS, and a guard so long work cannot be started twice by a double click."""

from __future__ import annotations

import html
from collections.abc import Callable

import streamlit as st

from models.catalogue import CatalogueCard, RecordStatus
from services.catalogue.records import kind_label, status_label, years_label
from ui.markup import asset_html

CSS = asset_html("css/catalogue.css")  # read once per process


def apply_css() -> None:
    st.html(CSS)


def esc(text: object) -> str:
    return html.escape(str(text or ""), quote=True)


_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>&~$:")


def md_text(text: object) -> str:
    """User text inside st.markdown, shown as typed: every character Markdown (or HTML) could
    read as markup becomes a numeric character reference."""
    return "".join(f"&#{ord(ch)};" if ch in _MARKDOWN_SPECIAL else ch for ch in str(text or ""))


def badges(kind: str, featured: bool, status: str | None = None) -> str:
    parts = [f'<span class="gs-badge gs-kind-{esc(kind)}">{esc(kind_label(kind))}</span>']
    if featured:
        parts.append('<span class="gs-badge gs-star">★ Tiêu biểu</span>')
    if status and status != RecordStatus.PUBLISHED:
        parts.append(f'<span class="gs-badge gs-status">{esc(status_label(status))}</span>')
    return "".join(parts)


def card_html(card: CatalogueCard, *, show_status: bool = False) -> str:
    """One gallery card. The image comes by URL, so the browser caches it for good."""
    if card.cover_card_url:
        # The 640×480 card on every screen: the square thumbnail in a srcset would show ordinary
        # screens a different crop (top and bottom cut) from sharp ones. 24 cards stay < 0,5 MB.
        image = (
            f'<img class="gs-img" src="{esc(card.cover_card_url)}" '
            f'alt="{esc(card.name)}" loading="lazy" decoding="async" width="640" height="480">'
        )
    else:
        initial = esc(card.name[:1].upper() or "?")
        image = f'<div class="gs-noimg">{initial}</div>'
    # The unit on up to two lines, never cut mid-name; a collective that is its own unit
    # ("Đảng bộ Sở …" under "Đảng bộ Sở …") does not read its name twice.
    unit = card.unit_name or ""
    if " ".join(unit.split()).casefold() in " ".join(card.name.split()).casefold():
        unit = ""  # also "Tập thể Đảng bộ Tòa án nhân dân tỉnh" of "Đảng bộ Tòa án nhân dân tỉnh"
    return (
        f'<div class="gs-card">{image}<div class="gs-card-body">'
        f"{badges(card.kind, card.featured, card.status if show_status else None)}"
        f'<div class="gs-card-title">{esc(card.name)}</div>'
        f'<div class="gs-card-meta gs-unit" title="{esc(unit)}">{esc(unit) or "&nbsp;"}</div>'
        f'<div class="gs-card-meta">'
        f"{esc(' · '.join(p for p in (card.field, years_label(card.year_from, card.year_to)) if p))}"
        "</div>"
        "</div></div>"
    )


def once_button(label: str, key: str, *, type: str = "primary", icon: str | None = None) -> bool:
    """A button that turns itself off while its work runs, so a double click starts it once.

    The click's callback marks the job busy before the script reruns; the rerun draws the button
    disabled before any work starts; `finish(key)` frees it.
    """
    busy_key = f"{key}_busy"

    def mark() -> None:
        st.session_state[busy_key] = True

    busy = bool(st.session_state.get(busy_key))
    st.button(label, key=key, type=type, icon=icon, disabled=busy, on_click=mark)
    return busy


def finish(key: str) -> None:
    st.session_state[f"{key}_busy"] = False


def progress_callback(bar) -> Callable[[int, int, str], None]:
    def update(done: int, total: int, name: str = "") -> None:
        fraction = done / total if total else 1.0
        text = f"{done}/{total}" + (f" · {name}" if name else "")
        bar.progress(min(1.0, fraction), text=text)

    return update
