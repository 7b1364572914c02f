"""The tradition-room slideshow, shared by the slideshow page and the screen links.

The cycling runs in the browser (our own markup and script, user text set as textContent), so
the server does nothing while it plays. Memory stays flat however long it runs: each picture is
decoded into a bitmap, painted into one of two canvases and released at once, the next slide is
painted into the hidden canvas ahead of time, and the timer stops itself when the show leaves the
page. (Two reused <img> elements were not enough: Chromium kept every decoded picture in its image
cache, about 4 MB each.) The CSS and the script are assets/css/slideshow.css and
assets/js/slideshow.js; the script is static and reads the slides from a JSON element beside the
show, so user text never meets the script's text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import streamlit as st

from services.catalogue import display as catalogue_display
from services.catalogue.slideshow import Slide
from ui.core import call
from ui.markup import PreparedHtml, asset_html, json_element
from ui.resources import settings

SHOW = """
<div id="__ROOT__" class="gs-show" tabindex="0" data-interval="__INTERVAL__">
  <canvas class="gs-layer gs-a" role="img"></canvas>
  <canvas class="gs-layer gs-b" role="img"></canvas>
  <div class="gs-text">
    <div class="gs-kind"></div><div class="gs-name"></div>
    <div class="gs-unit"></div><div class="gs-line"></div><div class="gs-caption"></div>
  </div>
  <div class="gs-controls">
    <button class="gs-prev" title="Ảnh trước">‹</button>
    <button class="gs-pause" title="Tạm dừng / tiếp tục">❚❚</button>
    <button class="gs-next" title="Ảnh sau">›</button>
    <button class="gs-full" title="Toàn màn hình (F11 cũng được)">Toàn màn hình</button>
  </div>
  <div class="gs-count"></div>
</div>
"""
# Made once: the show's markup without its values, its CSS and its static script (assets/).
_SHOW = str(PreparedHtml(SHOW))
SHOW_CSS = asset_html("css/slideshow.css")
SHOW_SCRIPT = asset_html("js/slideshow.js")


def markup(slides: list[Slide], interval: int) -> PreparedHtml:
    """The show's HTML; the same slides give the same markup (and the browser keeps the show)."""
    payload = [
        {
            "name": s.name,
            "unit": s.unit_name,
            "kind": s.kind,
            "years": s.years,
            "line": s.line,
            "caption": s.caption,
            "image": s.image_url,
        }
        for s in slides
    ]
    slides_json = json_element("gs-show-slides", payload)
    digest = hashlib.sha256(slides_json.encode() + str(interval).encode())
    root = f"gs-show-{digest.hexdigest()[:10]}"
    show = _SHOW.replace("__ROOT__", root).replace("__INTERVAL__", str(int(interval)))
    return PreparedHtml.joined(show, slides_json, SHOW_CSS, SHOW_SCRIPT)


def play(load: Callable[[], list[Slide] | None], interval: int, *, caption: bool = True) -> None:
    """Play what `load` returns, reading it again every SLIDESHOW_REFRESH_SECONDS: a screen left on
    for days picks up newly featured records. `load` returns None after saying why it cannot."""

    @st.fragment(run_every=settings().slideshow_refresh_seconds)
    def _show() -> None:
        slides = load()
        if slides is None:
            return
        if not slides:
            st.info("Chưa có gương tiêu biểu nào được công khai để trình chiếu.")
            return
        st.html(markup(slides, interval), unsafe_allow_javascript=True)
        if caption:
            st.caption(
                f"{len(slides)} gương sáng · mỗi ảnh {interval} giây · phím ← → để "
                "chuyển, phím cách để tạm dừng."
            )

    _show()


def screen_link_page() -> None:
    """The page behind a screen link (…/?man_hinh=TOKEN): the show alone, no login, no menu.

    The router sends a request with that parameter here before its login gate. The token is
    checked on the server now and at every refresh of the show, so revoking the link stops the
    screen within SLIDESHOW_REFRESH_SECONDS; the show holds public records only."""
    st.html(SCREEN_CSS)
    token = st.query_params.get(catalogue_display.QUERY_PARAM)
    link = call(catalogue_display.resolve_link, token=token)
    if link is None:
        st.error(REVOKED)
        return

    def load() -> list[Slide] | None:
        current = call(catalogue_display.resolve_link, token=token)
        if current is None:
            st.error(REVOKED)
            return None
        return call(catalogue_display.slides_for, link=current)

    play(load, link.interval_seconds, caption=False)


# On the screen the show fills the window (the page has nothing else), before and in fullscreen.
SCREEN_CSS = asset_html("css/slideshow_screen.css")
REVOKED = (
    "Liên kết màn hình này không còn hiệu lực (đã bị thu hồi hoặc địa chỉ không đúng). "
    "Vui lòng xin Ban tổ chức một liên kết mới."
)
