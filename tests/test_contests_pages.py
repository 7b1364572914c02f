"""AppTest: the three contests pages render for their roles, building and taking work."""

from __future__ import annotations

import pytest

from models.accounts import Role


def _contests_tab(at):
    """Tabs run lazily: only the open one's body runs, so open the contests tab as a click does."""
    at.session_state["contests_manage_tab"] = "Cuộc thi và đợt thi"
    return at.run()


@pytest.mark.parametrize("role", [Role.ADMIN, Role.ORGANISER])
def test_manage_page_renders(demo_engine, run_page, role):
    at = run_page("contests_manage", role)
    assert not at.exception, at.exception
    # Tabs run lazily: only the open one's body runs, so open the contests tab as a click does.
    at.session_state["contests_manage_tab"] = "Cuộc thi và đợt thi"
    at.run()
    assert not at.exception, at.exception
    assert any("Kiểm tra trước khi công bố" in s.value for s in at.subheader)
    assert len(at.tabs) == 3


def test_manage_page_refuses_members(demo_engine, run_page):
    at = run_page("contests_manage", Role.MEMBER)
    assert not at.exception
    assert "không được mở trang" in at.error[0].value


@pytest.mark.parametrize("role", [Role.LEADER, Role.ORGANISER])
def test_results_page_renders_ranking_prizes_and_statistics(demo_engine, run_page, role):
    at = run_page("contests_results", role)
    assert not at.exception, at.exception
    assert len(at.tabs) == 4
    assert at.dataframe, "the ranking table is shown"
    assert "Giải tập thể" not in " ".join(m.value for m in at.markdown), "tabs run lazily"
    at.session_state["contests_results_tab"] = "Giải thưởng"
    at.run()
    assert not at.exception, at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Giải tập thể" in text


def test_member_registers_starts_and_answers(demo_engine, run_page):
    from sqlmodel import select

    from models.contests import Attempt, AttemptItem
    from models.db import session_scope

    at = run_page("contests_take", Role.MEMBER, username="thanhvien")
    assert not at.exception, at.exception
    phone = next(w for w in at.text_input if w.label == "Số điện thoại")
    phone.set_value("0912345678")
    form_button = next(b for b in at.button if b.label == "Đăng ký")
    form_button.click().run()
    assert not at.exception, at.exception
    assert any("đăng ký dự thi thành công" in s.value for s in at.success)
    start = next(b for b in at.button if b.label == "Bắt đầu làm bài")
    start.click().run()
    assert not at.exception, at.exception
    assert any("Câu 1/10" in m.value for m in at.markdown)
    # The page holds no key: no "correct" flag anywhere in what was sent.
    assert not any("đáp án đúng" in m.value for m in at.markdown)
    if at.radio:
        at.radio[0].set_value(0).run()  # option ids are the bank's option indices
    else:
        at.checkbox[0].check().run()
    assert not at.exception, at.exception
    with session_scope(demo_engine) as session:
        user_attempt = session.exec(select(Attempt).where(Attempt.status == "open")).all()
        assert len(user_attempt) == 1
        items = session.exec(
            select(AttemptItem).where(
                AttemptItem.attempt_id == user_attempt[0].id, AttemptItem.position == 1
            )
        ).one()
        assert items.selected, "the answer was stored the moment it was chosen"


def test_organiser_creates_a_contest_and_sees_publish_checks(demo_engine, run_page):
    at = _contests_tab(run_page("contests_manage", Role.ORGANISER))
    new = next(s for s in at.selectbox if s.label == "Cuộc thi")
    new.set_value(-1).run()
    title = next(w for w in at.text_input if w.label == "Tên cuộc thi")
    title.set_value("Hội thi tìm hiểu Chỉ thị 05 năm 2026")
    next(b for b in at.button if b.label == "Lưu cuộc thi").click().run()
    assert not at.exception, at.exception
    assert any("Đã tạo cuộc thi" in s.value for s in at.success)
    errors = " ".join(e.value for e in at.error)
    assert "Chưa có đợt thi chính thức nào." in errors


def test_new_contest_button_opens_an_empty_contest_form(demo_engine, run_page):
    at = _contests_tab(run_page("contests_manage", Role.ORGANISER))
    assert next(w for w in at.text_input if w.label == "Tên cuộc thi").value  # the demo contest
    next(b for b in at.button if b.label == "Tạo cuộc thi mới").click().run()
    assert not at.exception, at.exception
    assert next(s for s in at.selectbox if s.label == "Cuộc thi").value == -1
    assert next(w for w in at.text_input if w.label == "Tên cuộc thi").value == ""


