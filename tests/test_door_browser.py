"""In Chromium, on a server of its own started fresh: the router is the only door.

Streamlit runs a `pages/` file directly, and lists the files in a menu, until st.navigation has run
once in the process; so these tests need a process nobody has visited yet."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests import browser
from tests.browser import screenshot
from ui.nav import PAGES

pytestmark = pytest.mark.browser

DATA_DIRS: list = []  # the fresh app's data folder (its SQLite database)
FILE_NAMES = ["streamlit app", "contests take", "admin units", "account", "home"]


@pytest.fixture(scope="module")
def fresh_app(tmp_path_factory):
    from pathlib import Path

    if not Path(browser.CHROMIUM).exists():
        pytest.skip(f"Chưa cài Chromium ({browser.CHROMIUM})")
    data_dir = tmp_path_factory.mktemp("door_app")
    DATA_DIRS.append(data_dir)
    port = browser.free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = browser.start_app(data_dir, port, data_dir / "server.log")
    try:
        browser.wait_until_up(base_url, server, seconds=240)  # a shared machine may be slow
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def fresh_chromium(fresh_app, shared_chromium):
    return shared_chromium  # the run's one Chromium (see tests/conftest.py)


def _page(chromium, width=1280, height=900):
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(60_000)
    return page


def _no_file_names(page, *, menu: bool = False) -> None:
    page.wait_for_timeout(500)  # a menu message arrives with the page's first run
    words = page.evaluate("""() => Array.from(document.querySelectorAll(
        '[data-testid="stSidebar"] *:not([data-testid="stIconMaterial"])'))
        .filter(e => e.children.length === 0).map(e => e.textContent.trim())""")
    assert not set(words) & set(FILE_NAMES), words
    if not menu:  # an anonymous visitor has no menu at all
        expect(page.locator('[data-testid="stSidebarNav"]')).to_have_count(0)


def test_first_visitor_after_start_meets_the_router_at_every_address(fresh_chromium, fresh_app):
    """The very first request after the start goes to a page's address: login form, no menu."""
    page = _page(fresh_chromium)
    for key in ["contests_take", "admin_users", "catalogue_manage", "account", ""]:
        page.goto(f"{fresh_app}/{key}")
        page.get_by_label("Tên đăng nhập").wait_for()
        expect(page.get_by_label("Mật khẩu")).to_be_visible()
        expect(page.get_by_text("Vui lòng đăng nhập để xem trang này.")).to_have_count(0)
        _no_file_names(page)
    screenshot(page, "door_login_desktop")
    page.context.close()


@pytest.mark.parametrize("size", [(1280, 900), (390, 844)])
def test_unknown_address_gets_our_vietnamese_page(fresh_chromium, fresh_app, size):
    page = _page(fresh_chromium, *size)
    page.goto(f"{fresh_app}/khong-co-trang-nay")
    page.get_by_text("Không tìm thấy trang").first.wait_for()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    _no_file_names(page)
    screenshot(page, f"door_not_found_{size[0]}")
    page.get_by_role("link", name="Về trang chủ").click()
    page.get_by_label("Tên đăng nhập").wait_for()
    page.context.close()


def test_logged_in_unknown_address_and_each_page_through_the_router(fresh_chromium, fresh_app):
    page = _page(fresh_chromium)
    browser.login(page, fresh_app, "admin")
    page.goto(f"{fresh_app}/khong-co-trang-nay")
    page.get_by_text("Không tìm thấy trang").first.wait_for()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    # the menu shows our titles, never a file name
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text(PAGES["admin_users"].title, exact=True)).to_be_visible()
    _no_file_names(page, menu=True)
    page.context.close()


def _watch(page) -> list[str]:
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    return problems


ROLE_PAGES = [
    (
        "admin",
        [key for key in PAGES if key != "catalogue_detail"]
        + ["catalogue_detail?id=1", "catalogue_slideshow?play=1&interval=5"],
    ),
    (
        "thanhvien",
        ["home", "catalogue_gallery", "catalogue_detail?id=1", "contests_take", "account"],
    ),
]


@pytest.mark.parametrize(("username", "addresses"), ROLE_PAGES, ids=[r[0] for r in ROLE_PAGES])
def test_every_page_satisfies_the_content_security_policy(
    fresh_chromium, fresh_app, username, addresses
):
    page = _page(fresh_chromium, *((1280, 900) if username == "admin" else (390, 844)))
    problems = _watch(page)
    browser.login(page, fresh_app, username)
    for address in addresses:
        page.goto(f"{fresh_app}/{address.replace('home', '')}")
        page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for()
        page.wait_for_timeout(2500)  # pictures, charts and the page's own scripts
        assert not problems, f"{address}: {problems}"
    page.context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/contests_take",
        "/healthz",
        "/_stcore/health",
        "/favicon.png",
        "/auth/session?ticket=x",
        "/files/khong-co",
    ],
)
def test_security_headers_on_every_kind_of_response(fresh_app, path):
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(fresh_app)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path)
    headers = connection.getresponse().headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def _has_session(page) -> bool:
    return any(c["name"] == "gs_session" for c in page.context.cookies())


