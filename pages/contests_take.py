"""Cuộc thi tìm hiểu: the open contests, registration, taking (phone-first), result, review.

The attempt itself lives in the database: a reload or another device resumes it. An answer
click reruns only the question fragment and stores that one answer; the countdown ticks in the
browser from the stored deadline.
"""

from __future__ import annotations

import html
import time

import streamlit as st

from models.contests import COUNTING_LABELS, Registration, RegistrationCreate
from services import contests as contest_svc
from services import contests_attempts as engine
from services import contests_results as results_svc
from services import units as unit_svc
from services.contests_grading import format_duration
from services.errors import UserError
from services.validation import max_chars
from services.vi import format_datetime, to_local
from ui.auth import guard
from ui.core import attempt as try_call
from ui.core import call
from ui.nav import PAGES
from ui.resources import settings

user = guard("contests_take")

TAKE_VIEW = "contests_take_view"  # AttemptView of the attempt on screen (loaded once)
TAKE_INDEX = "contests_take_index"  # position shown in one-question mode
TAKE_FLASH = "contests_take_flash"  # a message from an answer callback
TAKE_MODE = "contests_take_mode"
TAKE_PILLS = "contests_take_pills"
TAKE_REGISTERED = "contests_take_registered"  # contest id just registered for, to confirm it
QP_ATTEMPT = "bai"  # ?bai=<id> while taking, and to show its result afterwards
QP_QUESTION = "cau"  # ?cau=<position>: the question on screen, kept across a reload

MODE_ONE, MODE_ALL = "Từng câu", "Cả bài"
STATE_LABELS = {"upcoming": "Sắp mở", "open": "Đang mở", "closed": "Đã kết thúc"}

CSS = """
<style>
  .gs-timer {position:fixed; top:3.9rem; right:.75rem; z-index:999990; background:#b3001b;
    color:#fff; border-radius:999px; padding:.35rem .9rem; font-weight:700; font-size:1.05rem;
    box-shadow:0 2px 8px rgba(0,0,0,.25); font-variant-numeric:tabular-nums}
  .gs-timer.gs-low {background:#e65100}
  .gs-timer.gs-over {background:#555}
  .gs-qtext {font-size:1.12rem; font-weight:600; line-height:1.45; margin:.25rem 0 .5rem 0}
  .gs-qno {color:#b3001b; font-weight:700; font-size:.95rem}
  div[data-testid="stRadio"] label, div[data-testid="stCheckbox"] label {
    padding:.35rem 0; font-size:1.02rem}
  .gs-ok {color:#1b7f3b; font-weight:600} .gs-bad {color:#b3001b; font-weight:600}
</style>
"""


def _timer(view: engine.AttemptView) -> None:
    """The countdown: drawn once per full run, it ticks in the browser from the stored deadline
    (corrected for the browser's clock), and reloads the page when time is up so the server's
    automatic submission shows."""
    deadline_ms = view.deadline_ms
    server_now_ms = int(time.time() * 1000)
    st.html(
        f"""<div id="gs-timer" class="gs-timer" role="timer" aria-live="off"
             data-deadline="{deadline_ms}" data-now="{server_now_ms}"><span>--:--</span></div>
        <script>
        (function() {{
          const el = document.getElementById("gs-timer");
          if (!el) return;
          const deadline = Number(el.dataset.deadline);
          const skew = Number(el.dataset.now) - Date.now();
          const span = el.querySelector("span");
          if (window.gsTimer) clearInterval(window.gsTimer);
          function tick() {{
            const left = Math.max(0, deadline - (Date.now() + skew));
            const s = Math.floor(left / 1000);
            const text = String(Math.floor(s / 60)).padStart(2, "0") + ":" +
                         String(s % 60).padStart(2, "0");
            span.textContent = left > 0 ? "Còn " + text : "Hết giờ";
            el.classList.toggle("gs-low", left > 0 && left < 60000);
            el.classList.toggle("gs-over", left <= 0);
            if (left <= 0) {{
              clearInterval(window.gsTimer);
              setTimeout(function() {{ window.location.reload(); }}, 4000);
            }}
          }}
          tick();
          window.gsTimer = setInterval(tick, 1000);
        }})();
        </script>""",
        unsafe_allow_javascript=True,
    )


def _load_view(attempt_id: int) -> engine.AttemptView | None:
    view = st.session_state.get(TAKE_VIEW)
    if view is not None and view.attempt_id == attempt_id and view.is_open:
        return view
    view = try_call(engine.attempt_view, attempt_id=attempt_id, user_id=user.id)
    st.session_state[TAKE_VIEW] = view
    # After a reload, come back to the question the member was on.
    wanted = st.query_params.get(QP_QUESTION, "1")
    st.session_state[TAKE_INDEX] = int(wanted) if wanted.isdigit() else 1
    return view


