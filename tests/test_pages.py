"""AppTest: every page renders without exception for each role that may see it, and refuses
the others politely, on the demo data."""

from pathlib import Path

import pytest

from models.accounts import ROLE_LABELS, Role
from ui.nav import PAGES

ROLES = list(Role)
ROOT = Path(__file__).resolve().parent.parent
ROUTER = str(ROOT / "streamlit_app.py")


@pytest.mark.parametrize("page_key", list(PAGES))
def test_page_renders_for_its_roles_and_refuses_the_others(demo_engine, run_page, page_key):
    spec = PAGES[page_key]
    for role in ROLES:
        at = run_page(page_key, role, username=_demo_user(role))
        assert not at.exception, f"{page_key} / {role}: {at.exception}"
        refusal = [e.value for e in at.error if "Xin lỗi, vai trò" in e.value]
        if role in spec.roles:
            assert not refusal, f"{page_key} từ chối {role}"
        else:
            assert refusal == [
                f"Xin lỗi, vai trò {ROLE_LABELS[role]} không được mở trang “{spec.title}”. "
                "Nếu cần, vui lòng liên hệ quản trị viên."
            ]


def _demo_user(role: Role) -> str:
    return {
        Role.ADMIN: "admin",
        Role.ORGANISER: "tochuc",
        Role.LEADER: "lanhdao",
        Role.MEMBER: "thanhvien",
    }[role]


def test_a_page_without_login_asks_to_log_in(app_env):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / "home.py")).run()
    assert [w.value for w in at.warning] == ["Vui lòng đăng nhập để xem trang này."]


def test_router_shows_the_login_form_with_demo_accounts(app_env, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DEMO_MODE", "1")
    at = AppTest.from_file(ROUTER, default_timeout=60).run()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]
    assert any("thanhvien" in m.value for m in at.markdown)


def test_router_login_with_wrong_password_says_so(app_env):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(ROUTER, default_timeout=60).run()
    at.text_input[0].input("ai-do")
    at.text_input[1].input("sai")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Tên đăng nhập hoặc mật khẩu không đúng."]


def test_non_demo_database_without_admin_explains_how_to_create_one(app_env):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(ROUTER, default_timeout=60).run()
    assert any("create-user" in w.value for w in at.warning)
    assert not any("demo123" in m.value for m in at.markdown)


def test_unreachable_database_gets_a_vietnamese_message(app_env, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    at = AppTest.from_file(ROUTER, default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error][0].startswith("Không kết nối được cơ sở dữ liệu")


def test_member_changes_password_on_the_account_page(run_page):
    at = run_page("account", Role.MEMBER, username="hoa")
    at.text_input[0].input("matkhau-thu-nghiem")
    at.text_input[1].input("mat-khau-moi")
    at.text_input[2].input("mat-khau-moi")
    at.button[0].click().run()
    assert [s.value for s in at.success] == ["Đã đổi mật khẩu."]
