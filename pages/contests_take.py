"""Cuộc thi tìm hiểu: the open contests, registration, taking (phone-first), result, review.

The attempt lives in the database and the database decides what is shown as chosen: every run
of the taking page reads the stored answers (one small query), so another tab's change shows on
the next action. The question area (progress, question, navigation, the question pills) is a
fragment, so an answer click or "Câu sau" reruns only it (about half the work of a full run);
the fragment checks the login and reads the stored answers again on each of its own runs. The
prediction and "Nộp bài" are a second fragment, so opening the confirmation is not a full run. A
click in a fragment the server process no longer knows (it restarted, or the session moved)
becomes a full run (`ui/server_tuning.py`), which always reaches the page. A click is stored in
the same run it arrives (no callback, so it works in a brand-new session too) and acknowledged
on screen; a refused one is said so and the widget goes back to what is stored. Navigation,
start and registration use callbacks (one run per click), with a fallback for a session that
has not seen the button yet.
"""

from __future__ import annotations

import html
import re
import time

import streamlit as st

from models.contests import COUNTING_LABELS, Registration, RegistrationCreate
from services import units as unit_svc
from services.contests import attempts as engine
from services.contests import registration as registration_svc
from services.contests import results as results_svc
from services.contests.grading import format_duration
from services.errors import AttemptClosed, NotFound, PermissionDenied
from services.validation import max_chars
from services.vi import format_datetime, format_score, to_local
from ui.auth import current_user, guard
from ui.core import call, perform
from ui.markup import PreparedHtml, asset_html
from ui.nav import PAGES
from ui.resources import settings

user = guard("contests_take")

TAKE_VIEW = "contests_take_view"  # AttemptView of the attempt on screen (questions, loaded once)
TAKE_INDEX = "contests_take_index"  # position shown in one-question mode
TAKE_FLASH = "contests_take_flash"  # (kind, message) to show on the next run
TAKE_KNOWN = "contests_take_known"  # {position: stored answer} as this session last showed it
TAKE_RESET = "contests_take_reset"  # positions whose widgets must show the stored answer again
TAKE_HANDLED = "contests_take_handled"  # a button's callback ran: the run must not redo it
TAKE_FRESH = "contests_take_fresh"  # AnswerState the full run just read, for the fragment's draw
TAKE_FRESH_CLOSING = "contests_take_fresh_closing"  # the same, for the prediction and "Nộp bài"
TAKE_WIDGETS_FOR = "contests_take_widgets_for"  # the attempt whose answers the widgets now hold
TAKE_PREDICTION = "contests_take_prediction"  # the prediction box (one key for every attempt)
TAKE_MODE = "contests_take_mode"
TAKE_PILLS = "contests_take_pills"
TAKE_REG_FLASH = "contests_take_reg_flash"  # why the registration was refused
TAKE_REGISTERED = "contests_take_registered"  # contest id just registered for, to confirm it
QP_ATTEMPT = "bai"  # ?bai=<id> while taking, and to show its result afterwards
QP_QUESTION = "cau"  # ?cau=<position>: the question on screen, kept across a reload
NOT_STORED = "Lựa chọn này chưa được lưu"

MODE_ONE, MODE_ALL = "Từng câu", "Cả bài"
STATE_LABELS = {"upcoming": "Sắp mở", "open": "Đang mở", "closed": "Đã kết thúc"}
_ID = re.compile(r"[0-9]{1,12}")

CSS = asset_html("css/contest.css")  # assets/, read once per process
TIMER_SCRIPT = asset_html("js/timer.js")  # static: reads the deadline from the timer's data-


def _timer(view: engine.AttemptView) -> None:
    """The countdown: drawn once per full run, it ticks in the browser from the stored deadline
    (corrected for the browser's clock), and reloads the page when time is up so the server's
    automatic submission shows."""
    deadline_ms = view.deadline_ms
    server_now_ms = int(time.time() * 1000)
    st.html(
        PreparedHtml.joined(
            '<div id="gs-timer" class="gs-timer" role="timer" aria-live="off" '
            f'data-deadline="{int(deadline_ms)}" data-now="{server_now_ms}"><span>--:--</span></div>',
            TIMER_SCRIPT,
        ),
        unsafe_allow_javascript=True,
    )


