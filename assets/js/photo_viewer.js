// The photo viewer of pages/catalogue_detail.py: a thumbnail click swaps the large picture.
// Static: every text comes from the buttons' data- attributes and is written as textContent.
(function () {
  var box = (document.currentScript && document.currentScript.parentNode) || document;
  var root = box.querySelector(".gs-viewer");
  if (!root || root.dataset.ready) return;     // an unrelated rerun keeps the same viewer
  root.dataset.ready = "1";
  var big = root.querySelector(".gs-big"), cap = root.querySelector(".gs-cap");
  var thumbs = Array.prototype.slice.call(root.querySelectorAll(".gs-thumb"));
  var current = 0;
  function pick(i, focus) {
    current = (i + thumbs.length) % thumbs.length;
    var b = thumbs[current];
    big.src = b.dataset.large; big.alt = b.dataset.alt; cap.textContent = b.dataset.caption;
    thumbs.forEach(function (t, j) {
      t.setAttribute("aria-pressed", j === current ? "true" : "false");
      t.classList.toggle("gs-on", j === current);
    });
    if (focus) b.focus();
  }
  function preload() { var im = new Image(); im.src = this.dataset.large; }
  thumbs.forEach(function (b, i) {
    b.addEventListener("click", function () { pick(i, false); });
    b.addEventListener("pointerenter", preload, {once: true});
    b.addEventListener("focus", preload, {once: true});
  });
  root.addEventListener("keydown", function (e) {
    if (e.key === "ArrowRight") { pick(current + 1, true); e.preventDefault(); }
    if (e.key === "ArrowLeft") { pick(current - 1, true); e.preventDefault(); }
  });
})();
