"""In Chromium, every page as every role: no English word of Streamlit's reaches the user, and on
a phone the menu closes once a page is chosen."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from services.demo.contests import CONTEST_TITLE
from tests import browser
from tests.browser import login, open_page, screenshot, settle
from ui.nav import PAGES

pytestmark = pytest.mark.browser

ROLES = {"admin": "admin", "tochuc": "organiser", "lanhdao": "leader", "thanhvien": "member"}
# Streamlit's English, as its 1.67 frontend writes it (visible text and screen-reader labels).
ENGLISH = [
    r"Press Enter",
    r"Press Ctrl",
    r"No results",
    r"Choose an option",
    r"Choose options",
    r"Choose or add",
    r"No options to select",
    r"File must be",
    r"Number is (?:below|above|outside)",
    r"Skip to main content",
    r"Help for ",
    r"\bper file\b",
    r"Drag and drop",
    r"Browse files",
    r"^Upload$",
    r"\bNone\b",
    r"\b\d+(?:\.\d)?(?:B|KB|MB)\b(?! mỗi)",
    r"Download as CSV",
    r"^Search$",
    r"^Fullscreen$",
    r"Show password",
    r"Hide password",
    r"Clear all",
    r"Selectbox options",
    r"Collapse sidebar",
    r"Expand sidebar",
    r"Main menu",
    r"^Sidebar$",
    r"^App pages$",
    r"^Logo$",
    r"^View \d+ more$",
    r"^View less$",
    r"^View more$",
    r"\bError:",
    r"\bmust be\b",
    r"\bor smaller\b",
    r"^Deploy$",
    r"^Rerun$",
    r"^Running\.\.\.$",
    r"\bDownload\b",
    r"^Close$",
    r"^Open$",
    r"^Select all$",
    r"^Clear$",
    r"^Clear value$",
    r"^Delete$",
    r"^Remove ",
    r"Show/hide columns",
    r"^Stop$",
    r"\bPlease (?:enter|select|wait)\b",
    r"\bLoading\b",
    r"\bnot allowed\b",
    r"^Show data$",
    r"^Show chart$",
    r"^Scroll tabs",
    r"^Navigate to home page$",
    r"^Notifications$",
    r"Page not found",
    r"^Pagination$",
    r"^(?:Previous|Next) page$",
    r"^Page \d+$",
    r"does not seem to exist",
    # the date and time pickers: their buttons, typed parts, calendar and day labels
    r"\bChoose date\b",
    r"\bClear date\b",
    r"^Time$",
    r"\bUse arrow keys\b",
    r"\b(?:Previous|Next) month\b",
    r"^Next$",
    r"^(?:day|month|year|hour|minute)\b",
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December)\b",
    r"^May\b|\bMay \d",
    r"\b(?:Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day\b",
    r"^Today\b",
    r"\bselected$",
    r"\bdate unavailable\b",
]
ENGLISH_RE = [re.compile(p, re.MULTILINE) for p in ENGLISH]

TEXTS = """() => {
  const out = [document.body.innerText];
  for (const el of document.querySelectorAll('[aria-label],[title],[placeholder]')) {
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const v = el.getAttribute(name);
      if (v) out.push(v);
    }
  }
  return out;
}"""


def _settle(page, seconds: float = 0.6) -> None:
    browser.settle(page, seconds, limit=20)


def _english(page) -> list[str]:
    found = []
    for text in page.evaluate(TEXTS):
        for pattern in ENGLISH_RE:
            for line in text.splitlines() or [text]:
                if pattern.search(line.strip()):
                    found.append(line.strip()[:120])
    return found


def _poke(page) -> None:
    """Bring out the English that hides until the user acts: the hint under a typed text input,
    a select box's empty search, a file uploader's drop zone."""
    main = page.locator('[data-testid="stMain"]')
    inputs = main.locator('[data-testid="stTextInput"] input:visible')
    if inputs.count():
        field = inputs.first
        field.click()
        field.press("End")
        field.type("a")
        time.sleep(0.3)
    boxes = main.locator('[data-testid="stSelectbox"]:visible')
    if boxes.count():
        boxes.first.click()
        page.keyboard.type("zzqqxx")
        time.sleep(0.3)


@pytest.mark.parametrize("username", list(ROLES))
def test_every_page_speaks_vietnamese(browser_page, live_app, username):
    """One login per role; every page of its menu, every tab of each page (opened in turn), then
    a typed text input and a searched select box. Fails listing page, tab and string."""
    page = browser_page
    login(page, live_app, username)
    problems: dict[str, list[str]] = {}

    def note(where: str, seen: list[str]) -> None:
        if seen:
            problems.setdefault(where, [])
            problems[where] = sorted(set(problems[where]) | set(seen))

    for spec in PAGES.values():
        if ROLES[username] not in spec.roles or not spec.in_menu:
            continue
        page.goto(f"{live_app}/{spec.key}")
        page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=60_000)
        _settle(page)
        note(spec.key, _english(page))
        tabs = page.locator('[data-testid="stMain"] [role="tab"]:visible')
        labels = [tabs.nth(i).inner_text().strip() for i in range(min(tabs.count(), 12))]
        for index, label in enumerate(labels):
            if index == 0:
                continue  # the open one, seen above
            tab = page.locator('[data-testid="stMain"] [role="tab"]:visible').nth(index)
            if not tab.count():
                continue
            tab.click()
            _settle(page, 0.3)
            note(f"{spec.key} / {label}", _english(page))
        _poke(page)
        note(f"{spec.key} (khi gõ, khi tìm)", _english(page))
        page.keyboard.press("Escape")
    assert problems == {}, f"Chữ tiếng Anh còn lại khi {username} mở: {problems}"


def test_phone_menu_closes_after_a_choice(phone_page, live_app):
    page = phone_page
    login(page, live_app, "thanhvien")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_have_attribute("data-collapsed", "true", timeout=15_000)
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    sidebar.get_by_role("link", name="Thư viện gương sáng").click()
    page.wait_for_url(re.compile(r"/catalogue_gallery"))
    expect(sidebar).to_have_attribute("data-collapsed", "true", timeout=15_000)
    filters = page.locator(".st-key-gs_fold_catalogue_gallery_filters details")
    expect(filters).not_to_have_attribute("open", "", timeout=15_000)  # folded: cards come first
    page.reload()
    page.locator('[data-testid="stMain"] h1').first.wait_for()
    _settle(page)
    expect(sidebar).to_have_attribute("data-collapsed", "true", timeout=15_000)
    expect(filters).not_to_have_attribute("open", "", timeout=15_000)
    screenshot(page, "ux_phone_gallery_after_menu")
    filters.locator("summary").click()
    expect(page.get_by_text("Lĩnh vực").first).to_be_visible()


def test_gallery_filters_stay_open_on_a_desktop(browser_page, live_app):
    page = browser_page
    login(page, live_app, "thanhvien")
    page.goto(f"{live_app}/catalogue_gallery")
    page.locator('[data-testid="stMain"] h1').first.wait_for()
    _settle(page)
    expect(page.get_by_text("Lĩnh vực").first).to_be_visible()
    screenshot(page, "ux_desktop_gallery")


def _choose_demo_contest(page) -> None:
    """The demo contest, whatever other tests of the run have published since (the newest
    contest comes first and may have no results yet)."""
    box = page.get_by_role("combobox", name="Cuộc thi", exact=True)
    if box.input_value() != CONTEST_TITLE:
        box.click()
        page.get_by_role("option", name=CONTEST_TITLE).click()
        expect(box).to_have_value(CONTEST_TITLE)
        settle(page)


def test_leaders_ranking_fits_the_page(browser_page, phone_page, live_app):
    """At 1280 px the ranking has no sideways scroll (the explanation moved under the table,
    shown for the chosen row); on a phone it scrolls sideways inside its own frame."""
    for page, name in ((browser_page, "desktop"), (phone_page, "phone")):
        login(page, live_app, "lanhdao")
        open_page(page, live_app, "contests_results", "Kết quả và thống kê")
        settle(page)
        _choose_demo_contest(page)
        grid = page.locator('[data-testid="stDataFrame"] .dvn-scroller').first
        grid.wait_for(timeout=60_000)
        scroll, client = grid.evaluate("e => [e.scrollWidth, e.clientWidth]")
        screenshot(page, f"ranking_{name}")
        if name == "desktop":
            assert scroll <= client + 1, f"bảng xếp hạng cuộn ngang ở 1280 px: {scroll} > {client}"
        frame = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
        assert frame["x"] + frame["width"] <= page.viewport_size["width"] + 1


def test_home_at_its_own_address_has_no_english_box(browser_page, live_app):
    """`/home` (the menu's own address for the home page) used to run the page under
    Streamlit's English "Page not found" box: the default page answers only at the root."""
    page = browser_page
    login(page, live_app, "thanhvien")
    page.goto(f"{live_app}/home")
    page.get_by_text("Xin chào").first.wait_for()
    _settle(page, 2)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.locator('[data-testid="stSidebarNav"] a[aria-current="page"]')).to_have_text(
        re.compile("Trang chủ")
    )


