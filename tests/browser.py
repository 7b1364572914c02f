"""Browser-test helpers: start the real app on a free port, drive Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
DEMO_PASSWORD = "demo123"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(
    data_dir: Path, port: int, log_path: Path, extra_env: dict[str, str] | None = None
) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "TEST_DATABASE_URL"}}
    env.update(
        {
            "DATA_DIR": str(data_dir),
            "DEMO_MODE": "1",
            "SECRET_KEY": "khoa-kiem-thu-trinh-duyet-du-dai-32-ky-tu",
        }
    )
    env.update(extra_env or {})
    log = log_path.open("w")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "asgi.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_until_up(base_url: str, process: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Ứng dụng dừng khi khởi động (mã {process.returncode}).")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("Ứng dụng không khởi động kịp.")


@contextmanager
def running_app(data_dir: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """A demo app of its own (for settings the shared one does not have); its base URL."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = start_app(data_dir, port, data_dir / "server.log", extra_env)
    try:
        wait_until_up(base_url, server)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def login(page, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real form; waits until the cookie round trip has landed on home."""
    page.goto(base_url + "/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Xin chào").wait_for(timeout=60_000)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if any(c["name"] == "gs_session" for c in page.context.cookies()):
            break
        time.sleep(0.2)
    page.wait_for_url(base_url + "/", timeout=60_000)
    page.wait_for_load_state("load")
    page.get_by_text("Xin chào").wait_for(timeout=60_000)


def open_page(page, base_url: str, url_path: str, text: str) -> None:
    """Open one of our pages by its address and wait for a text that proves it rendered."""
    page.goto(f"{base_url}/{url_path}")
    page.get_by_text(text).first.wait_for(timeout=60_000)


def settle(page, seconds: float = 0.6, limit: float = 60) -> None:
    """Wait for the script run to finish. While it runs, Streamlit keeps the previous run's
    elements on screen beside the new ones (a widget whose default changed is a new element), so
    a locator can find both; once the status widget leaves, the stale ones are gone."""
    deadline = time.monotonic() + limit
    time.sleep(0.3)
    while time.monotonic() < deadline:
        if page.locator('[data-testid="stStatusWidget"]').count() == 0:
            break
        time.sleep(0.2)
    time.sleep(seconds)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


class RunWatch:
    """Counts the script runs a page has seen finish and the messages it has sent, read from
    Streamlit's own websocket frames. A flash such as "Đã lưu đợt thi." may still be on screen
    from the previous save, so a test that waits for it knows nothing; waiting for the run the
    click started does. Attach before the page opens its websocket (right after new_page)."""

    def __init__(self, page) -> None:
        self.finished = 0
        self.sent = 0
        page.on("websocket", self._watch)

    def _watch(self, socket) -> None:
        socket.on("framesent", self._on_sent)
        socket.on("framereceived", self._on_received)

    def _on_sent(self, _payload) -> None:
        self.sent += 1

    def _on_received(self, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if not isinstance(payload, bytes):
            return
        try:
            message = ForwardMsg.FromString(payload)
        except Exception:  # not a ForwardMsg: nothing to count
            return
        # A run that ends in st.rerun() says FINISHED_EARLY_FOR_RERUN: the next one is the answer.
        if (
            message.WhichOneof("type") == "script_finished"
            and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        ):
            self.finished += 1


def wait_for_expanders_still(page, seconds: float = 5) -> None:
    """Wait until no expander is animating its height. Streamlit 1.67 animates an expander for
    500 ms when it opens and again whenever its content changes size; while it does, the form
    inside moves, and a button pressed then may be released over another element: the click is
    lost (seen: the round's "Lưu đợt thi" 58-189 px lower at release than at press)."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stExpander"] details')]
            .every((d) => d.getAnimations().every((a) => a.playState !== "running"))""",
        timeout=seconds * 1000,
    )


# What the page saw of a click, printed for a click that sent nothing: each pointer event's
# target, where the pressed button stood, and the animations running at the press.
_RECORD_POINTER = """() => {
    window.__gsPointer = [];
    const seen = (event) => {
        const t = event.target;
        if (event.type === "pointerdown") window.__gsButton = t.closest && t.closest("button");
        const button = window.__gsButton;
        window.__gsPointer.push({
            type: event.type,
            at: Math.round(performance.now()),
            target: t && t.outerHTML ? t.outerHTML.slice(0, 100) : String(t),
            buttonTop: button ? Math.round(button.getBoundingClientRect().top) : null,
            animations: event.type !== "pointerdown" ? undefined : document.getAnimations()
                .filter((a) => a.effect && a.effect.target && a.effect.target.tagName === "DETAILS")
                .map((a) => ({time: Math.round(a.currentTime || 0),
                              heights: a.effect.getKeyframes().map((k) => k.height)})),
        });
    };
    if (!window.__gsPointerOn) {
        for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"]) {
            document.addEventListener(type, seen, true);
        }
        window.__gsPointerOn = true;
    }
}"""


def contest_card(page, title: str):
    """The contest list's card for one contest (the list may hold others' forms too)."""
    return (
        page.get_by_test_id("stVerticalBlock")
        .filter(has=page.get_by_role("heading", name=title))
        .last
    )


def click_and_wait_for_run(page, watch: RunWatch, button, seconds: float = 60) -> None:
    """Click a button that reruns the app and wait until that run has finished (and the
    stale elements of the run before are gone)."""
    finished, sent = watch.finished, watch.sent
    wait_for_expanders_still(page)
    page.evaluate(_RECORD_POINTER)
    button.click()
    # A click that sent the server nothing never reached Streamlit. The one cause seen (issue 15)
    # was an expander still opening, which the wait above now rules out; should another appear,
    # the click is tried once more (nothing was submitted, so it cannot submit twice) and what
    # the page saw is printed.
    for _ in range(50):
        if watch.sent > sent or watch.finished > finished:
            break
        page.wait_for_timeout(100)
    else:
        screenshot(page, "click_not_sent")
        print("click_not_sent:", page.evaluate("() => window.__gsPointer"), flush=True)
        button.click()
    deadline = time.monotonic() + seconds
    while watch.finished <= finished:
        if time.monotonic() > deadline:
            label = button.inner_text()
            screenshot(page, "click_without_run")
            raise AssertionError(
                f"Bấm “{label}” nhưng sau {seconds:.0f} giây không có lượt chạy nào kết thúc "
                f"(trình duyệt gửi {watch.sent - sent} thông điệp sau cú bấm, "
                f"{watch.sent} từ đầu; ảnh: click_without_run)."
            )
        page.wait_for_timeout(100)
    settle(page, seconds=0.2)
