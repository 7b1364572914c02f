"""Kết quả và thống kê: rankings with explanations, prizes, unit prizes, statistics, regrading,
exports (Excel, certificates)."""

from __future__ import annotations

import altair as alt
import streamlit as st

from services.capabilities import Capability, can
from services.contests import contests as contest_svc
from services.contests import exports as export_svc
from services.contests import results as results_svc
from services.contests.grading import RANK_KEY_LABELS, format_duration
from services.vi import format_int, format_percent, format_score, to_local
from ui.auth import guard
from ui.core import attempt as try_call
from ui.core import call
from ui.nav import PAGES

user = guard("contests_results")

RESULTS_CONTEST = "contests_results_contest"
RESULTS_ROUND = "contests_results_round"
RESULTS_FLASH = "contests_results_flash"
OVERALL = -1

st.title(PAGES["contests_results"].title)
flash = st.session_state.pop(RESULTS_FLASH, None)
if flash:
    st.success(flash)

contests = call(contest_svc.list_contests)
if not contests:
    st.info("Chưa có cuộc thi nào.")
    st.stop()
titles = {c.id: c.title for c in contests}
contest_id = st.selectbox("Cuộc thi", list(titles), format_func=titles.get, key=RESULTS_CONTEST)
rounds = call(contest_svc.list_rounds, contest_id=contest_id)
round_names = {OVERALL: "Toàn cuộc thi (các đợt chính thức)"} | {
    r.id: r.name + (" (thi thử)" if r.is_trial else "") for r in rounds
}
_default_round = results_svc.default_ranking_round(rounds)
round_id = st.selectbox(
    "Xếp hạng theo",
    list(round_names),
    format_func=round_names.get,
    key=f"{RESULTS_ROUND}_{contest_id}",
    index=list(round_names).index(_default_round or OVERALL),
)


def ranking_section() -> None:
    if round_id == OVERALL:
        view = call(results_svc.overall_ranking, actor=user, contest_id=contest_id)
    else:
        view = call(results_svc.round_ranking, actor=user, round_id=round_id)
    chain = " → ".join(RANK_KEY_LABELS[k] for k in view.chain)
    st.caption(f"Thứ tự tiêu chí: {chain}.")
    if round_id != OVERALL:
        if view.actual is None:
            st.info(
                "Đợt thi chưa kết thúc: đáp số của câu dự đoán sẽ được ứng dụng tính khi "
                "đợt thi đóng; bảng xếp hạng hiện chỉ để tham khảo."
            )
        else:
            st.caption(f"Đáp số câu dự đoán (ứng dụng tính khi đợt thi đóng): {view.actual}.")
    if not view.rows:
        st.info("Chưa có bài thi nào được nộp.")
        return
    rows = []
    for row in view.rows:
        e = row.entry
        if round_id == OVERALL:
            prediction = "" if e.prediction is None else f"tổng lệch {e.prediction}"
        else:
            prediction = (
                ""
                if e.prediction is None
                else (
                    f"{e.prediction} (lệch {int(row.distance)})"
                    if row.distance is not None
                    else str(e.prediction)
                )
            )
        rows.append(
            {
                "Hạng": row.rank,
                "Giải": row.prize,
                "Họ và tên": e.full_name,
                "Đơn vị": view.unit_names.get(e.unit_id, ""),
                "Điểm": format_score(e.score),
                "Dự đoán": prediction,
                "Thời gian": format_duration(e.duration_seconds),
                "Nộp lúc": to_local(e.submitted_at).strftime("%H:%M:%S %d/%m"),
                "Vì sao xếp trên người kế tiếp": row.explanation,
            }
        )
    # The table fits the page at 1280 px (no sideways scroll); the long explanation of a row
    # shows under the table when the row is chosen, and on a phone the table scrolls sideways
    # with rank and name pinned.
    text = st.column_config.TextColumn
    why = "Vì sao xếp trên người kế tiếp"
    picked = st.dataframe(
        [{k: v for k, v in r.items() if k != why} for r in rows],
        hide_index=True,
        width="stretch",
        height=min(600, 38 + 35 * len(rows)),
        on_select="rerun",
        selection_mode="single-row",
        key=f"contests_results_rank_{round_id}",
        column_config={
            "Hạng": st.column_config.NumberColumn(width=44, pinned=True),
            "Giải": text(width=118),
            "Họ và tên": text(width=130, pinned=True),
            "Đơn vị": text(width=150),
            "Điểm": text(width=44),
            "Dự đoán": text(width=90),
            "Thời gian": text(width=96),
            "Nộp lúc": text(width=100),
        },
    )
    chosen = picked.selection.rows if picked else []
    if chosen:
        r = rows[chosen[0]]
        st.info(f"**Hạng {r['Hạng']} – {r['Họ và tên']}**: {r[why]}", icon=":material/help:")
    else:
        st.caption("Chọn một dòng (ô bên trái) để xem vì sao người đó xếp trên người kế tiếp.")
    ties = [r for r, ranked in zip(rows, view.rows, strict=True) if ranked.tied_keys]
    if ties:
        with st.expander(f"Giải thích {len(ties)} trường hợp bằng điểm"):
            for r in ties[:50]:
                st.markdown(
                    f"**Hạng {r['Hạng']} – {r['Họ và tên']}**: {r['Vì sao xếp trên người kế tiếp']}"
                )