def _remember(position: int, selected: tuple[int, ...]) -> None:
    view: engine.AttemptView = st.session_state[TAKE_VIEW]
    view.selected[position] = selected


def _on_answer(attempt_id: int, position: int, widget_key: str, option_ids: tuple[int, ...],
               multiple: bool) -> None:
    """Store one answer the moment it is chosen."""
    if multiple:
        chosen = tuple(oid for oid in option_ids
                       if st.session_state.get(f"{widget_key}_{oid}"))
    else:
        value = st.session_state.get(widget_key)
        chosen = () if value is None else (value,)
    try:
        call(engine.save_answer, attempt_id=attempt_id, user_id=user.id, position=position,
             selected=list(chosen))
    except UserError as exc:
        st.session_state[TAKE_FLASH] = str(exc)
        return
    _remember(position, chosen)


def _question(view: engine.AttemptView, q: engine.QuestionView) -> None:
    total = len(view.questions)
    st.markdown(f'<div class="gs-qno">Câu {q.position}/{total}'
                f'{" · chọn một hoặc nhiều đáp án" if q.multiple else ""}</div>'
                f'<div class="gs-qtext">{html.escape(q.text)}</div>', unsafe_allow_html=True)
    if q.image_path and (settings().media_dir / q.image_path).is_file():
        st.image(str(settings().media_dir / q.image_path), width="stretch")
    widget_key = f"contests_take_q_{view.attempt_id}_{q.position}"
    current = view.selected.get(q.position, ())
    option_ids = tuple(o.id for o in q.options)
    labels = {o.id: f"{o.label}. {o.text}" for o in q.options}
    if q.multiple:
        for o in q.options:
            st.checkbox(labels[o.id], value=o.id in current, key=f"{widget_key}_{o.id}",
                        on_change=_on_answer,
                        args=(view.attempt_id, q.position, widget_key, option_ids, True))
    else:
        st.radio(
            "Chọn đáp án", option_ids, index=option_ids.index(current[0]) if current else None,
            format_func=labels.get, key=widget_key, label_visibility="collapsed",
            on_change=_on_answer,
            args=(view.attempt_id, q.position, widget_key, option_ids, False),
        )


@st.dialog("Nộp bài thi")
def _confirm_submit(attempt_id: int, answered: int, total: int) -> None:
    if answered < total:
        st.warning(f"Bạn mới trả lời {answered}/{total} câu. Các câu bỏ trống không được tính "
                   "điểm.")
    else:
        st.write(f"Bạn đã trả lời đủ {total}/{total} câu.")
    st.write("Sau khi nộp, bạn không thể sửa câu trả lời.")
    left, right = st.columns(2)
    if left.button("Nộp bài", type="primary", width="stretch", key="contests_take_confirm"):
        call(engine.submit_attempt, attempt_id=attempt_id, user_id=user.id)
        st.session_state.pop(TAKE_VIEW, None)
        st.query_params.pop(QP_QUESTION, None)
        st.query_params[QP_ATTEMPT] = str(attempt_id)
        st.rerun()
    if right.button("Làm tiếp", width="stretch", key="contests_take_back"):
        st.rerun()


