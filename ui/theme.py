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
from ui.markup import PreparedHtml


def _data_url(path: Path) -> str:
    """A small image as a `data:` address, made once: Streamlit returns such an address as it is,
    where a file path is read, hashed and registered with its media manager on every run."""
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


LOGO = _data_url(PROJECT_ROOT / "assets" / "logo.png")  # 2 KB
FAVICON = _data_url(PROJECT_ROOT / "assets" / "favicon.png")  # 0.5 KB

CSS = """
<style>
  .gs-brand {display:flex; align-items:center; gap:.75rem; margin-bottom:.25rem}
  .gs-brand h1 {font-size:1.9rem; margin:0; color:#b3001b}
  .gs-sub {color:#6b5b3e; margin:0 0 1rem 0}
  .gs-who {font-size:.9rem; line-height:1.35}
  .gs-who b {font-size:1rem}
  /* Streamlit's file uploader has English words of its own; say them in Vietnamese. */
  [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {font-size:0}
  [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
      content:"Chọn tệp"; font-size:.875rem}
  [data-testid="stFileUploaderDropzoneInstructions"] span {font-size:0}
  [data-testid="stFileUploaderDropzoneInstructions"] span::after {
      content:"hoặc kéo thả tệp vào đây · tối đa 50 MB mỗi tệp"; font-size:.8rem}
  /* The photo uploader has a smaller limit of its own (services.media, checked on the server). */
  [class*="st-key-catalogue_manage_files_"] [data-testid="stFileUploaderDropzoneInstructions"]
      span::after {content:"hoặc kéo thả ảnh vào đây · tối đa __PHOTO_MB__ MB mỗi ảnh"}
  /* ui/i18n's script (Streamlit's English said in Vietnamese) sits in a holder that takes no
     room. */
  .st-key-gs_i18n {display:none}
  [data-testid="stElementContainer"]:has(> .st-key-gs_i18n),
  [data-testid="stLayoutWrapper"]:has(> .st-key-gs_i18n) {display:none}
</style>
""".replace("__PHOTO_MB__", str(MAX_FILE_BYTES // (1024 * 1024)))


_CSS = PreparedHtml(CSS)  # dedented once, not on every run


def apply() -> None:
    st.html(_CSS)
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