def test_round_date_time_picker_speaks_vietnamese(browser_page, phone_page, live_app):
    """The round form's date-and-time field in an English browser: Streamlit forces en-US on its
    typed parts and the calendar follows the browser, so every word (month, weekday heads, day
    labels, buttons, the time row) comes from our rules; in a Vietnamese browser react-aria's own
    words ("Today", "selected") stay English. On a desktop and a phone, and in English."""
    english_page = browser_page.context.browser.new_page(
        viewport={"width": 1280, "height": 900}, locale="en-US", timezone_id="Asia/Ho_Chi_Minh"
    )
    pages = (("desktop", browser_page), ("phone", phone_page), ("desktop_en", english_page))
    for name, page in pages:
        login(page, live_app, "tochuc")
        open_page(page, live_app, "contests_manage", "Ngân hàng câu hỏi")
        page.get_by_role("tab", name="Cuộc thi và đợt thi").click()
        adder = page.get_by_test_id("stExpander").filter(
            has=page.locator("summary", has_text="Thêm đợt thi")
        )
        adder.locator("summary").click()
        field = adder.get_by_role("group", name="Mở lúc")
        field.wait_for()
        adder.get_by_test_id("stDateTimeInputCalendarButton").first.click()
        calendar = page.get_by_test_id("stDateTimeInputCalendar")
        calendar.wait_for()
        _settle(page)
        heads = calendar.locator("thead th").all_inner_texts()
        assert heads in (
            ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
            ["T2", "T3", "T4", "T5", "T6", "T7", "CN"],
        ), heads
        expect(calendar.get_by_text("Giờ", exact=True)).to_be_visible()
        screenshot(page, f"datetime_picker_{name}")
        spoken = page.evaluate(
            """() => Array.from(document.querySelectorAll(
                 '[data-testid="stDateTimeInputCalendar"] *, [data-testid="stDateTimeInput"] *'))
               .flatMap(e => ['aria-label', 'aria-valuetext'].map(a => e.getAttribute(a)))
               .filter(Boolean)"""
        )
        english = _english(page) + [s for s in spoken for p in ENGLISH_RE if p.search(s.strip())]
        assert not english, (name, english)
        page.keyboard.press("Escape")
    english_page.close()
