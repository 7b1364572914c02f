// The tradition-room slideshow (ui/slideshow.py). Static: the slides come from the JSON element
// beside the show (class gs-show-slides), the seconds per slide from its data-interval.
(function () {
  var box = (document.currentScript && document.currentScript.parentNode) || document;
  var root = box.querySelector(".gs-show");
  var data = box.querySelector("script.gs-show-slides");
  if (!root || !data) return;
  var slides = JSON.parse(data.textContent);
  var interval = Number(root.dataset.interval) * 1000;
  if (!slides.length) return;
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
