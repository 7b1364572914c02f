"""Our own look: a little CSS, the login header and footer, the identity block in the sidebar.

Only our own markup goes through `unsafe_allow_html`; user text is always escaped first.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from models.accounts import ROLE_LABELS, Role
from services.accounts import users as accounts
from services.accounts.auth import CurrentUser
from services.media import MAX_FILE_BYTES
from services.settings import PROJECT_ROOT, Settings
from ui import i18n
from ui.core import call
from ui.markup import asset_html


def _data_url(path: Path) -> str:
    """A small image as a `data:` address, made once: Streamlit returns such an address as it is,
    where a file path is read, hashed and registered with its media manager on every run."""
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


LOGO = _data_url(PROJECT_ROOT / "assets" / "logo.png")  # 2 KB
FAVICON = _data_url(PROJECT_ROOT / "assets" / "favicon.png")  # 0.5 KB

# assets/css/theme.css, read once; the photo uploader's limit is services.media's.
CSS = asset_html("css/theme.css", PHOTO_MB=str(MAX_FILE_BYTES // (1024 * 1024)))


def apply() -> None:
    st.html(CSS)
    i18n.install()


def login_page(settings: Settings, form: Callable[[], None]) -> None:
    _left, middle, _right = st.columns([1, 2, 1])
    with middle:
        _login_header()
        form()
        _login_footer(settings)


def _login_header() -> None:
    st.image(LOGO, width=72)
    st.markdown(
        '<div class="gs-brand"><h1>Gương sáng</h1></div>'
        '<p class="gs-sub">Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh: '
        "mô hình, điển hình tiên tiến, cuộc thi tìm hiểu và khen thưởng.</p>",
        unsafe_allow_html=True,
    )


def _login_footer(settings: Settings) -> None:
    from ui.auth import demo_accounts_note

    if settings.demo_mode:
        demo_accounts_note()
    elif call(accounts.count_admins) == 0:
        st.warning(
            "Chưa có tài khoản quản trị. Người quản trị máy chủ hãy tạo bằng lệnh: "
            "`uv run python -m services.cli create-user --role admin TÊN`"
        )


def sidebar_identity(user: CurrentUser, *, on_logout: Callable[[], None]) -> None:
    with st.sidebar:
        st.logo(LOGO, size="large")
        st.markdown(
            f'<div class="gs-who"><b>{html.escape(user.full_name)}</b><br>'
            f"{html.escape(ROLE_LABELS[Role(user.role)])} · "
            f"<code>{html.escape(user.username)}</code></div>",
            unsafe_allow_html=True,
        )
        if st.button("Đăng xuất", icon=":material/logout:", width="stretch"):
            on_logout()
