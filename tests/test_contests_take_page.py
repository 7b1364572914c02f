"""AppTest of the member's contest page: odd addresses, refused predictions, two tabs on one
attempt, and the review's wording for unanswered questions."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.accounts import Role, User
from models.contests import Attempt, AttemptItem
from models.db import session_scope

TAKE_PREDICTION = "contests_take_prediction"  # pages/contests_take.py's key for the prediction box


def _start(run_page):
    at = run_page("contests_take", Role.MEMBER, username="thanhvien")
    assert not at.exception, at.exception
    if any(b.label == "Đăng ký" for b in at.button):
        next(w for w in at.text_input if w.label == "Số điện thoại").set_value("0912345678")
        next(b for b in at.button if b.label == "Đăng ký").click().run()
        assert not at.exception, at.exception
    next(b for b in at.button if b.label == "Bắt đầu làm bài").click().run()
    assert not at.exception, at.exception
    assert any("Câu 1/10" in m.value for m in at.markdown)
    return at


def _open_attempt(engine) -> int:
    with session_scope(engine) as session:
        return session.exec(select(Attempt.id).where(Attempt.status == "open")).one()


def _submitted_result(engine, run_page):
    """thanhvien starts an attempt, it is submitted, and the page opens on its result."""
    from services.contests import attempts

    _start(run_page)
    attempt_id = _open_attempt(engine)
    with session_scope(engine) as session:
        user_id = session.exec(select(User.id).where(User.username == "thanhvien")).one()
        attempts.submit_attempt(session=session, attempt_id=attempt_id, user_id=user_id)
    at = run_page(
        "contests_take", Role.MEMBER, username="thanhvien", query={"bai": str(attempt_id)}
    )
    return at, attempt_id


@pytest.mark.parametrize("bai", ["²", "1" * 25, "-3", "abc", ""])
def test_odd_attempt_addresses_get_a_message_not_an_error(demo_engine, run_page, bai):
    at = run_page("contests_take", Role.MEMBER, username="thanhvien", query={"bai": bai})
    assert not at.exception, at.exception
    if bai:
        assert any("không hợp lệ" in w.value for w in at.warning), [w.value for w in at.warning]
    assert any("Thể lệ cuộc thi" in e.label for e in at.expander)


@pytest.mark.parametrize("cau", ["²", "9" * 25, "x"])
def test_odd_question_numbers_are_ignored(demo_engine, run_page, cau):
    _start(run_page)
    attempt_id = _open_attempt(demo_engine)
    at = run_page(
        "contests_take",
        Role.MEMBER,
        username="thanhvien",
        query={"bai": str(attempt_id), "cau": cau},
    )
    assert not at.exception, at.exception
    assert any("Câu 1/10" in m.value for m in at.markdown)


@pytest.mark.parametrize("typed", ["-5", str(10**20), "abc"])
def test_a_refused_prediction_is_said_and_not_claimed_saved(demo_engine, run_page, typed):
    at = _start(run_page)
    box = next(w for w in at.text_input if w.key == TAKE_PREDICTION)
    box.set_value(typed).run()
    assert not at.exception, at.exception
    errors = " ".join(e.value for e in at.error)
    assert "Dự đoán chưa được lưu" in errors and "10.000.000" in errors
    assert not any("Đã lưu dự đoán" in c.value for c in at.caption)
    with session_scope(demo_engine) as session:
        assert session.get(Attempt, _open_attempt(demo_engine)).prediction is None
    box = next(w for w in at.text_input if w.key == TAKE_PREDICTION)
    box.set_value("125").run()
    assert any("Đã lưu dự đoán: 125" in c.value for c in at.caption)


def test_second_tab_change_shows_in_the_first_on_its_next_action(demo_engine, run_page):
    first = _start(run_page)
    attempt_id = _open_attempt(demo_engine)
    second = run_page(
        "contests_take", Role.MEMBER, username="thanhvien", query={"bai": str(attempt_id)}
    )
    assert not second.exception, second.exception
    if second.radio:
        second.radio[0].set_value(1).run()
        expected = [1]
    else:
        second.checkbox[0].check().run()
        expected = None
    assert not second.exception, second.exception
    assert any("Đã lưu câu 1" in c.value for c in second.caption)
    with session_scope(demo_engine) as session:
        item = session.exec(
            select(AttemptItem).where(
                AttemptItem.attempt_id == attempt_id, AttemptItem.position == 1
            )
        ).one()
        stored = item.selected
    assert stored and (expected is None or stored == expected)
    first.run()  # the first tab's next action
    assert not first.exception, first.exception
    assert any("cửa sổ khác" in i.value for i in first.info), [i.value for i in first.info]
    if first.radio:
        assert first.radio[0].value == stored[0]
    else:
        assert first.checkbox[0].value is True
    assert any("Đã trả lời 1/10 câu" in str(p.proto) for p in first.get("progress"))


def test_the_review_says_unanswered_not_wrong(demo_engine, run_page):
    at, attempt_id = _submitted_result(demo_engine, run_page)
    assert not at.exception, at.exception
    labels = [e.label for e in at.expander if e.label.startswith("Câu ")]
    assert labels and all("(chưa trả lời)" in label for label in labels), labels


def test_the_submit_dialog_warns_about_an_empty_prediction(demo_engine, run_page):
    at = _start(run_page)
    next(b for b in at.button if b.label == "Nộp bài").click().run()
    assert not at.exception, at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "chưa trả lời câu hỏi dự đoán" in warnings, warnings
    box = next(w for w in at.text_input if w.key == TAKE_PREDICTION)
    box.set_value("42").run()
    next(b for b in at.button if b.label == "Nộp bài").click().run()
    assert "chưa trả lời câu hỏi dự đoán" not in " ".join(w.value for w in at.warning)


def test_the_whole_paper_mode_shows_every_question_and_stores_answers(demo_engine, run_page):
    at = _start(run_page)
    at.segmented_control[0].set_value("Cả bài").run()
    assert not at.exception, at.exception
    numbers = [m.value for m in at.markdown if "gs-qno" in m.value]
    assert len(numbers) == 10 and all(f"Câu {n}/10" in numbers[n - 1] for n in range(1, 11))
    assert not any(b.label == "Câu sau →" for b in at.button)
    radio = at.radio[-1]  # the last single-choice question, far below the first
    position = int(radio.key.rsplit("_", 1)[1])
    assert position > 1
    attempt_id = _open_attempt(demo_engine)
    with session_scope(demo_engine) as session:
        item = session.exec(
            select(AttemptItem).where(
                AttemptItem.attempt_id == attempt_id, AttemptItem.position == position
            )
        ).one()
        choice = item.option_order[0]
    radio.set_value(choice).run()
    assert not at.exception, at.exception
    assert any(f"Đã lưu câu {position}: A" in c.value for c in at.caption)
    with session_scope(demo_engine) as session:
        assert session.get(AttemptItem, item.id).selected == [choice]
    at.segmented_control[0].set_value("Từng câu").run()
    assert not at.exception, at.exception
    assert [m.value for m in at.markdown if "gs-qno" in m.value] == [numbers[0]]


def _has_callback(at, key: str) -> bool:
    """Whether the widget with this key was drawn with an on_click / on_change callback."""
    metadata = at._session_state._state._new_widget_state.widget_metadata
    return any(i.endswith(f"-{key}") and m.callback is not None for i, m in metadata.items())


def test_the_result_and_the_list_open_each_other_in_one_click(demo_engine, run_page):
    """ "← Về danh sách" and "Xem kết quả lần n" are callbacks: the click's own run draws the
    other screen (no second run), and the address follows."""
    at, attempt_id = _submitted_result(demo_engine, run_page)
    assert [m.label for m in at.metric][:1] == ["Điểm"]
    assert _has_callback(at, "contests_take_home")
    next(b for b in at.button if b.label == "← Về danh sách cuộc thi").click().run()
    assert not at.exception, at.exception
    assert "bai" not in at.query_params
    assert not at.metric
    shown = [b for b in at.button if b.label.startswith("Xem kết quả lần ")]
    assert shown, [b.label for b in at.button]
    assert _has_callback(at, shown[-1].key)
    shown[-1].click().run()
    assert not at.exception, at.exception
    assert at.query_params["bai"] == str(attempt_id)
    assert [m.label for m in at.metric][:1] == ["Điểm"]


def test_the_progress_bar_counts_the_answer_of_the_click_that_stored_it(demo_engine, run_page):
    """The bar is drawn with the count as read and redrawn in place when the run's own save
    changes it: one bar, showing the count after the click."""
    at = _start(run_page)

    def bars():
        return [str(p.proto) for p in at.get("progress")]

    assert len(bars()) == 1 and "Đã trả lời 0/10 câu" in bars()[0]
    if at.radio:
        at.radio[0].set_value(1).run()
    else:
        at.checkbox[0].check().run()
    assert not at.exception, at.exception
    assert len(bars()) == 1 and "Đã trả lời 1/10 câu" in bars()[0], bars()
    next(b for b in at.button if b.label == "Câu sau →").click().run()
    assert len(bars()) == 1 and "Đã trả lời 1/10 câu" in bars()[0], bars()