def prizes_section() -> None:
    st.markdown("#### Giải cá nhân")
    for rnd in rounds:
        if rnd.is_trial:
            continue
        view = call(results_svc.round_ranking, actor=user, round_id=rnd.id)
        winners = [r for r in view.rows if r.prize]
        st.markdown(
            f"**{rnd.name}** ({rnd.prize_first} Nhất, {rnd.prize_second} Nhì, "
            f"{rnd.prize_third} Ba, {rnd.prize_consolation} Khuyến khích)"
            + ("" if view.closed else " — đợt thi chưa kết thúc, kết quả tạm tính")
        )
        if winners:
            st.dataframe(
                [
                    {
                        "Giải": r.prize,
                        "Hạng": r.rank,
                        "Họ và tên": r.entry.full_name,
                        "Đơn vị": view.unit_names.get(r.entry.unit_id, ""),
                        "Điểm": format_score(r.entry.score),
                    }
                    for r in winners
                ],
                hide_index=True,
                width="stretch",
            )
            if can(user, Capability.MAKE_CERTIFICATES):
                st.download_button(
                    f"Tải giấy chứng nhận ({len(winners)} người)",
                    data=lambda rid=rnd.id: call(
                        export_svc.certificates_zip, actor=user, round_id=rid
                    ),
                    file_name=f"giay-chung-nhan-dot-{rnd.id}.zip",
                    mime="application/zip",
                    on_click="ignore",
                    icon=":material/workspace_premium:",
                    key=f"contests_results_cert_{rnd.id}",
                )
        else:
            st.caption("Chưa có người đạt giải.")
    st.markdown("#### Giải tập thể")
    prizes = call(results_svc.unit_prizes, actor=user, contest_id=contest_id)
    if not prizes:
        st.caption("Chưa có đơn vị nào có người dự thi.")
    for prize in prizes:
        st.markdown(f"- **{prize.kind}**: {prize.unit_name} — {prize.reason}")


