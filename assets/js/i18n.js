// Streamlit's own English words said in Vietnamese, and the phone menu (ui/i18n.py). Static: the
// rules (ui/i18n.TRANSLATIONS) come from the JSON element beside it (class gs-i18n-rules).
(() => {
  if (window.__gsI18n) return;
  const box = (document.currentScript && document.currentScript.parentNode) || document;
  const data = box.querySelector("script.gs-i18n-rules");
  if (!data) return;
  window.__gsI18n = true;
  const rules = JSON.parse(data.textContent).map(([re, to]) => [new RegExp(re), to]);
  const ATTRS = ["aria-label", "title", "placeholder", "aria-valuetext"];
  const say = (text) => {
    const trimmed = text.trim();
    if (!trimmed || trimmed.length > 200) return null;
    for (const [re, to] of rules) {
      if (re.test(trimmed)) return text.replace(trimmed, trimmed.replace(re, to));
    }
    return null;
  };
  const fixText = (node) => {
    const said = say(node.nodeValue || "");
    if (said !== null && said !== node.nodeValue) node.nodeValue = said;
  };
  const fixAttrs = (el) => {
    for (const name of ATTRS) {
      const value = el.getAttribute && el.getAttribute(name);
      if (value) {
        const said = say(value);
        if (said !== null && said !== value) el.setAttribute(name, said);
      }
    }
  };
  // Phones: a section wrapped in a "gs_fold_" container starts folded (once per page load).
  const fold = () => {
    if (!phone()) return;
    for (const open of document.querySelectorAll('[class*="st-key-gs_fold_"] details[open]')) {
      if (open.dataset.gsFolded) continue;
      open.dataset.gsFolded = "1";
      const summary = open.querySelector("summary");
      if (summary) summary.click();
    }
  };
  // A calendar's narrow weekday heads (S M T W T F S): one letter says two days, so they are
  // named by their place in a week that starts on Sunday or on Monday.
  const WEEKS = {SMTWTFS: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
                 MTWTFSS: ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]};
  const weekdays = () => {
    for (const row of document.querySelectorAll('table[role="grid"] thead tr')) {
      const cells = Array.from(row.children);
      const said = WEEKS[cells.map((c) => c.textContent.trim()).join("")];
      if (said && cells.length === 7) cells.forEach((c, i) => { c.textContent = said[i]; });
    }
  };
  const walk = (root) => {
    if (root.nodeType === Node.TEXT_NODE) { fixText(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    fixAttrs(root);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) fixText(node); else fixAttrs(node);
    }
  };
  // Phones: the menu closes once a page is chosen, and a fresh load starts with it closed.
  const phone = () => window.matchMedia("(max-width: 768px)").matches;
  const closeSidebar = () => {
    const bar = document.querySelector('[data-testid="stSidebar"]');
    const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (bar && button && bar.getAttribute("data-collapsed") !== "true") button.click();
  };
  document.addEventListener("click", (event) => {
    if (phone() && event.target.closest('[data-testid="stSidebarNav"] a')) {
      setTimeout(closeSidebar, 50);
    }
  }, true);
  if (phone()) {
    let tries = 0;
    // A member who opens the menu while the page is still loading keeps it open.
    const opened = (event) => {
      if (event.target.closest('[data-testid="stExpandSidebarButton"]')) clearInterval(first);
    };
    document.addEventListener("pointerdown", opened, true);
    document.addEventListener("click", opened, true);
    const first = setInterval(() => {
      tries += 1;
      const bar = document.querySelector('[data-testid="stSidebar"]');
      if (bar && bar.getAttribute("data-collapsed") === "true") clearInterval(first);
      else if (bar && document.querySelector('[data-testid="stSidebarCollapseButton"] button')) {
        closeSidebar(); clearInterval(first);
      } else if (tries > 50) clearInterval(first);
    }, 100);
  }
  document.documentElement.lang = "vi";
  walk(document.body);
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === "characterData") fixText(m.target);
      else if (m.type === "attributes") fixAttrs(m.target);
      else m.addedNodes.forEach(walk);
    }
    weekdays();
    fold();
  }).observe(document.body, {subtree: true, childList: true, characterData: true,
                             attributes: true, attributeFilter: ATTRS});
})();
