"""Which pages exist, who may open them, and where they sit in the menu: one table."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from models.accounts import Role

ALL = (Role.ADMIN, Role.ORGANISER, Role.LEADER, Role.MEMBER)
STAFF = (Role.ADMIN, Role.ORGANISER)
VIEWERS = (Role.ADMIN, Role.ORGANISER, Role.LEADER)


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: str
    section: str
    roles: tuple[Role, ...]
    in_menu: bool = True

    @property
    def path(self) -> str:
        return f"pages/{self.key}.py"


PAGES: dict[str, PageSpec] = {
    spec.key: spec
    for spec in (
        PageSpec("home", "Trang chủ", ":material/home:", "Tổng quan", ALL),
        PageSpec("catalogue_gallery", "Thư viện gương sáng", ":material/photo_library:",
                 "Mô hình, điển hình", ALL),
        PageSpec("catalogue_detail", "Chi tiết gương sáng", ":material/article:",
                 "Mô hình, điển hình", ALL, in_menu=False),
        PageSpec("catalogue_slideshow", "Trình chiếu phòng truyền thống", ":material/slideshow:",
                 "Mô hình, điển hình", VIEWERS),
        PageSpec("catalogue_manage", "Quản lý danh mục", ":material/edit_note:",
                 "Mô hình, điển hình", STAFF),
        PageSpec("contests_take", "Cuộc thi tìm hiểu", ":material/quiz:", "Cuộc thi", ALL),
        PageSpec("contests_manage", "Quản lý cuộc thi", ":material/edit_square:", "Cuộc thi",
                 STAFF),
        PageSpec("contests_results", "Kết quả và thống kê", ":material/leaderboard:",
                 "Cuộc thi", VIEWERS),
        PageSpec("commendations_dashboard", "Khen thưởng theo năm", ":material/military_tech:",
                 "Thi đua, khen thưởng", VIEWERS),
        PageSpec("commendations_manage", "Nhập khen thưởng", ":material/post_add:",
                 "Thi đua, khen thưởng", STAFF),
        PageSpec("notebook_mine", "Sổ tay của tôi", ":material/menu_book:",
                 "Sổ tay làm theo gương Bác", ALL),
        PageSpec("notebook_cell", "Chi ủy xem sổ tay", ":material/fact_check:",
                 "Sổ tay làm theo gương Bác", ALL),
        PageSpec("notebook_dashboard", "Tỉ lệ đăng ký, kiểm tra", ":material/monitoring:",
                 "Sổ tay làm theo gương Bác", VIEWERS),
        PageSpec("notebook_year", "Khung năm, chi ủy", ":material/event_note:",
                 "Sổ tay làm theo gương Bác", STAFF),
        PageSpec("admin_users", "Tài khoản", ":material/manage_accounts:", "Quản trị",
                 (Role.ADMIN,)),
        PageSpec("admin_units", "Đơn vị", ":material/account_tree:", "Quản trị", (Role.ADMIN,)),
        PageSpec("account", "Đổi mật khẩu", ":material/key:", "Cá nhân", ALL),
    )
}


def allowed(key: str, role: str) -> bool:
    return role in PAGES[key].roles


def menu_for(role: str) -> dict:
    """All pages, grouped by section; those the role may not open are hidden from the menu but
    still routed, so that opening their address shows the page's own polite refusal."""
    sections: dict[str, list] = {}
    for spec in PAGES.values():
        visible = spec.in_menu and role in spec.roles
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
    return sections
