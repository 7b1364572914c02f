"""Forms: a save confirms after its rerun, every problem shows at once, in Vietnamese, and bad
lengths or dates are refused by name (AppTest on the real pages, services on a real database)."""

from datetime import date

import pytest

from models.accounts import Role, UnitCreate, UserCreate
from models.commendations import AwardCreate
from services.accounts import users as accounts
from services.capabilities import SYSTEM
from services.validation import (
    Problems,
    build,
    date_problem,
    latest_year,
    max_chars,
    year_problem,
)
from services.vi import local_today


@pytest.mark.parametrize(
    ("model", "data", "expected"),
    [
        (UnitCreate, {"name": "x" * 256}, ["Tên: tối đa 255 ký tự."]),
        (
            UserCreate,
            {"username": "a" * 65, "full_name": "b" * 256, "password": "p"},
            ["Tên đăng nhập: tối đa 64 ký tự.", "Họ và tên: tối đa 255 ký tự."],
        ),
        (UnitCreate, {"name": "Chi bộ", "headcount": -1}, ["Sĩ số: không được nhỏ hơn 0."]),
    ],
)
def test_model_problems_come_back_in_vietnamese_all_at_once(model, data, expected):
    with pytest.raises(Problems) as caught:
        build(model, data)
    assert caught.value.problems == expected


@pytest.mark.parametrize(
    ("model", "field", "length"),
    [
        (UserCreate, "username", 64),
        (UnitCreate, "name", 255),
        (AwardCreate, "recipient_name", 255),
        (AwardCreate, "decision_number", 64),
    ],
)
def test_widgets_get_the_column_length(model, field, length):
    assert max_chars(model, field) == length


@pytest.mark.parametrize(
    ("value", "refused"),
    [
        (date(1, 1, 1), True),
        (date(9999, 12, 31), True),
        (date(1944, 12, 31), True),
        (date(1945, 1, 1), False),
        (date(2020, 5, 19), False),
        (None, False),
    ],
)
def test_dates_outside_the_range_are_refused_by_name(value, refused):
    problem = date_problem(value, "Ngày quyết định")
    assert bool(problem) is refused
    if refused:
        assert problem.startswith("Ngày quyết định: phải từ 01/01/1945")


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1944, "Năm khen thưởng: phải từ 1945 đến {high} (đã nhập 1944)."),
        (1945, None),
        ("{high}", None),
        ("{after}", "Năm khen thưởng: phải từ 1945 đến {high} (đã nhập {after})."),
        ("2020", "Năm khen thưởng: phải là một số năm (đã nhập “2020”)."),
        (True, "Năm khen thưởng: phải là một số năm (đã nhập “True”)."),
        (None, "Năm khen thưởng: phải là một số năm (đã nhập “None”)."),
    ],
)
def test_one_rule_for_every_year(year, expected):
    high = local_today().year + 1
    if isinstance(year, str) and "{" in year:
        year = int(year.format(high=high, after=high + 1))
    expected = expected and expected.format(high=high, after=high + 1)
    assert year_problem(year, "Năm khen thưởng") == expected


@pytest.mark.parametrize(
    ("today", "latest"),
    [(date(2026, 12, 31), 2027), (date(2027, 1, 1), 2028)],
)
def test_the_latest_year_follows_the_local_calendar(today, latest):
    """On 1 January in Việt Nam the server's UTC clock may still be in the old year."""
    assert latest_year(today) == latest


def test_account_form_lists_every_problem(demo_engine, session):
    with pytest.raises(Problems) as caught:
        accounts.create_user(
            session=session,
            actor=SYSTEM,
            user_in=UserCreate(
                username="Tên Có Dấu",
                full_name=" ",
                email="khong-phai-email",
                role="admin",
                password="1",
            ),
        )
    assert len(caught.value.problems) == 4  # name, full name, email, password


def _fill_create_form(at, username: str, full_name: str, password: str):
    inputs = {t.label: t for t in at.text_input}
    inputs["Tên đăng nhập"].input(username)
    inputs["Họ và tên"].input(full_name)
    inputs["Mật khẩu ban đầu"].input(password)
    next(b for b in at.button if b.label == "Tạo tài khoản").click()
    return at.run()


