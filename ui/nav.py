"""Which pages exist, who may open them, and where they sit in the menu: one table."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import streamlit as st

from models.accounts import Role
from services.accounts.auth import DUTY_COMMITTEE, DUTY_GROUP
from services.capabilities import ROLES, Capability

ALL = tuple(Role)
ANYONE = None  # a page every logged-in user may open
C = Capability


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: str
    section: str
    capability: Capability | None  # what opens the page; None: every logged-in user
    in_menu: bool = True
    # in the menu only for those who hold this duty (the page still opens, and says why it is
    # empty, for anyone its capability admits)
    duty: str | None = None

    @property
    def roles(self) -> tuple[Role, ...]:
        """Who may open the page: read from the one capability table (services/capabilities)."""
        if self.capability is None:
            return ALL
        return tuple(role for role in Role if role in ROLES[self.capability])

    @property
    def path(self) -> str:
        return f"pages/{self.key}.py"


CATALOGUE = "Mô hình, điển hình"
CONTESTS = "Cuộc thi"
COMMENDATIONS = "Thi đua, khen thưởng"
NOTEBOOK = "Sổ tay làm theo gương Bác"

PAGES: dict[str, PageSpec] = {
    spec.key: spec
    for spec in (
        PageSpec("home", "Trang chủ", ":material/home:", "Tổng quan", ANYONE),
        PageSpec(
            "catalogue_gallery",
            "Thư viện gương sáng",
            ":material/photo_library:",
            CATALOGUE,
            ANYONE,
        ),
        PageSpec(
            "catalogue_detail",
            "Chi tiết gương sáng",
            ":material/article:",
            CATALOGUE,
            ANYONE,
            in_menu=False,
        ),
        PageSpec(
            "catalogue_slideshow",
            "Trình chiếu phòng truyền thống",
            ":material/slideshow:",
            CATALOGUE,
            C.SHOW_SLIDESHOW,
        ),
        PageSpec(
            "catalogue_manage",
            "Quản lý danh mục",
            ":material/edit_note:",
            CATALOGUE,
            C.EDIT_CATALOGUE,
        ),
        PageSpec("contests_take", "Cuộc thi tìm hiểu", ":material/quiz:", CONTESTS, ANYONE),
        PageSpec(
            "contests_manage",
            "Quản lý cuộc thi",
            ":material/edit_square:",
            CONTESTS,
            C.MANAGE_CONTESTS,
        ),
        PageSpec(
            "contests_results",
            "Kết quả và thống kê",
            ":material/leaderboard:",
            CONTESTS,
            C.SEE_CONTEST_RESULTS,
        ),
        PageSpec(
            "commendations_dashboard",
            "Khen thưởng theo năm",
            ":material/military_tech:",
            COMMENDATIONS,
            C.SEE_DASHBOARDS,
        ),
        PageSpec(
            "commendations_manage",
            "Nhập khen thưởng",
            ":material/post_add:",
            COMMENDATIONS,
            C.MANAGE_COMMENDATIONS,
        ),
        PageSpec("notebook_mine", "Sổ tay của tôi", ":material/menu_book:", NOTEBOOK, ANYONE),
        PageSpec(
            "notebook_cell",
            "Chi ủy xem sổ tay",
            ":material/fact_check:",
            NOTEBOOK,
            ANYONE,
            duty=DUTY_COMMITTEE,
        ),
        PageSpec(
            "notebook_group",
            "Tổ của tôi",
            ":material/groups:",
            NOTEBOOK,
            ANYONE,
            duty=DUTY_GROUP,
        ),
        PageSpec(
            "notebook_dashboard",
            "Tỉ lệ đăng ký, kiểm tra",
            ":material/monitoring:",
            NOTEBOOK,
            C.NOTEBOOK_SEE_DASHBOARD,
        ),
        PageSpec(
            "notebook_year",
            "Khung năm, chi ủy",
            ":material/event_note:",
            NOTEBOOK,
            C.NOTEBOOK_ORGANISE,
        ),
        PageSpec(
            "admin_users",
            "Tài khoản",
            ":material/manage_accounts:",
            "Quản trị",
            C.MANAGE_ACCOUNTS,
        ),
        PageSpec("admin_units", "Đơn vị", ":material/account_tree:", "Quản trị", C.MANAGE_UNITS),
        PageSpec("account", "Đổi mật khẩu", ":material/key:", "Cá nhân", ANYONE),
    )
}


NOT_FOUND_TITLE = "Không tìm thấy trang"


def allowed(key: str, role: str) -> bool:
    return role in PAGES[key].roles


def in_menu(spec: PageSpec, role: str, duties: frozenset[str] = frozenset()) -> bool:
    return spec.in_menu and role in spec.roles and (spec.duty is None or spec.duty in duties)


def menu_for(role: str, duties: frozenset[str] = frozenset()) -> dict:
    """All pages, grouped by section; those the role may not open are hidden from the menu but
    still routed, so that opening their address shows the page's own polite refusal.

    Building an `st.Page` resolves its file and checks its icon, on every full run of every
    member; the pages are built once per role and each run gets shallow copies (st.navigation
    marks the page it picks as callable, so two sessions must never share one object)."""
    return {
        section: [copy.copy(page) for page in pages]
        for section, pages in _menu_template(role, frozenset(duties)).items()
    }


@functools.cache
def _menu_template(role: str, duties: frozenset[str]) -> dict[str, tuple]:
    sections: dict[str, list] = {}
    for spec in PAGES.values():
        visible = in_menu(spec, role, duties)
        sections.setdefault(spec.section, []).append(
            st.Page(
                spec.path,
                title=spec.title,
                icon=spec.icon,
                url_path=spec.key,
                default=spec.key == "home",
                visibility="visible" if visible else "hidden",
            )
        )
    return {section: tuple(pages) for section, pages in sections.items()}


def login_routes(login: Callable[[], None]) -> list:
    """For a visitor not logged in: every address of ours shows the login form (through the
    router; the page behind it runs only once there is a login), and nothing is in the menu."""
    return [
        st.Page(
            login,
            title="Đăng nhập",
            url_path=spec.key,
            default=spec.key == "home",
            visibility="hidden",
        )
        for spec in PAGES.values()
    ]


def forced_routes(key: str) -> list:
    """Every address of ours runs one page (the forced password change): no way around it."""
    spec = PAGES[key]
    return [
        st.Page(
            spec.path,
            title=spec.title,
            icon=spec.icon,
            url_path=other,
            default=other == "home",
            visibility="visible" if other == "home" else "hidden",
        )
        for other in PAGES
    ]


def requested_path() -> str:
    """The last segment of the address the browser asked for ("" for the app's root)."""
    path = urlsplit(st.context.url or "").path.rstrip("/")
    return unquote(path.rsplit("/", 1)[-1]) if path else ""


def _not_found(home) -> Callable[[], None]:
    def page() -> None:
        st.title(NOT_FOUND_TITLE)
        st.write("Địa chỉ này không có trong Gương sáng, hoặc đường dẫn đã được gõ sai.")
        st.page_link(home, label="Về trang chủ", icon=":material/home:")

    return page


def _with(pages: list | dict, extra) -> list | dict:
    if isinstance(pages, list):
        return [*pages, extra]
    last = list(pages)[-1]
    return {**pages, last: [*pages[last], extra]}


def _replaced(pages: list | dict, old, new) -> list | dict:
    if isinstance(pages, list):
        return [new if page is old else page for page in pages]
    return {s: [new if page is old else page for page in group] for s, group in pages.items()}


def run(pages: list | dict, *, position: str) -> None:
    """The one call to st.navigation. An address we do not know gets our own Vietnamese page
    (a hidden page at that very address), not Streamlit's English "Page not found" box."""
    flat = pages if isinstance(pages, list) else [p for group in pages.values() for p in group]
    requested = requested_path()
    # A default page answers at the root, but its own address (`/home`) is ours too.
    known = {page.url_path for page in flat} | set(PAGES)
    if requested in PAGES and requested not in {page.url_path for page in flat}:
        # The default page answers at the root only: at its own address (`/home`) Streamlit
        # would put its English "Page not found" box over it. For that run the page sits at
        # its address (not default, so it matches) and a hidden twin is the default.
        home = next(page for page in flat if page.url_path == "")

        def same(**where):
            return st.Page(home._page, title=home.title, icon=home.icon, **where)

        at_address = same(url_path=requested, visibility=home.visibility)
        root = same(url_path=f"{requested}-goc", default=True, visibility="hidden")
        pages = _with(_replaced(pages, home, at_address), root)
    elif requested and requested not in known and "/" not in requested:
        home = next(page for page in flat if page.url_path == "")  # the default page
        extra = st.Page(
            _not_found(home), title=NOT_FOUND_TITLE, url_path=requested, visibility="hidden"
        )
        pages = _with(pages, extra)
    # expanded: with the notebook's pages a menu passes ten entries, and Streamlit would fold
    # the rest behind a "View more" in English.
    st.navigation(pages, position=position, expanded=True).run()
