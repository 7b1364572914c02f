"""Who is logged in, the login form, logout, and the per-page role check (on the server)."""

from __future__ import annotations

import html

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from models.accounts import ROLE_LABELS, Role
from services.accounts import auth
from services.accounts import users as accounts
from services.accounts.auth import COOKIE_NAME, CurrentUser
from services.errors import UserError
from ui.core import call
from ui.markup import PreparedHtml, asset_html
from ui.nav import PAGES
from ui.resources import settings

AUTH_TOKEN = "auth_token"
AUTH_PENDING_TICKET = "auth_pending_ticket"
AUTH_RESOLVED = "auth_resolved"  # (this run, token, user): the check made earlier in the run
LOGIN_FORM = "auth_login_form"
LOGOUT_SCRIPT = asset_html("js/logout.js")
REDIRECT_SCRIPT = asset_html("js/redirect.js")


def _token_from_cookie() -> str | None:
    conf = settings()
    raw = st.context.cookies.get(COOKIE_NAME) if st.context.cookies else None
    return auth.unsign_token(conf.secret_key, raw, conf.session_hours * 3600)


def _this_run() -> object | None:
    """An object that is new for every script run of this session (Streamlit makes a fresh
    coordinator in each `ScriptRunContext.reset`), or None outside a run."""
    ctx = get_script_run_ctx()
    return getattr(ctx, "parallel_coordinator", None) if ctx is not None else None


def current_user() -> CurrentUser | None:
    """Checked against the database on every run, so a logout elsewhere takes effect here.

    Once per run: the router asks, and the page's `guard` in the same run reuses the answer
    (same token) instead of asking the database a second time."""
    token = st.session_state.get(AUTH_TOKEN) or _token_from_cookie()
    if not token:
        return None
    run = _this_run()
    seen = st.session_state.get(AUTH_RESOLVED)
    if run is not None and seen is not None and seen[0] is run and seen[1] == token:
        return seen[2]
    user = call(auth.resolve_session, token=token)
    if user is None:
        st.session_state.pop(AUTH_TOKEN, None)
        st.session_state.pop(AUTH_RESOLVED, None)
        return None
    st.session_state[AUTH_TOKEN] = token
    if run is not None:
        st.session_state[AUTH_RESOLVED] = (run, token, user)
    return user


def guard(page_key: str) -> CurrentUser:
    """Every page starts here: it refuses politely whoever its table entry does not admit."""
    user = current_user()
    if user is None:
        st.warning("Vui lòng đăng nhập để xem trang này.")
        st.stop()
    spec = PAGES[page_key]
    if user.role not in spec.roles:
        st.title(spec.title)
        st.error(
            f"Xin lỗi, vai trò {ROLE_LABELS[Role(user.role)]} không được mở trang "
            f"“{spec.title}”. Nếu cần, vui lòng liên hệ quản trị viên."
        )
        st.stop()
    return user


def _redirect(url: str) -> None:
    """Send the browser to one of our own routes (used to set or clear the HttpOnly cookie)."""
    st.html(
        PreparedHtml.joined(
            f'<span hidden data-gs-redirect="{html.escape(url, quote=True)}"></span>',
            REDIRECT_SCRIPT,
        ),
        unsafe_allow_javascript=True,
    )


def _cookie(name: str) -> str | None:
    return st.context.cookies.get(name) if st.context.cookies else None


def _finish_login(token: str) -> None:
    st.session_state[AUTH_TOKEN] = token
    nonce = _cookie(auth.NONCE_COOKIE_NAME)
    if nonce:  # without it (cookies blocked) the login holds in this tab only
        st.session_state[AUTH_PENDING_TICKET] = call(auth.issue_ticket, token=token, nonce=nonce)
    st.rerun()


def hand_cookie_to_browser() -> None:
    """Right after a login, let the browser trade its one-time ticket for the cookie."""
    ticket = st.session_state.pop(AUTH_PENDING_TICKET, None)
    if ticket:
        _redirect(f"/auth/session?ticket={ticket}")


def login_form() -> None:
    conf = settings()
    with st.form(LOGIN_FORM):
        st.subheader("Đăng nhập")
        username = st.text_input("Tên đăng nhập", autocomplete="username")
        password = st.text_input("Mật khẩu", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Đăng nhập", type="primary", width="stretch")
    if submitted:
        try:
            result = call(
                auth.authenticate,
                username=username,
                password=password,
                session_hours=conf.session_hours,
                max_failures=conf.max_failed_logins,
                lockout_minutes=conf.lockout_minutes,
                address=client_address(),
            )
        except UserError as exc:
            st.error(str(exc))
        else:
            _finish_login(result.token)
    if conf.oidc_enabled:
        _single_sign_on()


def client_address() -> str | None:
    """The browser's address as the server saw it; None where there is none (a test harness
    hands back a stand-in object, not a string)."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else None


def _single_sign_on() -> None:
    """OIDC through st.login, mapped to a local account by email; only when configured."""
    if not st.user.is_logged_in:
        st.button("Đăng nhập một lần (SSO)", on_click=st.login)
        return
    local = call(accounts.find_user_by_email, email=str(st.user.get("email", "")))
    if local is None:
        st.error(
            "Email đăng nhập một lần chưa gắn với tài khoản nào. Vui lòng liên hệ quản trị viên."
        )
        return
    _finish_login(call(auth.start_session, user_id=local.id, hours=settings().session_hours))


def logout() -> None:
    call(auth.revoke_session, token=st.session_state.pop(AUTH_TOKEN, None) or _token_from_cookie())
    st.session_state.clear()
    # The cookie is HttpOnly, so the server clears it: a POST carrying Streamlit's XSRF token
    # (read from its cookie, which other sites cannot), never a GET any page could trigger.
    st.html(LOGOUT_SCRIPT, unsafe_allow_javascript=True)
    if settings().oidc_enabled and st.user.is_logged_in:
        st.logout()
    st.stop()


def demo_accounts_note() -> None:
    from services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    rows = "".join(
        f"<li><code>{html.escape(name)}</code> — {html.escape(ROLE_LABELS[role])}</li>"
        for name, (_full, role, _unit, _email) in DEMO_ACCOUNTS.items()
    )
    st.info("Bản trình diễn: đăng nhập bằng một trong các tài khoản dưới đây.")
    st.markdown(
        f"<ul>{rows}</ul>Mật khẩu chung: <code>{html.escape(DEMO_PASSWORD)}</code>",
        unsafe_allow_html=True,
    )
