"""The tradition-room slideshow, shared by the slideshow page and the screen links.

The cycling runs in the browser (our own markup and script, user text set as textContent), so
the server does nothing while it plays. Memory stays flat however long it runs: each picture is
decoded into a bitmap, painted into one of two canvases and released at once, the next slide is
painted into the hidden canvas ahead of time, and the timer stops itself when the show leaves the
page. (Two reused <img> elements were not enough: Chromium kept every decoded picture in its image
cache, about 4 MB each.) Keep tags out of the inline script: st.html does not run a script that
holds one, even in a comment.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

import streamlit as st

from services.catalogue import display as catalogue_display
from services.catalogue.slideshow import Slide
from ui.core import call
from ui.resources import settings


def _script_json(value) -> str:
    """JSON that is safe inside a <script> element."""
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


SHOW = """
<div id="__ROOT__" class="gs-show" tabindex="0">
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
<style>
  .gs-show {position:relative; width:100%; aspect-ratio:16/9; background:#111; overflow:hidden;
            border-radius:.6rem; font-family:inherit; outline:none}
  .gs-show:fullscreen {width:100vw; height:100vh; aspect-ratio:auto; border-radius:0}
  .gs-show .gs-layer {position:absolute; inset:0; width:100%; height:100%; display:block;
            opacity:0; transition:opacity 1.2s ease}
  .gs-show .gs-layer.gs-on {opacity:1}
  .gs-show .gs-text {position:absolute; left:0; right:0; bottom:0; padding:1.2rem 2rem 1.6rem;
            background:linear-gradient(transparent, rgba(0,0,0,.85) 35%); color:#fff}
  .gs-show .gs-kind {color:#ffd25a; font-weight:700; letter-spacing:.06em; font-size:1.1vw;
            text-transform:uppercase}
  .gs-show .gs-name {font-size:2.6vw; font-weight:800; line-height:1.15; margin:.2rem 0}
  .gs-show .gs-unit {font-size:1.4vw; color:#ffe9b0}
  .gs-show .gs-line {font-size:1.3vw; margin-top:.3rem}
  .gs-show .gs-caption {font-size:1vw; color:#ddd; margin-top:.3rem; font-style:italic}
  .gs-show .gs-controls {position:absolute; top:.8rem; right:.8rem; display:flex; gap:.4rem;
            opacity:.25; transition:opacity .3s}
  .gs-show:hover .gs-controls {opacity:1}
  .gs-show .gs-controls button {background:rgba(0,0,0,.6); color:#fff; border:1px solid #777;
            border-radius:.4rem; padding:.3rem .7rem; cursor:pointer; font-size:1rem}
  .gs-show.gs-idle {cursor:none}
  .gs-show.gs-idle .gs-controls {opacity:0}
  .gs-show .gs-count {position:absolute; top:.9rem; left:1rem; color:#bbb; font-size:.9rem}
</style>
<script>
(function () {
  var slides = __SLIDES__;
  var interval = __INTERVAL__ * 1000;
  var root = document.getElementById(__ROOT_JSON__);
  if (!root || !slides.length) return;
  if (window.__gsShowTimer) clearInterval(window.__gsShowTimer);
  // Each picture is decoded into an ImageBitmap, painted into one of two canvases and closed at
  // once, so the page holds two screens of pixels whatever the number of slides or hours: an
  // image element per picture would leave every decoded picture in the image cache.
  var layers = [root.querySelector(".gs-a"), root.querySelector(".gs-b")];
  var front = 0, index = -1, ready = -1, paused = false, last = Date.now(), lock = null;
  var generation = 0, busy = false;
  function wrap(i) { return (i % slides.length + slides.length) % slides.length; }
  function set(cls, text) { root.querySelector(cls).textContent = text || ""; }
  // The canvas: the show's size in device pixels, but no larger than the 1920-px pictures
  // themselves (on a 4K screen more would only hold upscaled pixels, at four times the memory).
  function size() {
    var ratio = Math.min(window.devicePixelRatio || 1, 2);
    var w = root.clientWidth * ratio, h = root.clientHeight * ratio;
    var k = Math.min(1, 1920 / Math.max(w, 1), 1920 / Math.max(h, 1));
    return [Math.max(1, Math.round(w * k)), Math.max(1, Math.round(h * k))];
  }
  function fit(canvas) {
    var wh = size();
    if (canvas.width !== wh[0] || canvas.height !== wh[1]) {
      canvas.width = wh[0]; canvas.height = wh[1];
    }
  }
  function paint(canvas, i) {               // resolves true once slide i is in the canvas
    var mine = ++generation, s = slides[i];
    fit(canvas);
    var ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    canvas.setAttribute("aria-label", s.name);
    if (!s.image) return Promise.resolve(true);
    return fetch(s.image, {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.blob() : Promise.reject(r.status); })
      .then(function (blob) { return createImageBitmap(blob); })
      .then(function (bitmap) {
        if (mine === generation) {
          var k = Math.min(canvas.width / bitmap.width, canvas.height / bitmap.height);
          var w = bitmap.width * k, h = bitmap.height * k;
          ctx.imageSmoothingQuality = "high";
          ctx.drawImage(bitmap, (canvas.width - w) / 2, (canvas.height - h) / 2, w, h);
        }
        bitmap.close();
        return mine === generation;
      })
      .catch(function () { return mine === generation; });   // a missing picture: dark slide
  }
  function reveal(i) {
    index = i;
    var s = slides[i];
    layers[1 - front].classList.add("gs-on"); layers[front].classList.remove("gs-on");
    front = 1 - front; ready = -1;
    set(".gs-kind", s.kind + " · " + s.years); set(".gs-name", s.name); set(".gs-unit", s.unit);
    set(".gs-line", s.line); set(".gs-caption", s.caption);
    set(".gs-count", (i + 1) + " / " + slides.length);
    last = Date.now();
    // Prepare the next slide in the hidden canvas once the fade has finished.
    var next = wrap(i + 1);
    setTimeout(function () {
      if (index !== i || busy) return;
      paint(layers[1 - front], next).then(function (ok) { if (ok && index === i) ready = next; });
    }, 1400);
  }
  function show(i) {
    i = wrap(i);
    if (i === ready) { reveal(i); return; }
    busy = true;
    paint(layers[1 - front], i).then(function (ok) { busy = false; if (ok) reveal(i); });
  }
  root.querySelector(".gs-prev").onclick = function () { show(index - 1); };
  root.querySelector(".gs-next").onclick = function () { show(index + 1); };
  root.querySelector(".gs-pause").onclick = function () {
    paused = !paused; this.textContent = paused ? "▶" : "❚❚"; };
  root.querySelector(".gs-full").onclick = function () {
    if (document.fullscreenElement) { document.exitFullscreen(); }
    else if (root.requestFullscreen) { root.requestFullscreen(); }
    try { navigator.wakeLock.request("screen").then(function (l) { lock = l; }); } catch (e) {}
  };
  root.addEventListener("keydown", function (e) {
    if (e.key === "ArrowRight") show(index + 1);
    if (e.key === "ArrowLeft") show(index - 1);
    if (e.key === " ") { paused = !paused; e.preventDefault(); }
  });
  var idle = null;                           // on a wall screen: no cursor, no buttons
  function wake() {
    root.classList.remove("gs-idle"); clearTimeout(idle);
    idle = setTimeout(function () { root.classList.add("gs-idle"); }, 3000);
  }
  root.addEventListener("mousemove", wake); wake();
  show(0);
  window.__gsShowTimer = setInterval(function () {
    if (!document.body.contains(root)) {      // the page changed: stop, free everything
      clearInterval(window.__gsShowTimer); window.__gsShowTimer = null;
      layers.forEach(function (c) { c.width = 0; c.height = 0; });
      if (lock) { lock.release(); }
      return;
    }
    var shown = layers[front];               // fullscreen or a resized window: paint again
    if (index >= 0 && !busy && shown.width !== size()[0]) { show(index); return; }
    var due = Date.now() - last >= interval;
    if (!paused && !busy && index >= 0 && slides.length > 1 && due) show(index + 1);
  }, 500);
})();
</script>
"""


def markup(slides: list[Slide], interval: int) -> str:
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
    digest = hashlib.sha256(_script_json(payload).encode() + str(interval).encode())
    root = f"gs-show-{digest.hexdigest()[:10]}"
    return (
        SHOW.replace("__ROOT_JSON__", json.dumps(root))
        .replace("__ROOT__", root)
        .replace("__INTERVAL__", str(interval))
        .replace("__SLIDES__", _script_json(payload))
    )  # last: user text never meets a token


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
SCREEN_CSS = """<style>
  .stMainBlockContainer {padding: 1rem 1rem 0 1rem; max-width: none}
  .gs-show {aspect-ratio: auto; height: calc(100vh - 2rem)}
</style>"""
REVOKED = (
    "Liên kết màn hình này không còn hiệu lực (đã bị thu hồi hoặc địa chỉ không đúng). "
    "Vui lòng xin Ban tổ chức một liên kết mới."
)