@st.fragment
def _taking(attempt_id: int) -> None:
    view: engine.AttemptView | None = st.session_state.get(TAKE_VIEW)
    if view is None:
        return
    flash = st.session_state.pop(TAKE_FLASH, None)
    if flash:
        st.error(flash)
        if "hết giờ" in flash.lower() or "đã được nộp" in flash:
            st.session_state.pop(TAKE_VIEW, None)
            if st.button("Xem kết quả", type="primary", key="contests_take_to_result"):
                st.rerun(scope="app")
            return
    total = len(view.questions)
    answered = view.answered
    st.progress(answered / total if total else 0.0,
                text=f"Đã trả lời {answered}/{total} câu")
    mode = st.segmented_control("Cách hiển thị", [MODE_ONE, MODE_ALL], default=MODE_ONE,
                                key=TAKE_MODE, label_visibility="collapsed")
    if mode == MODE_ALL:
        for q in view.questions:
            with st.container(border=True):
                _question(view, q)
    else:
        index = st.session_state.get(TAKE_INDEX, 1)
        index = min(max(index, 1), total)
        if st.query_params.get(QP_QUESTION) != str(index):
            st.query_params[QP_QUESTION] = str(index)
        q = view.questions[index - 1]
        with st.container(border=True):
            _question(view, q)
        prev_col, next_col = st.columns(2)
        if prev_col.button("← Câu trước", width="stretch", disabled=index <= 1,
                           key="contests_take_prev"):
            st.session_state[TAKE_INDEX] = index - 1
            st.rerun(scope="fragment")
        if next_col.button("Câu sau →", width="stretch", disabled=index >= total,
                           key="contests_take_next", type="primary"):
            st.session_state[TAKE_INDEX] = index + 1
            st.rerun(scope="fragment")
        marks = {q.position: ("✓ " if view.selected.get(q.position) else "") + str(q.position)
                 for q in view.questions}
        picked = st.pills("Chuyển đến câu", list(marks), format_func=marks.get,
                          key=f"{TAKE_PILLS}_{index}", default=index)
        if picked and picked != index:
            st.session_state[TAKE_INDEX] = picked
            st.rerun(scope="fragment")
    if view.prediction_enabled:
        with st.container(border=True):
            st.markdown("**Câu hỏi dự đoán**")
            value = st.number_input(view.prediction_text or "Dự đoán của bạn", min_value=0,
                                    step=1, value=view.prediction,
                                    key=f"contests_take_pred_{view.attempt_id}")
            if value is not None and value != view.prediction:
                if try_call(engine.save_prediction, attempt_id=view.attempt_id,
                            user_id=user.id, prediction=int(value)) is None:
                    st.session_state[TAKE_VIEW] = _with_prediction(view, int(value))
                    st.caption("Đã lưu dự đoán.")
    if st.button("Nộp bài", type="primary", width="stretch", key="contests_take_submit"):
        _confirm_submit(view.attempt_id, view.answered, total)


def _with_prediction(view: engine.AttemptView, value: int) -> engine.AttemptView:
    import dataclasses

    return dataclasses.replace(view, prediction=value)


def _take(attempt_id: int) -> None:
    view = _load_view(attempt_id)
    if view is None:
        st.query_params.pop(QP_ATTEMPT, None)
        return
    if not view.is_open:
        st.session_state.pop(TAKE_VIEW, None)
        st.query_params.pop(QP_QUESTION, None)
        _result(attempt_id)
        return
    st.query_params[QP_ATTEMPT] = str(attempt_id)
    _timer(view)
    st.subheader(view.contest_title)
    st.caption(f"{view.round_name} · lần thi thứ {view.number} · hạn nộp "
               f"{to_local(view.deadline_at).strftime('%H:%M:%S %d/%m/%Y')}. Mỗi câu trả lời "
               "được lưu ngay khi bạn chọn; tải lại trang hay đổi thiết bị vẫn làm tiếp được.")
    _taking(attempt_id)


def _result(attempt_id: int) -> None:
    result = try_call(engine.attempt_result, attempt_id=attempt_id, user_id=user.id)
    if result is None:
        return
    st.subheader(result.contest_title)
    st.caption(f"{result.round_name} · lần thi thứ {result.number}")
    if result.auto_submitted:
        st.info("Bài thi đã được hệ thống tự động nộp khi hết giờ, với các câu bạn đã trả lời.")
    elif time.time() - result.submitted_at.timestamp() < 600:
        st.success("Bạn đã nộp bài thành công.")
    a, b, c = st.columns(3)
    a.metric("Điểm", f"{_num(result.score)}/{_num(result.max_score)}")
    b.metric("Số câu đúng", f"{result.correct_count}/{result.total}")
    c.metric("Thời gian làm bài", format_duration(result.duration_seconds))
    st.caption(f"Nộp lúc {format_datetime(result.submitted_at)}"
               + (f" · dự đoán của bạn: {result.prediction}" if result.prediction is not None
                  else ""))
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
            if item.credit >= 1:
                icon, word = ":material/check_circle:", "đúng"
            elif item.credit > 0:
                icon, word = ":material/timelapse:", f"đúng một phần ({_num(item.credit)} điểm)"
            else:
                icon, word = ":material/cancel:", "chưa đúng"
            with st.expander(f"Câu {item.position} ({word}): {item.text}", icon=icon):
                for o in item.options:
                    tags = []
                    if o.correct:
                        tags.append('<span class="gs-ok">đáp án đúng</span>')
                    if o.chosen:
                        tags.append("bạn chọn" if o.correct else
                                    '<span class="gs-bad">bạn chọn</span>')
                    st.markdown(f"{html.escape(o.label)}. {html.escape(o.text)}"
                                + (f" — {' · '.join(tags)}" if tags else ""),
                                unsafe_allow_html=True)
                if item.explanation:
                    st.caption(f"Giải thích: {item.explanation}")
    if st.button("← Về danh sách cuộc thi", key="contests_take_home"):
        st.query_params.pop(QP_ATTEMPT, None)
        st.rerun()


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.2f}".replace(".", ",")


