"""In Chromium: each demo account logs in, sees its home, survives a reload, and logs out."""

import pytest
from playwright.sync_api import expect

from tests.browser import login, open_page, screenshot

pytestmark = pytest.mark.browser

HOMES = [
    # username, role label on the home page, a shortcut only that role sees
    ("admin", "Quản trị hệ thống", "Tài khoản"),
    ("tochuc", "Ban tổ chức", "Quản lý cuộc thi"),
    ("lanhdao", "Lãnh đạo", "Khen thưởng theo năm"),
    ("thanhvien", "Thành viên", "Cuộc thi tìm hiểu"),
]


@pytest.mark.parametrize(("username", "role_label", "shortcut"), HOMES)
def test_demo_account_logs_in_reloads_and_logs_out(
    browser_page, live_app, username, role_label, shortcut
):
    page = browser_page
    login(page, live_app, username)
    main = page.get_by_role("main")
    expect(main.get_by_text(role_label).first).to_be_visible()
    expect(main.get_by_role("link", name=shortcut).first).to_be_visible()
    screenshot(page, f"foundation_home_{username}")

    page.reload()  # the HttpOnly cookie keeps the login across a reload
    page.get_by_text("Xin chào").wait_for()

    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_label("Tên đăng nhập").wait_for()
    page.reload()  # and logout ended it for good
    page.get_by_label("Tên đăng nhập").wait_for()
    expect(page.get_by_text("Xin chào")).to_have_count(0)


def test_the_theme_reaches_every_session(browser_page, live_app):
    """The theme in new_session is built once per process (ui/server_tuning.py) and copied
    into every later run and session: the page after a reload still wears it."""
    page = browser_page
    login(page, live_app, "thanhvien")
    for _ in range(2):
        page.reload()
        page.get_by_text("Xin chào").wait_for()
        app = page.locator('[data-testid="stApp"]')
        expect(app).to_have_css("background-color", "rgb(255, 253, 248)")  # theme.backgroundColor
        expect(app).to_have_css("color", "rgb(43, 33, 24)")  # theme.textColor


def test_member_opening_an_admin_address_is_refused(browser_page, live_app):
    page = browser_page
    login(page, live_app, "thanhvien")
    open_page(page, live_app, "admin_users", "Xin lỗi, vai trò Thành viên")
    screenshot(page, "foundation_refusal_member")


def test_wrong_password_gets_a_vietnamese_message(browser_page, live_app):
    page = browser_page
    page.goto(live_app + "/")
    page.get_by_label("Tên đăng nhập").fill("lanhdao")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.").wait_for()
    screenshot(page, "foundation_login_error")


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/healthz", 200),
        ("/files/../../etc/passwd", {400, 404}),
        ("/files/%2e%2e/%2e%2e/etc/passwd", {400, 404}),
        ("/files/khong-co.webp", 404),
        ("/auth/session?ticket=bia-dat", 303),
    ],
)
def test_own_routes_answer_safely(live_app, path, status):
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(live_app)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path)  # sent as is: no client-side normalisation of ".."
    response = connection.getresponse()
    assert response.status in (status if isinstance(status, set) else {status})
    assert "gs_session" not in (response.headers.get("set-cookie") or "")