def _query_int(name: str) -> int | None:
    """A whole number from the address, or None: odd values (`²`, 25 digits) are ignored."""
    raw = st.query_params.get(name)
    return int(raw) if raw is not None and _ID.fullmatch(raw) else None


def _load_view(attempt_id: int) -> engine.AttemptView | None:
    view = st.session_state.get(TAKE_VIEW)
    if view is not None and view.attempt_id == attempt_id:
        return view
    outcome = perform(engine.attempt_view, attempt_id=attempt_id, user_id=user.id)
    if not outcome.ok:
        st.error(str(outcome.error))
        return None
    view = outcome.value
    st.session_state[TAKE_VIEW] = view
    st.session_state[TAKE_KNOWN] = {}
    # The answer widgets keep their keys from one attempt to the next (Streamlit keeps every
    # widget id a session ever drew, so per-attempt keys grew a long session with each attempt).
    # Coming from another attempt, they start again from what this one has stored; in a fresh
    # session (a reload, a restarted server) a click that arrives with the run is kept.
    previous = st.session_state.get(TAKE_WIDGETS_FOR)
    if previous is not None and previous != attempt_id:
        st.session_state[TAKE_RESET] = {q.position for q in view.questions}
        st.session_state.pop(TAKE_PREDICTION, None)
    st.session_state[TAKE_WIDGETS_FOR] = attempt_id
    # After a reload, come back to the question the member was on.
    st.session_state[TAKE_INDEX] = _query_int(QP_QUESTION) or 1
    return view


def _widget_key(position: int) -> str:
    return f"contests_take_q_{position}"


def _flash(kind: str, message: str) -> None:
    st.session_state[TAKE_FLASH] = (kind, message)


def _question(view: engine.AttemptView, q: engine.QuestionView, state: engine.AnswerState) -> None:
    """One question; its widget shows what is stored, and a click is stored right here."""
    total = len(view.questions)
    st.markdown(
        f'<div class="gs-qno">Câu {q.position}/{total}'
        f"{' · chọn một hoặc nhiều đáp án' if q.multiple else ''}</div>"
        f'<div class="gs-qtext">{html.escape(q.text)}</div>',
        unsafe_allow_html=True,
    )
    if q.image_path and (settings().media_dir / q.image_path).is_file():
        st.image(str(settings().media_dir / q.image_path), width="stretch")
    key = _widget_key(q.position)
    stored = state.selected.get(q.position, ())
    known: dict[int, tuple[int, ...]] = st.session_state.setdefault(TAKE_KNOWN, {})
    resets: set[int] = st.session_state.setdefault(TAKE_RESET, set())
    option_ids = tuple(o.id for o in q.options)
    labels = {o.id: f"{o.label}. {o.text}" for o in q.options}
    letters = {o.id: o.label for o in q.options}

    # What the widget holds before this run draws it (None: this session never drew it).
    if q.multiple:
        held = None
        if all(f"{key}_{oid}" in st.session_state for oid in option_ids):
            held = tuple(oid for oid in option_ids if st.session_state[f"{key}_{oid}"])
    else:
        held = (
            (st.session_state[key],)
            if st.session_state.get(key) is not None
            else (() if key in st.session_state else None)
        )
    seen = known.get(q.position)
    changed_elsewhere = (
        seen is not None
        and stored != seen
        and (held is None or tuple(sorted(held)) == tuple(sorted(seen)))
    )
    reset = q.position in resets or changed_elsewhere
    if reset:
        resets.discard(q.position)
        if q.multiple:
            for oid in option_ids:
                st.session_state[f"{key}_{oid}"] = oid in stored
        else:
            st.session_state[key] = stored[0] if stored else None
    known[q.position] = stored

    if q.multiple:
        shown = tuple(
            oid
            for oid in option_ids
            if st.checkbox(labels[oid], value=False if reset else oid in stored, key=f"{key}_{oid}")
        )
    else:
        value = st.radio(
            "Chọn đáp án",
            option_ids,
            index=None if reset or not stored else option_ids.index(stored[0]),
            format_func=labels.get,
            key=key,
            label_visibility="collapsed",
        )
        shown = () if value is None else (value,)
    if changed_elsewhere:
        st.info(
            f"Câu {q.position} vừa được đổi ở một cửa sổ khác; trang hiển thị lựa chọn "
            "đã lưu mới nhất.",
            icon=":material/sync:",
        )
    if tuple(sorted(shown)) == tuple(sorted(stored)):
        if stored:  # what is stored stays acknowledged, not only in the run that stored it
            chosen = ", ".join(letters[oid] for oid in option_ids if oid in stored)
            st.caption(f":material/check: Đã lưu câu {q.position}: {chosen}.")
        return
    outcome = perform(
        engine.save_answer,
        attempt_id=view.attempt_id,
        user_id=user.id,
        position=q.position,
        selected=list(shown),
    )
    if outcome.ok:
        known[q.position] = tuple(sorted(shown))
        state.selected[q.position] = tuple(sorted(shown))
        chosen = ", ".join(letters[oid] for oid in sorted(shown, key=option_ids.index))
        st.caption(
            f":material/check: Đã lưu câu {q.position}"
            + (f": {chosen}" if chosen else " (bỏ chọn)")
            + f" lúc {to_local(engine.now_utc()).strftime('%H:%M:%S')}."
        )
        return
    # Refused: say so, and show what is stored instead of the click.
    resets.add(q.position)
    kind = "closed" if isinstance(outcome.error, AttemptClosed) else "refused"
    _flash(kind, f"{NOT_STORED} (câu {q.position}): {outcome.error}")
    st.rerun()