def test_created_account_is_confirmed_after_the_rerun_and_the_form_empties(demo_engine, run_page):
    at = run_page("admin_users", Role.ADMIN, username="admin")
    at = _fill_create_form(at, "moi.nguoi", "Người Mới", "matkhau123")
    assert not at.exception
    assert [s.value for s in at.success] == ["Đã tạo tài khoản moi.nguoi."]
    assert {t.label: t.value for t in at.text_input}["Tên đăng nhập"] == ""

    at = _fill_create_form(at, "Có Dấu", "", "1")  # three problems, one box listing them all
    assert not at.exception
    assert len(at.error) == 1
    assert [line for line in at.error[0].value.splitlines() if line.startswith("- ")] == [
        (
            "- Tên đăng nhập chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới "
            "(2–64 ký tự)."
        ),
        "- Vui lòng nhập họ và tên.",
        "- Mật khẩu phải có ít nhất 6 ký tự.",
    ]
    assert not at.success


def test_unit_added_is_confirmed_after_the_rerun(demo_engine, run_page):
    at = run_page("admin_units", Role.ADMIN, username="admin")
    next(t for t in at.text_input if t.label == "Tên đơn vị").input("Chi bộ Kiểm thử")
    next(b for b in at.button if b.label == "Thêm").click()
    at = at.run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Đã thêm đơn vị “Chi bộ Kiểm thử”."]


STREAMLIT_ENGLISH = [
    "Press Enter to submit form",
    "Press Enter to apply",
    "Press Ctrl+Enter to submit form",
    "No results",
    "Choose an option",
    "Choose options",
    "File must be 25.0MB or smaller.",
    "Number is below the allowed range. Please enter a value greater than or equal to 0.",
    "Skip to main content",
    "Help for Mật khẩu mới",
    "Upload",
    "50MB per file • XLSX",
    "82.0B",
    "36.8KB",
    "Show password",
    "Sidebar",
    "App pages",
    "View 3 more",
    "Pagination",
    "Previous page",
    "Next page",
    "Page 12",
    "Choose date and time",
    "Choose date",
    "Clear date and time",
    "Time",
    "Use arrow keys to navigate. Enter to select. Tab to switch between calendar and time. "
    "Escape to close.",
    "Previous month",
    "Next month",
    "day, Mở lúc",
    "month, Mở lúc",
    "year, Mở lúc",
    "hour, ",
    "minute, Đóng lúc",
    "month",
    "year",
    "May",
    "December",
    "12 – December",
    "Choose date and time, December 2026",
    "Choose date, May 2027",
    "Today, Thursday, December 3, 2026",
    "Thursday, December 31, 2026 selected",
    "Value must be 12/3/2016, 12:00 AM or later.",
    "Selected date unavailable.",
    "Choose date and time, tháng 12 năm 2026",
    "Choose date, tháng 5 năm 2027",
    "Today, Thứ Năm, 3 tháng 12, 2026",
    "Today, Thứ Năm, 31 tháng 12, 2026 selected",
    "Thứ Năm, 31 tháng 12, 2026 selected",
]


@pytest.mark.parametrize("english", STREAMLIT_ENGLISH)
def test_every_known_streamlit_string_has_a_vietnamese_rule(english):
    """The browser walk proves the script runs; this proves its table covers each string (the
    JavaScript patterns use the syntax Python's `re` shares)."""
    import re

    from tests.test_ux_browser import ENGLISH_RE
    from ui.i18n import TRANSLATIONS

    assert any(p.search(english) for p in ENGLISH_RE), "the browser walk would miss it"
    said = next(
        (
            re.sub(pattern, to.replace("$", "\\"), english)
            for pattern, to in TRANSLATIONS
            if re.search(pattern, english)
        ),
        None,
    )
    assert said is not None and said != english
    assert not any(p.search(said) for p in ENGLISH_RE), said
