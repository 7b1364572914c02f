"""In a real Chromium: the server process dies (SIGKILL) in the middle of an attempt and comes
back on the same port and data; every click made in the page that stayed open is either stored
in the database or refused on screen, and what the page shows as chosen is what is stored."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests import browser
from tests.browser import login, open_page, screenshot

pytestmark = pytest.mark.browser

REFUSED = "chưa được lưu"


def _stored(db: Path, attempt_id: int) -> dict[int, tuple[list[int], list[int]]]:
    """position -> (selected option ids, option order) as the database holds them."""
    import json

    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "select position, selected, option_order from contestattemptitem where attempt_id = ?",
            (attempt_id,),
        ).fetchall()
    return {p: (json.loads(s), json.loads(o)) for p, s, o in rows}


def _open_attempt(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select id from contestattempt where status = 'open'").fetchone()[0]


def _click_option(page, index: int) -> str:
    """Click the index-th option of the question on screen; returns its letter."""
    options = page.locator('[role="radiogroup"] label, div[data-testid="stCheckbox"] label')
    options.first.wait_for()
    label = options.nth(index % options.count())
    text = label.inner_text().strip()
    label.click()
    return text[0]


def _shown_letters(page) -> set[str]:
    """The letters the page shows as chosen for the question on screen."""
    labels = page.locator(
        '[role="radiogroup"] label:has(input:checked), '
        'div[data-testid="stCheckbox"] label:has(input:checked)'
    )
    return {t.strip()[0] for t in labels.all_inner_texts()}


def _answer_note(page) -> str:
    return " ".join(
        t
        for t in page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
        if "Đã lưu câu" in t
    )


def _position(page) -> int:
    return int(re.search(r"Câu (\d+)/", page.locator(".gs-qno").first.inner_text()).group(1))


@pytest.fixture
def own_app(tmp_path):
    if not Path(browser.CHROMIUM).exists():
        pytest.skip(f"Chưa cài Chromium ({browser.CHROMIUM})")
    port = browser.free_port()
    base_url = f"http://127.0.0.1:{port}"
    state = {"server": browser.start_app(tmp_path, port, tmp_path / "server1.log")}
    browser.wait_until_up(base_url, state["server"], seconds=180)

    def kill() -> None:
        os.kill(state["server"].pid, signal.SIGKILL)
        state["server"].wait(timeout=15)

    def start() -> None:
        state["server"] = browser.start_app(tmp_path, port, tmp_path / "server2.log")
        browser.wait_until_up(base_url, state["server"], seconds=180)

    yield base_url, tmp_path / "guongsang.db", kill, start
    state["server"].terminate()
    try:
        state["server"].wait(timeout=15)
    except subprocess.TimeoutExpired:
        state["server"].kill()


def test_clicks_after_a_server_restart_are_stored_or_refused(own_app, shared_chromium):
    base_url, db, kill, start = own_app
    chromium = shared_chromium
    context = chromium.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    login(page, base_url, "thanhvien")
    open_page(page, base_url, "contests_take", "Thể lệ cuộc thi")
    if page.get_by_role("button", name="Đăng ký").count():
        page.get_by_label("Số điện thoại").fill("0912345678")
        page.get_by_role("button", name="Đăng ký").click()
        page.get_by_text("Bạn đã đăng ký dự thi thành công.").wait_for()
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.get_by_text("Câu 1/10").wait_for()
    _click_option(page, 1)
    page.get_by_text("Đã trả lời 1/10 câu").wait_for()
    attempt_id = _open_attempt(db)

    kill()
    # While the server is down the page disables its widgets; click as soon as it is back.
    start()
    checked = []
    for step in range(5):
        position = _position(page)
        before = _answer_note(page)
        letter = _click_option(page, (2, 0, 1, 3, 1)[step])
        # Every click is answered on screen: stored (a new "Đã lưu") or refused.
        for _ in range(120):
            if _answer_note(page) != before or REFUSED in page.inner_text("body"):
                break
            page.wait_for_timeout(250)
        page.wait_for_timeout(300)
        shown = _shown_letters(page)
        selected, order = _stored(db, attempt_id)[position]
        stored = {"ABCDEFGHIJ"[order.index(oid)] for oid in selected}
        refused = REFUSED in page.inner_text("body")
        checked.append((position, letter, shown, stored, refused))
        # What the page shows as chosen is what the database holds.
        assert shown == stored, checked
        multiple = page.locator('div[data-testid="stCheckbox"]').count() > 0
        assert letter in stored or refused or multiple, checked
        if step % 2:
            page.get_by_role("button", name="Câu sau →").click()
            page.get_by_text(f"Câu {position + 1}/10").wait_for(timeout=30_000)
    screenshot(page, "contests_take_after_restart")
    context.close()