def _progress(answered: int, total: int, bar=None):
    """The "Đã trả lời a/n câu" bar, drawn new or redrawn in place (`bar`)."""
    return (bar or st).progress(
        answered / total if total else 0.0, text=f"Đã trả lời {answered}/{total} câu"
    )


def _answer_summary(state: engine.AnswerState) -> tuple[int, int]:
    return sum(1 for v in state.selected.values() if v), len(state.selected)


@st.dialog("Nộp bài thi")
def _confirm_submit(attempt_id: int, answered: int, total: int, missing_prediction: bool) -> None:
    if answered < total:
        st.warning(
            f"Bạn mới trả lời {answered}/{total} câu. Các câu bỏ trống không được tính điểm."
        )
    else:
        st.write(f"Bạn đã trả lời đủ {total}/{total} câu.")
    if missing_prediction:
        st.warning(
            "Bạn chưa trả lời câu hỏi dự đoán. Khi bằng điểm, câu dự đoán dùng để phân "
            "định thứ hạng; bỏ trống sẽ xếp sau những người đã dự đoán."
        )
    st.write("Sau khi nộp, bạn không thể sửa câu trả lời.")
    left, right = st.columns(2)
    if left.button("Nộp bài", type="primary", width="stretch", key="contests_take_confirm"):
        call(engine.submit_attempt, attempt_id=attempt_id, user_id=user.id)
        st.session_state.pop(TAKE_VIEW, None)
        st.query_params.pop(QP_QUESTION, None)
        st.query_params[QP_ATTEMPT] = str(attempt_id)
        st.rerun(scope="app")
    if right.button("Làm tiếp", width="stretch", key="contests_take_back"):
        st.rerun(scope="app")


def _go_to(position: int) -> None:
    """Callback of the navigation controls: one run per click."""
    st.session_state[TAKE_INDEX] = position
    st.session_state[TAKE_HANDLED] = True


def _go_to_picked(pills_key: str) -> None:
    picked = st.session_state.get(pills_key)
    if picked:
        _go_to(picked)


def _prediction(view: engine.AttemptView, state: engine.AnswerState) -> None:
    with st.container(border=True):
        st.markdown("**Câu hỏi dự đoán**")
        stored = "" if state.prediction is None else str(state.prediction)
        key = TAKE_PREDICTION
        typed = st.text_input(
            view.prediction_text or "Dự đoán của bạn",
            value=stored,
            key=key,
            placeholder="Nhập một số nguyên, ví dụ 125",
            max_chars=20,
        )
        if typed.strip() == stored:
            if stored:
                st.caption(f"Dự đoán đã lưu: {stored}.")
            return
        outcome = perform(
            engine.save_prediction, attempt_id=view.attempt_id, user_id=user.id, prediction=typed
        )
        if outcome.ok:
            st.caption(
                ":material/check: Đã lưu dự đoán"
                + (f": {outcome.value}." if outcome.value is not None else " (bỏ trống).")
            )
            return
        st.error(
            f"Dự đoán chưa được lưu: {outcome.error}"
            + (f" Dự đoán đang lưu: {stored}." if stored else "")
        )