def participation_section() -> None:
    rows = call(results_svc.unit_participation, actor=user, contest_id=contest_id)
    table = [
        {
            "Đơn vị": r.name,
            "Số đảng viên": r.headcount,
            "Người dự thi": r.participants,
            "Tỉ lệ": r.rate,
        }
        for r in rows
    ]
    st.markdown("#### Tham gia theo đơn vị")
    st.caption(
        "Mỗi người được tính một lần dù thi nhiều đợt; đơn vị gồm cả chi bộ trực thuộc; "
        "kể cả đơn vị chưa có ai dự thi."
    )
    chart = (
        alt.Chart(alt.Data(values=table))
        .mark_bar(color="#b3001b")
        .encode(
            x=alt.X("Người dự thi:Q", title="Số người dự thi"),
            y=alt.Y("Đơn vị:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
            tooltip=[
                "Đơn vị:N",
                "Người dự thi:Q",
                "Số đảng viên:Q",
                alt.Tooltip("Tỉ lệ:Q", format=".1%"),
            ],
        )
        .properties(height=max(200, 26 * len(table)))
    )
    st.altair_chart(chart, width="stretch")
    st.dataframe(
        [
            {
                **r,
                "Số đảng viên": format_int(r["Số đảng viên"]),
                "Tỉ lệ": format_percent(r["Tỉ lệ"]),
            }
            for r in table
        ],
        hide_index=True,
        width="stretch",
    )


def statistics_section() -> None:
    if round_id == OVERALL:
        st.info("Chọn một đợt thi ở trên để xem phân bố điểm và chỉ số từng câu hỏi.")
        return
    dist = call(results_svc.score_distribution, actor=user, round_id=round_id)
    st.markdown("#### Phân bố điểm")
    if dist:
        data = [{"Điểm": score, "Số người": n} for score, n in dist]
        st.altair_chart(
            alt.Chart(alt.Data(values=data))
            .mark_bar(color="#6b5b3e")
            .encode(
                x=alt.X("Điểm:O", title="Điểm"),
                y=alt.Y("Số người:Q", title="Số người"),
                tooltip=["Điểm:O", "Số người:Q"],
            )
            .properties(height=240),
            width="stretch",
        )
    else:
        st.caption("Chưa có bài thi.")
    st.markdown("#### Chỉ số từng câu hỏi")
    st.caption(
        "Độ dễ (facility) = điểm trung bình của câu, tính theo %; độ phân biệt "
        "(discrimination) = hệ số tương quan ×100 giữa điểm câu này và điểm phần còn lại "
        "của bài, như Moodle định nghĩa. Độ phân biệt thấp hoặc âm cho thấy câu hỏi có "
        "vấn đề."
    )
    stats = call(results_svc.item_statistics, actor=user, round_id=round_id)
    if any(s.key_hidden for s in stats):
        st.info(results_svc.KEY_HIDDEN_NOTE, icon=":material/visibility_off:")
    for s in stats:
        if s.warning:
            st.warning(f"Câu #{s.question_id} “{s.text[:90]}”: {s.warning}")
    if stats:
        st.dataframe(
            [
                {
                    "Mã": s.question_id,
                    "Câu hỏi": s.text,
                    "Số lượt": s.attempts,
                    "Độ dễ (%)": "" if s.facility is None else format_score(round(s.facility, 1)),
                    "Độ phân biệt": ""
                    if s.discrimination is None
                    else format_score(round(s.discrimination, 1)),
                    "Đáp án": "—" if s.key_hidden else s.key_labels,
                    "Các lựa chọn": "; ".join(f"{k}: {v}" for k, v in s.option_counts.items()),
                    "Cảnh báo": s.warning,
                }
                for s in stats
            ],
            hide_index=True,
            width="stretch",
        )
    if can(user, Capability.REGRADE):
        _regrade_box()


def _regrade_box() -> None:
    st.markdown("#### Chấm lại sau khi sửa đáp án")
    st.caption(
        "Sửa đáp án ở trang “Quản lý cuộc thi” (thẻ Ngân hàng câu hỏi), rồi chấm lại: mọi "
        "bài đã nộp của đợt này được chấm theo đáp án mới và bảng xếp hạng được tính lại."
    )
    status = call(results_svc.regrade_status, actor=user, round_id=round_id)
    if status.running:
        st.warning(
            f"Đang chấm lại ({status.done}/{status.total} bài). Vui lòng chờ; không thể "
            "bắt đầu lần chấm thứ hai."
        )
        return
    if st.button("Chấm lại và xếp hạng lại", key="contests_results_regrade"):
        total = try_call(results_svc.begin_regrade, actor=user, round_id=round_id)
        if total is None:
            return
        bar = st.progress(0.0, text=f"Đang chấm lại 0/{total} bài…")
        last, done = 0, 0
        try:
            while True:
                last = call(
                    results_svc.regrade_batch,
                    actor=user,
                    round_id=round_id,
                    after_id=last,
                    size=100,
                )
                if last is None:
                    break
                done = call(results_svc.regrade_status, actor=user, round_id=round_id).done
                bar.progress(
                    min(1.0, done / max(total, 1)), text=f"Đang chấm lại {done}/{total} bài…"
                )
        finally:
            call(results_svc.end_regrade, actor=user, round_id=round_id)
        st.session_state[RESULTS_FLASH] = f"Đã chấm lại {total} bài và xếp hạng lại."
        st.rerun()


def export_section() -> None:
    st.download_button(
        "Tải kết quả và danh sách đạt giải (Excel)",
        data=lambda: call(export_svc.results_workbook, actor=user, contest_id=contest_id),
        file_name=f"ket-qua-cuoc-thi-{contest_id}.xlsx",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key="contests_results_excel",
    )


# Only the open tab's body runs: the certificates, the participation chart and the item
# statistics each query every round, and used to run on every click of the ranking.
tab_rank, tab_prizes, tab_units, tab_stats = st.tabs(
    ["Bảng xếp hạng", "Giải thưởng", "Tham gia theo đơn vị", "Thống kê câu hỏi"],
    key="contests_results_tab",
    on_change="rerun",
)
if tab_rank.open:
    with tab_rank:
        ranking_section()
        export_section()
if tab_prizes.open:
    with tab_prizes:
        prizes_section()
if tab_units.open:
    with tab_units:
        participation_section()
if tab_stats.open:
    with tab_stats:
        statistics_section()
