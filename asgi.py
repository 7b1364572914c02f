"""The server: Streamlit's ASGI app plus a few routes of our own.

- /auth/session trades a one-time login ticket for an HttpOnly session cookie;
- /auth/logout (a POST with Streamlit's XSRF token) clears it;
- /files/... serves stored media by content hash, cached by the browser for good;
- /healthz answers whether the database is reachable;

and middleware that puts the security headers on every response, Streamlit's own included, and
gives each browser the HttpOnly nonce its login tickets are bound to.

Start it with `uv run streamlit run asgi.py` (see README.md).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import sys
from contextlib import asynccontextmanager, suppress
from pathlib import Path

import streamlit as st
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import HTTPConnection, Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web.server.starlette.starlette_app_utils import validate_xsrf_token
from streamlit.web.server.starlette.starlette_server_config import XSRF_COOKIE_NAME

from models.db import session_scope
from services.accounts import auth
from services.app import create_app
from services.contests.attempts import close_overdue_attempts
from services.database import try_sweep_lock
from services.errors import SettingsError, UserError
from services.settings import configure_logging, load_settings
from ui.server_tuning import tune_server

tune_server()  # TCP_NODELAY (a click waited ~40 ms) and a fast emoji check: ui/server_tuning.py

# The router is the only door. Until some session has called st.navigation, Streamlit treats the
# `pages/` folder beside the entry script as a menu of its own and runs a requested page file
# directly (no theme, no login, no forced password change). Say once, before any session
# starts, that this app never uses that legacy mode.
PagesManager.uses_pages_directory = False

try:
    SETTINGS = load_settings()
except SettingsError as exc:  # say what to fix, in Vietnamese, instead of a traceback
    print(exc, file=sys.stderr)
    raise SystemExit(2) from None
configure_logging(SETTINGS.log_level)
MEDIA_CACHE = "public, max-age=31536000, immutable"
SWEEP_SECONDS = 30
log = logging.getLogger("guongsang")


# What the app's own pages need, and no more: Streamlit's inline styles and scripts (st.html
# with unsafe_allow_javascript, the frontend's own bundles), pictures from data:/blob: URLs,
# the websocket to this same host; nothing from other sites, and no framing by anyone
# (clickjacking). The app itself needs no eval (Streamlit runs Vega with its expression
# interpreter), but 'unsafe-inline' must stay for Streamlit anyway, which makes 'unsafe-eval'
# add little, and Playwright evaluates the browser tests' wait_for_function expressions with it.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "media-src 'self' data: blob:",
        "worker-src 'self' blob:",
        "frame-src 'self' blob: data:",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response: our routes, Streamlit's page, its static
    files and /_stcore/*. A plain ASGI middleware, so streamed bodies pass through untouched."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BrowserNonce:
    """Every page load (an HTML response to a GET) carries the browser's nonce cookie: kept if
    the browser has one, new otherwise, and its life renewed. The login form reads it over the
    websocket and binds the ticket to it; /auth/session checks it (services.accounts.auth)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        nonce = connection.cookies.get(auth.NONCE_COOKIE_NAME) or secrets.token_urlsafe(24)
        secure = "; Secure" if scope.get("scheme") == "https" else ""
        cookie = (
            f"{auth.NONCE_COOKIE_NAME}={nonce}; Max-Age={auth.NONCE_SECONDS}; Path=/; "
            f"HttpOnly; SameSite=Strict{secure}"
        )

        async def send_with_cookie(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    headers.append("Set-Cookie", cookie)
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _engine():
    """The process's one engine (services/app.py), shared with the Streamlit script; while the
    database is unreachable this raises UserError and a later request tries again."""
    return create_app(SETTINGS).engine


def _cookie_kwargs(request: Request) -> dict:
    return {
        "httponly": True,
        "samesite": "lax",
        "secure": request.url.scheme == "https",
        "path": "/",
    }


async def session_cookie(request: Request) -> Response:
    ticket = request.query_params.get("ticket", "")
    nonce = request.cookies.get(auth.NONCE_COOKIE_NAME)
    with session_scope(_engine()) as session:
        token = auth.redeem_ticket(session=session, ticket=ticket, nonce=nonce)
    response = RedirectResponse("/", status_code=303)
    if token:
        response.set_cookie(
            auth.COOKIE_NAME,
            auth.sign_token(SETTINGS.secret_key, token),
            max_age=SETTINGS.session_hours * 3600,
            **_cookie_kwargs(request),
        )
    response.headers["Cache-Control"] = "no-store"
    return response


async def logout(request: Request) -> Response:
    """POST only, with the XSRF token Streamlit keeps in its cookie: another site can neither
    read that cookie nor set the header, so it cannot log anyone out."""
    if not validate_xsrf_token(
        request.headers.get("X-Xsrftoken"), request.cookies.get(XSRF_COOKIE_NAME)
    ):
        return PlainTextResponse("Yêu cầu đăng xuất không hợp lệ.", status_code=403)
    token = auth.unsign_token(
        SETTINGS.secret_key, request.cookies.get(auth.COOKIE_NAME), SETTINGS.session_hours * 3600
    )
    with session_scope(_engine()) as session:
        auth.revoke_session(session=session, token=token)
    response = Response(status_code=204)
    response.delete_cookie(auth.COOKIE_NAME, **_cookie_kwargs(request))
    response.headers["Cache-Control"] = "no-store"
    return response


def resolve_media(media_dir: Path, relative: str) -> Path | None:
    """The stored file for a URL path, or None if it is missing or lies outside the folder."""
    root = media_dir.resolve()
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate


async def media(request: Request) -> Response:
    path = resolve_media(SETTINGS.media_dir, request.path_params["path"])
    if path is None:
        return PlainTextResponse("Không tìm thấy tệp.", status_code=404)
    return FileResponse(path, headers={"Cache-Control": MEDIA_CACHE})


async def health(_request: Request) -> Response:
    try:
        with _engine().connect() as connection:
            connection.execute(text("SELECT 1"))
    except (OperationalError, UserError):
        log.warning("Kiểm tra sức khỏe: không kết nối được cơ sở dữ liệu.")
        return PlainTextResponse("database unreachable", status_code=503)
    return PlainTextResponse("ok")


def _sweep_once() -> int:
    with session_scope(_engine()) as session:
        if not try_sweep_lock(session):  # another process of the deployment is sweeping
            return 0
        closed = close_overdue_attempts(session=session) or 0
    with session_scope(_engine()) as session:  # ended logins, used tickets, stale throttle rows
        auth.purge_stale(session=session)
    return closed


async def sweep_overdue_attempts() -> None:
    """Submit attempts whose deadline has passed even when nobody opens a page (and purge what
    logins leave behind: services.accounts.auth.purge_stale). Scores never
    depend on it (a submission is recorded at its deadline, and every read sweeps too); it
    keeps the "open" state honest for organisers watching live."""
    while True:
        await asyncio.sleep(SWEEP_SECONDS)
        try:
            await asyncio.to_thread(_sweep_once)
        except (OperationalError, UserError):  # the database is away: the next pass retries
            log.warning("Chưa tự nộp được các bài quá hạn (mất kết nối cơ sở dữ liệu); sẽ thử lại.")
        except Exception:  # a bug, not weather: logged loudly, the loop keeps the server alive
            log.exception("Lỗi khi tự nộp các bài quá hạn; sẽ thử lại sau %s giây.", SWEEP_SECONDS)


@asynccontextmanager
async def lifespan(_app):
    """Create the app (migrate, and in demo mode seed) before the first request, so every route
    finds its tables; the Streamlit script of this process reuses it (ui/resources.py). A
    database that cannot be reached is reported by the pages, not here."""
    try:
        await asyncio.to_thread(create_app, SETTINGS)
    except UserError as exc:  # unreachable: the pages say so and retry; start anyway
        log.warning("Cơ sở dữ liệu chưa sẵn sàng: %s", exc)
    sweeper = asyncio.create_task(sweep_overdue_attempts())
    yield
    sweeper.cancel()
    with suppress(asyncio.CancelledError):
        await sweeper


app = st.App(
    "streamlit_app.py",
    lifespan=lifespan,
    middleware=[Middleware(SecurityHeaders), Middleware(BrowserNonce)],
    routes=[
        Route("/auth/session", session_cookie),
        Route("/auth/logout", logout, methods=["POST"]),
        Route("/files/{path:path}", media),
        Route("/healthz", health),
    ],
)