def test_organiser_builds_two_rounds_and_publishes(demo_engine, run_page):
    from sqlmodel import select

    from models.contests import Contest, QuestionCategory, Round
    from models.db import session_scope

    at = _contests_tab(run_page("contests_manage", Role.ORGANISER))
    next(s for s in at.selectbox if s.label == "Cuộc thi").set_value(-1).run()
    next(w for w in at.text_input if w.label == "Tên cuộc thi").set_value("Hội thi 19/5")
    next(w for w in at.text_area if w.label == "Thể lệ").set_value("Mỗi tuần 5 câu.")
    next(b for b in at.button if b.label == "Lưu cuộc thi").click().run()
    with session_scope(demo_engine) as session:
        cat = session.exec(
            select(QuestionCategory).where(QuestionCategory.name == "Chuyên đề hằng năm")
        ).one()
    for week in (1, 2):
        quota = next(
            n
            for n in at.number_input
            if n.key and n.key.endswith(f"_q_{cat.id}") and "new" in n.key
        )
        quota.set_value(5)
        if week == 2:
            [w for w in at.text_input if w.label == "Tên đợt thi"][-1].set_value("Tuần thi thứ hai")
        save = [b for b in at.button if b.label == "Lưu đợt thi"][-1]
        save.click().run()
        assert not at.exception, at.exception
        assert any("Đã lưu đợt thi." in s.value for s in at.success), [e.value for e in at.error]
    assert not [e.value for e in at.error], [e.value for e in at.error]
    # No overlap warning: the second round's form started where the first round closes.
    assert not [w.value for w in at.warning], [w.value for w in at.warning]
    next(b for b in at.button if b.label == "Công bố cuộc thi").click().run()
    assert any("Đã công bố cuộc thi" in s.value for s in at.success)
    with session_scope(demo_engine) as session:
        contest = session.exec(select(Contest).where(Contest.title == "Hội thi 19/5")).one()
        assert contest.status == "published"
        first, second = session.exec(
            select(Round).where(Round.contest_id == contest.id).order_by(Round.sort_order)
        ).all()
        assert second.opens_at == first.closes_at
        assert second.name == "Tuần thi thứ hai"


def test_ranking_defaults_to_the_same_round_for_every_role(demo_engine, run_page):
    """A leader used to open on another round than the organiser who had just looked (the
    organiser's visit settled a closed round, and the default followed the settling)."""
    defaults = {}
    for role in (Role.LEADER, Role.ORGANISER, Role.LEADER, Role.ADMIN):
        at = run_page("contests_results", role)
        assert not at.exception
        box = next(s for s in at.selectbox if s.label == "Xếp hạng theo")
        defaults.setdefault(box.value, []).append(role)
    assert len(defaults) == 1, defaults


def test_round_times_typed_in_vietnam_are_stored_in_utc_and_shown_back(demo_engine, run_page):
    """One date-and-time field per moment: what the organiser types is Vietnam's time (near
    midnight, across a month's and a year's end), stored as the exact UTC minute, and the round
    reopened shows the same times."""
    from datetime import UTC, datetime

    from sqlmodel import select

    from models.contests import Round
    from models.db import session_scope

    at = _contests_tab(run_page("contests_manage", Role.ORGANISER))
    next(s for s in at.selectbox if s.label == "Cuộc thi").set_value(-1).run()
    next(w for w in at.text_input if w.label == "Tên cuộc thi").set_value("Hội thi giao thừa")
    next(b for b in at.button if b.label == "Lưu cuộc thi").click().run()
    assert not at.exception, at.exception
    assert not at.date_input and not at.time_input  # the old pair is gone
    opens = next(w for w in at.datetime_input if w.label == "Mở lúc" and "new" in w.key)
    closes = next(w for w in at.datetime_input if w.label == "Đóng lúc" and "new" in w.key)
    assert opens.value.tzinfo is None  # the widget is naive: it shows Vietnam's time as is
    opens.set_value(datetime(2026, 12, 31, 23, 30))  # 16:30 UTC the same day
    closes.set_value(datetime(2027, 1, 1, 0, 30))  # 17:30 UTC the day before, in 2026
    [w for w in at.text_input if w.label == "Tên đợt thi"][-1].set_value("Đợt giao thừa")
    [b for b in at.button if b.label == "Lưu đợt thi"][-1].click().run()
    assert not at.exception, at.exception
    assert any("Đã lưu đợt thi." in s.value for s in at.success), [e.value for e in at.error]
    with session_scope(demo_engine) as session:
        rnd = session.exec(select(Round).where(Round.name == "Đợt giao thừa")).one()
        stored = (rnd.opens_at, rnd.closes_at)
        rid, contest_id = rnd.id, rnd.contest_id
    as_utc = [m if m.tzinfo else m.replace(tzinfo=UTC) for m in stored]
    assert as_utc == [
        datetime(2026, 12, 31, 16, 30, tzinfo=UTC),
        datetime(2026, 12, 31, 17, 30, tzinfo=UTC),
    ]
    # Reopened (a fresh session): the round's own form shows the same local times.
    at = _contests_tab(run_page("contests_manage", Role.ORGANISER))
    next(s for s in at.selectbox if s.label == "Cuộc thi").set_value(contest_id).run()
    assert not at.exception, at.exception
    shown = {
        w.label: w.value
        for w in at.datetime_input
        if w.key.startswith(f"contests_manage_rform_{rid}_")
    }
    assert shown == {
        "Mở lúc": datetime(2026, 12, 31, 23, 30),
        "Đóng lúc": datetime(2027, 1, 1, 0, 30),
    }, shown
