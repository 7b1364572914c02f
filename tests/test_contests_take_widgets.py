"""A member who takes attempt after attempt in one browser session: Streamlit keeps the metadata
of every widget id a session ever drew (it never prunes it), so the taking page must reuse its
widget keys across attempts, or a long session grows with every attempt."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.accounts import Role, User
from models.contests import Attempt, Round
from models.db import session_scope


def _user_keys(at) -> set[str]:
    """The keys of every widget this session has drawn so far (Streamlit keeps them all)."""
    ids = at._session_state._state._new_widget_state.widget_metadata
    return {i.split("-", 2)[2] for i in ids if i.startswith("$$ID-")}


def test_widgets_do_not_pile_up_attempt_after_attempt(demo_engine, run_page):
    from services.contests import attempts as engine

    with session_scope(demo_engine) as session:
        for rnd in session.exec(select(Round)).all():
            rnd.max_attempts = 0
            session.add(rnd)
    at = run_page("contests_take", Role.MEMBER, username="thanhvien")
    if any(b.label == "Đăng ký" for b in at.button):
        next(w for w in at.text_input if w.label == "Số điện thoại").set_value("0912345678")
        next(b for b in at.button if b.label == "Đăng ký").click().run()
    with session_scope(demo_engine) as session:
        user_id = session.exec(select(User.id).where(User.username == "thanhvien")).one()
    attempts = []
    for _ in range(4):
        next(b for b in at.button if b.label == "Bắt đầu làm bài").click().run()
        assert not at.exception, at.exception
        assert any("Câu 1/10" in m.value for m in at.markdown)
        # A new attempt starts blank, whatever the last one chose at the same positions.
        assert all(r.value is None for r in at.radio), [r.value for r in at.radio]
        assert not any(c.value for c in at.checkbox)
        assert any("Đã trả lời 0/10 câu" in str(p.proto) for p in at.get("progress"))
        for _step in range(3):  # answer a question, go on
            if at.radio:
                at.radio[0].set_value(1)
            else:
                at.checkbox[0].check()
            next(b for b in at.button if b.label == "Câu sau →").click().run()
            assert not at.exception, at.exception
        with session_scope(demo_engine) as session:
            attempt_id = session.exec(
                select(Attempt.id).where(Attempt.status == "open", Attempt.user_id == user_id)
            ).one()
            engine.submit_attempt(session=session, attempt_id=attempt_id, user_id=user_id)
        attempts.append(attempt_id)
        at.run()
        back = next(b for b in at.button if b.label.startswith("← Về danh sách"))
        back.click().run()
        assert not at.exception, at.exception
    # Only the list's link to each attempt's result is per attempt; the answer widgets and the
    # prediction box use the same keys for every attempt (a position, and an option for the boxes).
    per_attempt = {
        k
        for k in _user_keys(at)
        for a in attempts
        if f"_{a}_" in k or k.endswith(f"_{a}") and not k.startswith("contests_take_res_")
    }
    assert not per_attempt, sorted(per_attempt)
    answers = {k for k in _user_keys(at) if k.startswith("contests_take_q_")}
    assert all(int(k.split("_")[3]) <= 10 for k in answers), sorted(answers)


def test_an_answer_the_database_cannot_take_is_refused_not_shown_as_chosen(
    demo_engine, run_page, monkeypatch, settings
):
    """Another writer holds SQLite's lock past the busy timeout and its retries. Before, the run
    stopped at "Hệ thống đang bận" with the click still drawn as chosen: an answer shown as
    chosen that was never stored (the benchmark counted one as acknowledged)."""
    import sqlite3

    import models.db

    if not settings.database_url.startswith("sqlite"):
        pytest.skip("the fault is SQLite's file lock; PostgreSQL locks rows")
    monkeypatch.setattr(models.db, "SQLITE_BUSY_TIMEOUT_MS", 200)
    at = run_page("contests_take", Role.MEMBER, username="thanhvien")
    if any(b.label == "Đăng ký" for b in at.button):
        next(w for w in at.text_input if w.label == "Số điện thoại").set_value("0912345678")
        next(b for b in at.button if b.label == "Đăng ký").click().run()
    next(b for b in at.button if b.label == "Bắt đầu làm bài").click().run()
    assert at.radio or at.checkbox

    other_writer = sqlite3.connect(settings.database_url.split("///", 1)[1], timeout=0.1)
    other_writer.execute("BEGIN IMMEDIATE")
    try:
        at = _click_first_answer(at)
        assert not at.exception, at.exception
        shown = [e.value for e in at.error] + [w.value for w in at.warning]
        assert any("chưa được lưu" in m and "Hệ thống đang bận" in m for m in shown), shown
        assert any("chưa được lưu" in t.value for t in at.toast)  # seen wherever scrolled
        assert _first_answer_chosen(at) is False
    finally:
        other_writer.rollback()
        other_writer.close()
    at = _click_first_answer(at)
    assert not at.exception, at.exception
    assert _first_answer_chosen(at) is True
    assert any("Đã lưu câu 1" in c.value for c in at.caption)


def _click_first_answer(at):
    if at.radio:  # the radio's values are option ids, shown through the page's labels
        view = at.session_state["contests_take_view"]
        first = next(q for q in view.questions if q.position == 1).options[0].id
        return at.radio[0].set_value(first).run()
    return at.checkbox[0].check().run()


def _first_answer_chosen(at) -> bool:
    if at.radio:
        return at.radio[0].value is not None
    return bool(at.checkbox[0].value)


def test_no_free_database_connection_gets_the_busy_message_not_an_error_box(
    demo_engine, run_page, monkeypatch
):
    """Every pooled connection held past the pool's timeout: SQLAlchemy's TimeoutError reached
    Streamlit as "This app has encountered an error" (430 times in a 300-member run with a
    pool of one)."""
    from ui.resources import app_context

    at = run_page("contests_take", Role.MEMBER, username="thanhvien")
    assert not at.exception
    monkeypatch.setenv("DB_POOL_SIZE", "1")
    monkeypatch.setenv("DB_MAX_OVERFLOW", "0")
    monkeypatch.setenv("DB_POOL_TIMEOUT", "0.1")
    import streamlit as st

    st.cache_resource.clear()
    at.run()  # a new engine with a pool of one
    assert not at.exception
    held = app_context().engine.connect()
    try:
        at.run()
        assert not at.exception, at.exception
        assert any("Hệ thống đang bận" in e.value for e in at.error), [e.value for e in at.error]
    finally:
        held.close()
    at.run()
    assert not at.exception and not at.error