def _registration_form(card: engine.ContestCard) -> None:
    unit_list = call(unit_svc.list_units)
    unit_ids = [u.id for u in unit_list]
    unit_names = {u.id: ("— " * u.depth) + u.name for u in unit_list}
    with st.form(f"contests_take_reg_{card.contest_id}"):
        st.markdown("**Đăng ký dự thi**")
        full_name = st.text_input("Họ và tên", value=user.full_name,
                                  max_chars=max_chars(Registration, "full_name"))
        unit_id = st.selectbox("Đơn vị", unit_ids, format_func=unit_names.get,
                               index=unit_ids.index(user.unit_id) if user.unit_id in unit_ids
                               else 0)
        phone = st.text_input("Số điện thoại", placeholder="09xxxxxxxx",
                              max_chars=max_chars(Registration, "phone"))
        email = st.text_input("Email", max_chars=max_chars(Registration, "email"))
        cccd = ""
        if card.ask_cccd:
            cccd = st.text_input("Số CCCD" + ("" if card.cccd_required else " (không bắt buộc)"),
                                 max_chars=12, placeholder="12 chữ số")
        if st.form_submit_button("Đăng ký", type="primary", width="stretch"):
            done = try_call(contest_svc.register, contest_id=card.contest_id, user_id=user.id,
                            data=RegistrationCreate(full_name=full_name, unit_id=unit_id,
                                                    phone=phone, email=email, cccd=cccd))
            if done is not None:
                st.session_state[TAKE_REGISTERED] = card.contest_id
                st.rerun()


def _overview(cards: list[engine.ContestCard]) -> None:
    st.title(PAGES["contests_take"].title)
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
                    st.info("Ban tổ chức đăng ký dự thi cho từng người; vui lòng liên hệ Ban tổ "
                            "chức.")
                continue
            if st.session_state.get(TAKE_REGISTERED) == card.contest_id:
                del st.session_state[TAKE_REGISTERED]
                st.success("Bạn đã đăng ký dự thi thành công. Chọn một vòng thi bên dưới "
                           "để bắt đầu làm bài.", icon=":material/how_to_reg:")
            for rc in card.rounds:
                _round_row(rc)


def _round_row(rc: engine.RoundCard) -> None:
    st.markdown(f"**{html.escape(rc.name)}**{' (thi thử)' if rc.is_trial else ''} · "
                f"{STATE_LABELS[rc.state]}", unsafe_allow_html=True)
    limit = "không giới hạn" if not rc.max_attempts else f"{rc.max_attempts} lần"
    st.caption(f"Từ {format_datetime(rc.opens_at)} đến {format_datetime(rc.closes_at)} · "
               f"{rc.question_count} câu, {rc.time_limit_minutes} phút · số lần thi: {limit} "
               f"({COUNTING_LABELS.get(rc.counting, rc.counting).lower()}) · bạn đã thi "
               f"{rc.attempts_used} lần")
    cols = st.columns([2, 3])
    if rc.open_attempt_id:
        if cols[0].button("Làm tiếp bài đang thi", type="primary", width="stretch",
                          key=f"contests_take_resume_{rc.round_id}"):
            _go(rc.open_attempt_id)
    elif rc.can_start:
        if cols[0].button("Bắt đầu làm bài", type="primary", width="stretch",
                          key=f"contests_take_start_{rc.round_id}"):
            attempt_id = try_call(engine.start_attempt, round_id=rc.round_id, user_id=user.id)
            if attempt_id is not None:
                _go(attempt_id)
    if rc.submitted_attempt_ids:
        with cols[1]:
            for n, aid in enumerate(rc.submitted_attempt_ids, start=1):
                if st.button(f"Xem kết quả lần {n}", key=f"contests_take_res_{aid}"):
                    st.query_params[QP_ATTEMPT] = str(aid)
                    st.rerun()


def _go(attempt_id: int) -> None:
    st.session_state.pop(TAKE_VIEW, None)
    st.query_params[QP_ATTEMPT] = str(attempt_id)
    st.rerun()


st.html(CSS)
requested = st.query_params.get(QP_ATTEMPT)
if requested and requested.isdigit():
    _take(int(requested))
else:
    # A reload (or another device) goes straight back to an attempt still running.
    cards = call(engine.member_overview, user_id=user.id)
    running = next((rc.open_attempt_id for card in cards for rc in card.rounds
                    if rc.open_attempt_id), None)
    if running:
        _take(running)
    else:
        _overview(cards)

