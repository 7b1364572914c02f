"""Pieces shared by the catalogue pages: our own card markup (user text always escaped), the
CSS, and a guard so long work cannot be started twice by a double click."""

from __future__ import annotations

import html
from collections.abc import Callable

import streamlit as st

from models.catalogue import CatalogueCard, RecordStatus
from services.catalogue.records import kind_label, status_label, years_label

CSS = """
<style>
  .gs-card {border-radius:.5rem; overflow:hidden; background:#fffdf8}
  .gs-card .gs-img {aspect-ratio:4/3; width:100%; height:auto; object-fit:cover; display:block;
            background:#f1e7d0}
  .gs-card .gs-noimg {aspect-ratio:4/3; display:flex; align-items:center; justify-content:center;
            background:linear-gradient(135deg,#b3001b,#d9822b); color:#fff; font-size:2.4rem;
            font-weight:700}
  .gs-card-body {padding:.55rem .7rem .4rem .7rem}
  .gs-card-title {font-weight:700; font-size:1.02rem; line-height:1.3; margin:.25rem 0 .2rem 0;
            color:#2b1d0e; display:-webkit-box; -webkit-line-clamp:2; -webkit-box-orient:vertical;
            overflow:hidden; min-height:2.6em}
  .gs-card-meta {color:#6b5b3e; font-size:.85rem; line-height:1.3; white-space:nowrap;
            overflow:hidden; text-overflow:ellipsis}
  .gs-card-meta.gs-unit {white-space:normal; min-height:2.6em; overflow-wrap:anywhere}
  .gs-badge {display:inline-block; font-size:.72rem; padding:.05rem .45rem; border-radius:1rem;
            margin-right:.25rem; font-weight:600}
  .gs-kind-mo_hinh {background:#fde3e1; color:#9b1111}
  .gs-kind-ca_nhan {background:#dfeefa; color:#17507e}
  .gs-kind-tap_the {background:#e1f3e5; color:#1d6a3c}
  .gs-star {background:#fff1c7; color:#8a5a00}
  .gs-status {background:#eee; color:#444}
  .gs-viewer .gs-big {width:100%; max-height:70vh; object-fit:contain; background:#1b1b1b;
            border-radius:.5rem}
  .gs-viewer .gs-cap {color:#6b5b3e; font-size:.9rem; text-align:center; margin-top:.3rem}
  .gs-thumbs {display:flex; gap:.4rem; flex-wrap:wrap; margin-top:.5rem}
  .gs-thumbs .gs-thumb {padding:0; border:2px solid transparent; border-radius:.4rem;
            background:none; cursor:pointer; opacity:.65; line-height:0;
            transition:opacity .15s, border-color .15s}
  .gs-thumbs .gs-thumb:hover {opacity:1}
  .gs-thumbs .gs-thumb:focus-visible {outline:3px solid #c99628; outline-offset:2px; opacity:1}
  .gs-thumbs .gs-thumb.gs-on {opacity:1; border-color:#b3001b}
  .gs-thumbs .gs-thumb img {width:72px; height:72px; object-fit:cover; border-radius:.25rem;
            display:block}
  .gs-figure {background:#fff7e6; border-left:4px solid #c99628; padding:.5rem .8rem;
            border-radius:.3rem; height:100%}
  .gs-figure b {display:block; font-size:1.35rem; color:#b3001b}
  .gs-figure span {color:#5a4a30; font-size:.88rem}
  .gs-timeline {border-left:3px solid #c99628; margin-left:.4rem; padding-left:1rem}
  .gs-timeline div {margin-bottom:.6rem}
</style>
"""


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