def _taking(view: engine.AttemptView, state: engine.AnswerState) -> None:
    st.session_state[TAKE_FRESH] = state
    st.session_state[TAKE_FRESH_CLOSING] = state
    # Outside the question fragment: it is rarely changed (a change is a full run), and drawing
    # it again on every answer click was a tenth of that click's work.
    st.segmented_control(
        "Cách hiển thị",
        [MODE_ONE, MODE_ALL],
        default=MODE_ONE,
        key=TAKE_MODE,
        label_visibility="collapsed",
    )
    _answers(view)
    _closing(view)


@st.fragment
def _closing(view: engine.AttemptView) -> None:
    """The prediction and "Nộp bài", a fragment of their own: opening the confirmation reruns
    them, not the whole page (a full run of this page costs several times more). Together, so
    a prediction typed just before the click is stored before the confirmation reads it."""
    state = st.session_state.pop(TAKE_FRESH_CLOSING, None)
    if state is None:  # a run of this fragment alone
        state = _fragment_state(view)
    if view.prediction_enabled:
        _prediction(view, state)
    if st.button("Nộp bài", type="primary", width="stretch", key="contests_take_submit"):
        fresh = call(engine.answer_state, attempt_id=view.attempt_id, user_id=user.id)
        _confirm_submit(
            view.attempt_id,
            _answer_summary(fresh)[0],
            len(view.questions),
            view.prediction_enabled and fresh.prediction is None,
        )


def _fragment_state(view: engine.AttemptView) -> engine.AnswerState:
    """In a run of the fragment alone: the login checked and the stored answers read again, as
    a full run would; anything else (logged out, time over, refused) goes to a full run."""
    viewer = current_user()
    if viewer is None or viewer.id != user.id:
        st.rerun(scope="app")
    outcome = perform(engine.answer_state, attempt_id=view.attempt_id, user_id=user.id)
    if not outcome.ok or not outcome.value.is_open:
        st.rerun(scope="app")
    return outcome.value


@st.fragment
def _answers(view: engine.AttemptView) -> None:
    state = st.session_state.pop(TAKE_FRESH, None)
    if state is None:  # a run of this fragment alone
        state = _fragment_state(view)
    total = len(view.questions)
    # Drawn with the count as read, redrawn only if this run's save changed it: one message on
    # most clicks instead of a placeholder and then the bar.
    answered = _answer_summary(state)[0]
    progress = _progress(answered, total)
    if st.session_state.get(TAKE_MODE) == MODE_ALL:
        for q in view.questions:
            with st.container(border=True):
                _question(view, q, state)
    else:
        handled = st.session_state.pop(TAKE_HANDLED, False)
        index = min(max(st.session_state.get(TAKE_INDEX, 1), 1), total)
        if st.query_params.get(QP_QUESTION) != str(index):
            st.query_params[QP_QUESTION] = str(index)
        with st.container(border=True):
            _question(view, view.questions[index - 1], state)
        # One row block (two columns were three blocks): each element is a message on every
        # answer click, and the messages are a third of the server's work for one.
        with st.container(horizontal=True):
            prev = st.button(
                "← Câu trước",
                width="stretch",
                disabled=index <= 1,
                key="contests_take_prev",
                on_click=_go_to,
                args=(index - 1,),
            )
            nxt = st.button(
                "Câu sau →",
                width="stretch",
                disabled=index >= total,
                key="contests_take_next",
                type="primary",
                on_click=_go_to,
                args=(index + 1,),
            )
        marks = {
            q.position: ("✓ " if state.selected.get(q.position) else "") + str(q.position)
            for q in view.questions
        }
        pills_key = f"{TAKE_PILLS}_{index}"
        picked = st.pills(
            "Chuyển đến câu",
            list(marks),
            format_func=marks.get,
            key=pills_key,
            default=index,
            on_change=_go_to_picked,
            args=(pills_key,),
        )
        # A session that never drew these controls (a restarted server) gets the click without
        # the callback: act on it here.
        if not handled and (prev or nxt or (picked and picked != index)):
            _go_to(index - 1 if prev else index + 1 if nxt else picked)
            st.session_state.pop(TAKE_HANDLED, None)
            st.rerun()
    now_answered = _answer_summary(state)[0]
    if now_answered != answered:
        _progress(now_answered, total, progress)


