// The contest countdown (pages/contests_take.py). Static: the stored deadline and the server's
// clock come from the timer's data-deadline and data-now (milliseconds since 1970).
(function() {
  const el = document.getElementById("gs-timer");
  if (!el) return;
  const deadline = Number(el.dataset.deadline);
  const skew = Number(el.dataset.now) - Date.now();
  const span = el.querySelector("span");
  if (window.gsTimer) clearInterval(window.gsTimer);
  function tick() {
    const left = Math.max(0, deadline - (Date.now() + skew));
    const s = Math.floor(left / 1000);
    const text = String(Math.floor(s / 60)).padStart(2, "0") + ":" +
                 String(s % 60).padStart(2, "0");
    span.textContent = left > 0 ? "Còn " + text : "Hết giờ";
    el.classList.toggle("gs-low", left > 0 && left < 60000);
    el.classList.toggle("gs-over", left <= 0);
    if (left <= 0) {
      clearInterval(window.gsTimer);
      setTimeout(function() { window.location.reload(); }, 4000);
    }
  }
  tick();
  window.gsTimer = setInterval(tick, 1000);
})();
