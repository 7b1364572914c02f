"""A member who takes attempt after attempt in one browser session: Streamlit keeps the metadata
of every widget id a session ever drew (it never prunes it), so the taking page must reuse its
widget keys across attempts, or a long session grows with every attempt."""

from __future__ import annotations

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