def _take(attempt_id: int) -> None:
    flash = st.session_state.pop(TAKE_FLASH, None)
    view = _load_view(attempt_id)
    if view is None:
        st.query_params.pop(QP_ATTEMPT, None)
        return
    outcome = perform(engine.answer_state, attempt_id=attempt_id, user_id=user.id)
    if not outcome.ok:
        st.error(str(outcome.error))
        st.query_params.pop(QP_ATTEMPT, None)
        return
    state = outcome.value
    if flash:
        st.error(flash[1], icon=":material/error:")
        # The box is at the top; on a phone the member is scrolled down at the question.
        st.toast(flash[1], icon=":material/error:", duration="long")
    if not state.is_open:
        st.session_state.pop(TAKE_VIEW, None)
        st.query_params.pop(QP_QUESTION, None)
        _result(attempt_id)
        return
    st.query_params[QP_ATTEMPT] = str(attempt_id)
    _timer(view)
    st.subheader(view.contest_title)
    st.caption(
        f"{view.round_name} · lần thi thứ {view.number} · hạn nộp "
        f"{to_local(view.deadline_at).strftime('%H:%M:%S %d/%m/%Y')}. Mỗi câu trả lời "
        "được lưu ngay khi bạn chọn (trang báo “Đã lưu”); tải lại trang hay đổi thiết bị "
        "vẫn làm tiếp được."
    )
    _taking(view, state)


def _result(attempt_id: int) -> None:
    outcome = perform(engine.attempt_result, attempt_id=attempt_id, user_id=user.id)
    if not outcome.ok:
        st.error(str(outcome.error))
        if isinstance(outcome.error, (NotFound, PermissionDenied)):
            st.query_params.pop(QP_ATTEMPT, None)
        return
    result = outcome.value
    st.subheader(result.contest_title)
    st.caption(f"{result.round_name} · lần thi thứ {result.number}")
    if result.auto_submitted:
        st.info("Bài thi đã được hệ thống tự động nộp khi hết giờ, với các câu bạn đã trả lời.")
    elif time.time() - result.submitted_at.timestamp() < 600:
        st.success("Bạn đã nộp bài thành công.")
    a, b, c = st.columns(3)
    a.metric("Điểm", f"{format_score(result.score)}/{format_score(result.max_score)}")
    b.metric("Số câu đúng", f"{result.correct_count}/{result.total}")
    c.metric("Thời gian làm bài", format_duration(result.duration_seconds))
    st.caption(
        f"Nộp lúc {format_datetime(result.submitted_at)}"
        + (f" · dự đoán của bạn: {result.prediction}" if result.prediction is not None else "")
    )
    if result.round_closed:
        standing = call(results_svc.my_standing, round_id=result.round_id, user_id=user.id)
        if standing is not None:
            prize = f" · {standing.prize}" if standing.prize else ""
            st.success(f"Xếp hạng của bạn trong đợt: {standing.rank}/{standing.total}{prize}.")
    if not result.review_allowed:
        st.info(result.review_note)
    else:
        st.markdown("#### Đáp án và giải thích")
        for item in result.review:
            if not any(o.chosen for o in item.options):
                icon, word = ":material/help:", "chưa trả lời"
            elif item.credit >= 1:
                icon, word = ":material/check_circle:", "đúng"
            elif item.credit > 0:
                icon, word = (
                    ":material/timelapse:",
                    f"đúng một phần ({format_score(item.credit)} điểm)",
                )
            else:
                icon, word = ":material/cancel:", "chưa đúng"
            with st.expander(f"Câu {item.position} ({word}): {item.text}", icon=icon):
                for o in item.options:
                    tags = []
                    if o.correct:
                        tags.append('<span class="gs-ok">đáp án đúng</span>')
                    if o.chosen:
                        tags.append(
                            "bạn chọn" if o.correct else '<span class="gs-bad">bạn chọn</span>'
                        )
                    st.markdown(
                        f"{html.escape(o.label)}. {html.escape(o.text)}"
                        + (f" — {' · '.join(tags)}" if tags else ""),
                        unsafe_allow_html=True,
                    )
                if item.explanation:
                    st.caption(f"Giải thích: {item.explanation}")
    back = st.button(
        "← Về danh sách cuộc thi", key="contests_take_home", on_click=_show, args=(None,)
    )
    _unless_handled(back, _show, None)


