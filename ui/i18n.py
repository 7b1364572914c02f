"""Streamlit's own English words, said in Vietnamese; on phones, the menu closes after a choice.

Streamlit 1.67 has no locale setting: its placeholders, hints ("Press Enter to submit form"),
empty states, upload limits, range errors and screen-reader labels ("Skip to main content",
"Help for …") are fixed English in its frontend. Widget parameters fix what they can
(`placeholder=`, `st.column_config`); for the rest one small script, keyed on Streamlit's exact
English so the browser test notices when an update rewords them, rewrites text nodes and the
`aria-label`, `title` and `placeholder` attributes as they appear.
"""

from __future__ import annotations

import json

import streamlit as st

from ui.markup import PreparedHtml

# (JavaScript regular expression over the whole trimmed text, replacement). Order matters.
TRANSLATIONS: list[tuple[str, str]] = [
    (r"^Press Enter to submit form$", "Nhấn Enter để gửi"),
    (r"^Press Enter to apply$", "Nhấn Enter để áp dụng"),
    (r"^Press (?:Ctrl|⌘)\+Enter to submit form$", "Nhấn Ctrl+Enter để gửi"),
    (r"^Press (?:Ctrl|⌘)\+Enter to apply$", "Nhấn Ctrl+Enter để áp dụng"),
    (r"^No results$", "Không tìm thấy mục nào"),
    (r"^Choose an option$", "Chọn một mục"),
    (r"^Choose options$", "Chọn các mục"),
    (r"^Choose or add an option$", "Chọn hoặc gõ thêm"),
    (r"^Choose or add options$", "Chọn hoặc gõ thêm"),
    (r"^Add an option$|^Add options$", "Gõ để thêm"),
    (r"^No options to select$", "Chưa có lựa chọn nào"),
    (
        r"^You can only select up to (\d+) options?\. Remove an option first\.$",
        "Chỉ chọn được tối đa $1 mục. Hãy bỏ bớt một mục trước.",
    ),
    (r"^Skip to main content$", "Tới nội dung chính"),
    (r"^Help for (.+)$", "Hướng dẫn: $1"),
    (r"^Help$", "Hướng dẫn"),
    (r"^Upload$", "Chọn tệp"),
    (r"^Browse files$", "Chọn tệp"),
    (r"^Drag and drop files here$|^Drag and drop a file here$", "Kéo thả tệp vào đây"),
    (r"^(\d+)MB per file(.*)$", "Tối đa $1 MB mỗi tệp$2"),
    (r"^File must be (\d+)\.0MB or smaller\.$", "Tệp quá lớn: tối đa $1 MB."),
    (r"^File must be (.+) or smaller\.$", "Tệp quá lớn: tối đa $1."),
    (r"^(.+) files are not allowed\.$", "Không nhận loại tệp $1."),
    (r"^File size is too small\.$", "Tệp rỗng."),
    (
        r"^Number is outside the allowed range\. Please enter a value between (.+) and (.+)\.$",
        "Số ngoài khoảng cho phép: hãy nhập từ $1 đến $2.",
    ),
    (
        (
            r"^Number is below the allowed range\. Please enter a value greater than or equal to "
            r"(.+)\.$"
        ),
        "Số nhỏ hơn mức cho phép: hãy nhập từ $1 trở lên.",
    ),
    (
        (
            r"^Number is above the allowed range\. Please enter a value less than or equal to "
            r"(.+)\.$"
        ),
        "Số lớn hơn mức cho phép: hãy nhập tối đa $1.",
    ),
    (r"^Number is (?:below|above|outside) the allowed range\.?$", "Số ngoài khoảng cho phép."),
    (r"^Error: (.+)$", "Lỗi: $1"),
    (r"^(\d+)\.0(B|KB|MB|GB)$", "$1 $2"),
    (r"^(\d+)\.(\d)(B|KB|MB|GB)$", "$1,$2 $3"),
    (r"^Show password$", "Hiện chữ đã gõ"),
    (r"^Hide password$", "Ẩn chữ đã gõ"),
    (r"^Clear all$", "Xóa hết"),
    (r"^Clear value$|^Clear$", "Xóa"),
    (r"^Remove (.+)$", "Bỏ $1"),
    (r"^Delete$", "Xóa"),
    (r"^Download as (CSV|PNG|SVG|JSON|WAV)$", "Tải về $1"),
    (r"^Show data$", "Xem số liệu"),
    (r"^Show chart$", "Xem biểu đồ"),
    (r"^Scroll tabs left$", "Cuộn các thẻ sang trái"),
    (r"^Scroll tabs right$", "Cuộn các thẻ sang phải"),
    (r"^Navigate to home page$", "Về trang chủ"),
    (r"^Notifications$", "Thông báo"),
    (r"^Search$", "Tìm"),
    (r"^Fullscreen$", "Toàn màn hình"),
    (r"^Close fullscreen$|^Exit fullscreen$", "Thoát toàn màn hình"),
    (r"^Show/hide columns$", "Hiện, ẩn cột"),
    (r"^Collapse sidebar$", "Thu gọn thanh bên"),
    (r"^Expand sidebar$", "Mở thanh bên"),
    (r"^Main menu$", "Trình đơn"),
    (r"^Sidebar$", "Thanh bên"),
    (r"^App pages$", "Các trang"),
    (r"^Logo$", "Biểu trưng"),
    (r"^View (\d+) more$", "Xem thêm $1"),
    (r"^View less$", "Thu gọn"),
    (r"^Running\.\.\.$", "Đang chạy…"),
    (r"^Selectbox options$", "Các lựa chọn"),
    (r"^Open$", "Mở"),
    (r"^Close$", "Đóng"),
]

SCRIPT_TEMPLATE = """
<script>
(() => {
  if (window.__gsI18n) return;
  window.__gsI18n = true;
  const rules = RULES.map(([re, to]) => [new RegExp(re), to]);
  const ATTRS = ["aria-label", "title", "placeholder"];
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
    fold();
  }).observe(document.body, {subtree: true, childList: true, characterData: true,
                             attributes: true, attributeFilter: ATTRS});
})();
</script>
"""
SCRIPT = SCRIPT_TEMPLATE.replace("RULES", json.dumps(TRANSLATIONS, ensure_ascii=False), 1)
_PREPARED = PreparedHtml(SCRIPT)  # dedented once, not on every run

HOLDER = "gs_i18n"


def install() -> None:
    """Once per run; the script itself installs its observer only once per browser tab."""
    with st.container(key=HOLDER, height=1, border=False):
        st.html(_PREPARED, unsafe_allow_javascript=True)