def test_a_login_ticket_works_only_in_the_browser_that_logged_in(fresh_chromium, fresh_app):
    """Login CSRF: the attacker logs in, keeps the ticket and sends the victim to it."""
    attacker = _page(fresh_chromium)
    tickets: list[str] = []

    def hold(route):
        tickets.append(route.request.url)
        route.abort()

    attacker.route("**/auth/session*", hold)
    attacker.goto(fresh_app + "/")
    attacker.get_by_label("Tên đăng nhập").fill("thanhvien")
    attacker.get_by_label("Mật khẩu").fill(browser.DEMO_PASSWORD)
    attacker.get_by_role("button", name="Đăng nhập").click()
    deadline = 600
    while not tickets and deadline:
        attacker.wait_for_timeout(100)
        deadline -= 1
    assert tickets, "no ticket was handed to the browser"

    victim = _page(fresh_chromium)
    victim.goto(fresh_app + "/")  # the victim's browser has a nonce of its own
    victim.get_by_label("Tên đăng nhập").wait_for()
    victim.goto(tickets[0])
    victim.get_by_label("Tên đăng nhập").wait_for()
    assert not _has_session(victim)
    expect(victim.get_by_text("Xin chào")).to_have_count(0)

    attacker.unroute("**/auth/session*")  # in its own browser the ticket still works, once
    attacker.goto(tickets[0])
    attacker.get_by_text("Xin chào").wait_for()
    assert _has_session(attacker)
    victim.context.close()
    attacker.context.close()


def test_logout_is_a_post_with_the_xsrf_token(fresh_chromium, fresh_app):
    page = _page(fresh_chromium)
    browser.login(page, fresh_app, "thanhvien")
    # any page could make the browser GET the old address (an <img>, a link): it does nothing
    statuses = page.evaluate("""async () => [
        (await fetch('/auth/logout')).status,
        (await fetch('/auth/logout', {method: 'POST'})).status,
        (await fetch('/auth/logout', {method: 'POST', headers: {'X-Xsrftoken': 'bia'}})).status,
    ]""")
    assert statuses[0] != 204 and statuses[1:] == [403, 403]  # a GET gets the app's page
    page.reload()
    page.get_by_text("Xin chào").wait_for()
    assert _has_session(page)

    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_label("Tên đăng nhập").wait_for()
    assert not _has_session(page)
    page.reload()
    page.get_by_label("Tên đăng nhập").wait_for()
    expect(page.get_by_text("Xin chào")).to_have_count(0)
    page.context.close()


def test_the_photo_drop_zone_states_its_own_limit(fresh_chromium, fresh_app):
    from services.media import MAX_FILE_BYTES

    page = _page(fresh_chromium)
    browser.login(page, fresh_app, "tochuc")
    page.goto(f"{fresh_app}/catalogue_manage?id=1")
    zone = page.locator(
        '[class*="st-key-catalogue_manage_files_"] '
        '[data-testid="stFileUploaderDropzoneInstructions"] span'
    ).first
    zone.wait_for()
    shown = zone.evaluate("e => getComputedStyle(e, '::after').content")
    assert f"tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB mỗi ảnh" in shown
    screenshot(page, "door_photo_drop_zone")
    page.context.close()


def test_a_forced_password_change_has_no_way_around(fresh_chromium, fresh_app):
    import sqlite3

    with sqlite3.connect(DATA_DIRS[0] / "guongsang.db") as db:
        db.execute("UPDATE user SET must_change_password = 1 WHERE username = 'lanhdao'")
    page = _page(fresh_chromium)
    page.goto(fresh_app + "/")
    page.get_by_label("Tên đăng nhập").fill("lanhdao")
    page.get_by_label("Mật khẩu").fill(browser.DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Đổi mật khẩu").wait_for()
    for _ in range(100):  # the cookie round trip
        if _has_session(page):
            break
        page.wait_for_timeout(200)
    for address in ["", "commendations_dashboard", "admin_users", "catalogue_slideshow"]:
        page.goto(f"{fresh_app}/{address}")
        page.get_by_role("heading", name="Đổi mật khẩu").wait_for()
        expect(page.get_by_text("Xin lỗi, vai trò")).to_have_count(0)
        expect(page.get_by_role("heading", name="Khen thưởng theo năm")).to_have_count(0)
    page.context.close()