def _register(card: engine.ContestCard, unit_ids: list[int]) -> None:
    """Callback of the registration form (one run per click); the form's fields are read by key."""
    st.session_state[TAKE_HANDLED] = True
    key = f"contests_take_reg_{card.contest_id}"
    ss = st.session_state
    outcome = perform(
        registration_svc.register,
        contest_id=card.contest_id,
        user_id=user.id,
        data=RegistrationCreate(
            full_name=ss.get(f"{key}_name", ""),
            unit_id=ss.get(f"{key}_unit"),
            phone=ss.get(f"{key}_phone", ""),
            email=ss.get(f"{key}_email", ""),
            cccd=ss.get(f"{key}_cccd", "") or "",
        ),
        secret_key=settings().secret_key,
    )
    if outcome.ok:
        st.session_state[TAKE_REGISTERED] = card.contest_id
    else:
        st.session_state[TAKE_REG_FLASH] = str(outcome.error)


def _registration_form(card: engine.ContestCard) -> None:
    unit_list = call(unit_svc.list_units)
    unit_ids = [u.id for u in unit_list]
    unit_names = unit_svc.tree_labels(unit_list)
    key = f"contests_take_reg_{card.contest_id}"
    flash = st.session_state.pop(TAKE_REG_FLASH, None)
    with st.form(key):
        st.markdown("**Đăng ký dự thi**")
        if flash:
            st.error(flash)
        st.text_input(
            "Họ và tên",
            value=user.full_name,
            key=f"{key}_name",
            max_chars=max_chars(Registration, "full_name"),
        )
        st.selectbox(
            "Đơn vị",
            unit_ids,
            format_func=unit_names.get,
            index=unit_ids.index(user.unit_id) if user.unit_id in unit_ids else 0,
            key=f"{key}_unit",
        )
        st.text_input(
            "Số điện thoại",
            placeholder="09xxxxxxxx",
            key=f"{key}_phone",
            max_chars=max_chars(Registration, "phone"),
        )
        st.text_input("Email", key=f"{key}_email", max_chars=max_chars(Registration, "email"))
        if card.ask_cccd:
            st.text_input(
                "Số CCCD" + ("" if card.cccd_required else " (không bắt buộc)"),
                max_chars=12,
                placeholder="12 chữ số",
                key=f"{key}_cccd",
            )
        sent = st.form_submit_button(
            "Đăng ký", type="primary", width="stretch", on_click=_register, args=(card, unit_ids)
        )
    _unless_handled(sent, _register, card, unit_ids)


def _overview(cards: list[engine.ContestCard]) -> None:
    st.title(PAGES["contests_take"].title)
    flash = st.session_state.pop(TAKE_FLASH, None)
    if flash:
        st.error(flash[1])
    if not cards:
        st.info("Hiện chưa có cuộc thi nào được công bố.")
        return
    for card in cards:
        with st.container(border=True):
            if card.banner_path and (settings().media_dir / card.banner_path).is_file():
                st.image(str(settings().media_dir / card.banner_path), width="stretch")
            st.subheader(card.title)
            if card.description:
                st.write(card.description)
            if card.rules:
                with st.expander("Thể lệ cuộc thi"):
                    st.text(card.rules)
            if not card.eligible:
                st.info("Cuộc thi này dành cho các đơn vị khác; bạn không thuộc đối tượng dự thi.")
                continue
            if not card.registered:
                if card.self_registration:
                    _registration_form(card)
                else:
                    st.info(
                        "Ban tổ chức đăng ký dự thi cho từng người; vui lòng liên hệ Ban tổ chức."
                    )
                continue
            if st.session_state.get(TAKE_REGISTERED) == card.contest_id:
                del st.session_state[TAKE_REGISTERED]
                st.success(
                    "Bạn đã đăng ký dự thi thành công. Chọn một vòng thi bên dưới "
                    "để bắt đầu làm bài.",
                    icon=":material/how_to_reg:",
                )
            for rc in card.rounds:
                _round_row(rc)


def _round_row(rc: engine.RoundCard) -> None:
    st.markdown(
        f"**{html.escape(rc.name)}**{' (thi thử)' if rc.is_trial else ''} · "
        f"{STATE_LABELS[rc.state]}",
        unsafe_allow_html=True,
    )
    limit = "không giới hạn" if not rc.max_attempts else f"{rc.max_attempts} lần"
    st.caption(
        f"Từ {format_datetime(rc.opens_at)} đến {format_datetime(rc.closes_at)} · "
        f"{rc.question_count} câu, {rc.time_limit_minutes} phút · số lần thi: {limit} "
        f"({COUNTING_LABELS.get(rc.counting, rc.counting).lower()}) · bạn đã thi "
        f"{rc.attempts_used} lần"
    )
    cols = st.columns([2, 3])
    if rc.open_attempt_id:
        resume = cols[0].button(
            "Làm tiếp bài đang thi",
            type="primary",
            width="stretch",
            key=f"contests_take_resume_{rc.round_id}",
            on_click=_show,
            args=(rc.open_attempt_id,),
        )
        _unless_handled(resume, _show, rc.open_attempt_id)
    elif rc.can_start:
        clicked = cols[0].button(
            "Bắt đầu làm bài",
            type="primary",
            width="stretch",
            key=f"contests_take_start_{rc.round_id}",
            on_click=_start,
            args=(rc.round_id,),
        )
        _unless_handled(clicked, _start, rc.round_id)
    if rc.submitted_attempt_ids:
        with cols[1]:
            for n, aid in enumerate(rc.submitted_attempt_ids, start=1):
                shown = st.button(
                    f"Xem kết quả lần {n}",
                    key=f"contests_take_res_{aid}",
                    on_click=_show,
                    args=(aid,),
                )
                _unless_handled(shown, _show, aid)


def _start(round_id: int) -> None:
    """Callback of "Bắt đầu làm bài": the same run then shows the first question."""
    st.session_state[TAKE_HANDLED] = True
    outcome = perform(engine.start_attempt, round_id=round_id, user_id=user.id)
    if outcome.ok:
        st.session_state.pop(TAKE_VIEW, None)
        st.query_params[QP_ATTEMPT] = str(outcome.value)
    else:
        _flash("refused", str(outcome.error))


def _show(attempt_id: int | None) -> None:
    """Callback of the buttons that open an attempt (its questions or its result), or the list
    for None: the same run draws it, instead of drawing this screen again and then rerunning."""
    st.session_state[TAKE_HANDLED] = True
    st.session_state.pop(TAKE_VIEW, None)
    if attempt_id is None:
        st.query_params.pop(QP_ATTEMPT, None)
    else:
        st.query_params[QP_ATTEMPT] = str(attempt_id)


def _unless_handled(clicked: bool, callback, *args) -> None:
    """A session that never drew the button (a restarted server) gets the click without its
    callback: run the callback here, then run the page again."""
    if clicked and not st.session_state.pop(TAKE_HANDLED, False):
        callback(*args)
        st.session_state.pop(TAKE_HANDLED, None)
        st.rerun()


st.html(CSS)
requested = _query_int(QP_ATTEMPT)
if st.query_params.get(QP_ATTEMPT) is not None and requested is None:
    st.warning("Địa chỉ bài thi không hợp lệ; mời bạn chọn cuộc thi bên dưới.")
    st.query_params.pop(QP_ATTEMPT, None)
if requested is not None:
    _take(requested)
else:
    # A reload (or another device) goes straight back to an attempt still running.
    cards = call(engine.member_overview, user_id=user.id)
    running = next(
        (rc.open_attempt_id for card in cards for rc in card.rounds if rc.open_attempt_id), None
    )
    if running:
        _take(running)
    else:
        _overview(cards)
