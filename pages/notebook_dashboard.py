"""Tỉ lệ đăng ký, kiểm tra: registration and review rates by unit with the subtree rolled up,
the units behind first, a click on a bar lists who is missing, the report sentence with Excel and
DOCX, and the inspectors' read-only view of a unit's notebooks with a checklist."""

from __future__ import annotations

import streamlit as st

from models.notebook import COMMITMENT_STATUS_LABELS, PARTS, CommitmentStatus
from services.notebook import charts, report, stats, years
from services.notebook import commitments as cm
from services.vi import format_int, format_percent, local_today
from ui.auth import guard
from ui.core import attempt, call

YEAR = "nb_dash_year"
MONTH = "nb_dash_month"
CHART = "nb_dash_chart"
INSPECT = "nb_dash_inspect"
YEAREND = "nb_dash_yearend"

user = guard("notebook_dashboard")
st.title("Sổ tay làm theo gương Bác: tỉ lệ đăng ký")
all_years = call(years.list_years)
if not all_years:
    st.info("Ban tổ chức chưa mở năm nào cho sổ tay.")
    st.stop()
by_id = {y.id: y for y in all_years}
left, mid, right = st.columns([1, 1, 2])
year = by_id[left.selectbox("Năm", list(by_id), key=YEAR, format_func=lambda i: str(by_id[i].year))]
month = mid.selectbox("Tháng", range(1, 13), key=MONTH, index=local_today().month - 1,
                      format_func=lambda m: f"Tháng {m}")
yearend = right.toggle("Báo cáo tổng kết năm (thay vì sơ kết)", key=YEAREND)
rates = attempt(stats.unit_rates, user=user, year_id=year.id)
if not rates:
    st.stop()
top = rates[0]
a, b, c, d = st.columns(4)
a.metric("Đã đăng ký", f"{format_int(top.registered)}/{format_int(top.headcount)}",
         format_percent(top.rate), delta_color="off")
b.metric("Đã duyệt", format_int(top.approved))
c.metric("Tập thể đăng ký mô hình", format_int(top.collectives))
d.metric(f"Tự kiểm điểm tháng {month}", format_int(top.reviews.get(month, 0)),
         format_percent(top.review_rate(month)), delta_color="off")
sentence = stats.report_sentence(top, year.year, month=month, yearend=yearend)
st.markdown("**Câu văn cho báo cáo**")
st.code(sentence, language=None, wrap_lines=True)
x, y_, _ = st.columns([1, 1, 3])
x.download_button("Tải Excel", icon=":material/table:", mime=report.XLSX_MIME,
                  file_name=f"dang-ky-lam-theo-{year.year}.xlsx", on_click="ignore",
                  data=lambda: report.rates_xlsx(rates, year.year, sentence))
y_.download_button("Tải DOCX", icon=":material/description:", mime=report.DOCX_MIME,
                   file_name=f"dang-ky-lam-theo-{year.year}.docx", on_click="ignore",
                   data=lambda: report.rates_docx(rates, year.year, sentence))

behind = stats.lagging(rates, month=month)
st.subheader("Đơn vị chậm (chậm nhất trước)")
if behind:
    st.dataframe([{
        "Đơn vị": r.name, "Đăng ký": f"{r.registered}/{r.headcount}", "Tỉ lệ": format_percent(r.rate),
        "Kế hoạch": "Có" if r.has_plan else "Chưa có",
        f"Tự kiểm điểm T{month}": format_percent(r.review_rate(month)),
    } for r in behind], hide_index=True, width="stretch")
else:
    st.success("Không có đơn vị nào chậm.")

st.subheader("Tỉ lệ đăng ký theo đơn vị")
st.caption("Bấm vào một cột để xem ai chưa đăng ký.")
shown = [r for r in rates if r.depth <= top.depth + 2 and r.headcount]
event = st.altair_chart(charts.rate_chart(shown, title=f"Đăng ký làm theo năm {year.year}"),
                        on_select="rerun", key=CHART, width="stretch")
picked = (event.get("selection", {}) if isinstance(event, dict) else event.selection) \
    if event else {}
points = list((picked or {}).get(charts.SELECTION, []) or [])
if points:
    unit_id = int(points[0]["unit_id"])
    names = attempt(stats.missing_members, user=user, year_id=year.id, unit_id=unit_id)
    unit_name = next(r.name for r in rates if r.unit_id == unit_id)
    if names is not None:
        st.markdown(f"**{unit_name}: {format_int(len(names))} đồng chí có tài khoản chưa đăng ký**")
        st.dataframe([{"Họ tên": n} for n in names], hide_index=True, width="stretch")
st.altair_chart(charts.review_chart(shown[:8], title="Tự kiểm điểm hằng tháng"), width="stretch")

st.subheader("Kiểm tra sổ tay của một đơn vị")
unit_names = {r.unit_id: r.name for r in rates}
inspect = st.selectbox("Đơn vị được kiểm tra", [None, *unit_names], key=INSPECT,
                       format_func=lambda i: "— chọn —" if i is None else unit_names[i])
if inspect is not None:
    rows = attempt(cm.unit_commitments, user=user, year_id=year.id, unit_id=inspect) or []
    st.dataframe([{
        "Họ tên": member.full_name,
        "Trạng thái": COMMITMENT_STATUS_LABELS[c.status] if c else "Chưa viết",
        "Thiếu": ", ".join(
            ([] if c and c.status == CommitmentStatus.APPROVED else ["chưa được duyệt"])
            + ([f"phần {i + 1}" for i, t in enumerate(cm.parts_of(c)) if not t.strip()] if c
               else [f"cả {len(PARTS)} phần"])) or "Đủ",
        "Chi ủy ghi hộ": "Có" if c and c.on_behalf else "",
        "Đánh giá": c.rating if c else "",
    } for member, c in rows], hide_index=True, width="stretch")
    for member, c in rows:
        if c is not None:
            with st.expander(f"Sổ tay của {member.full_name} (chỉ xem)"):
                for i, (title, text) in enumerate(zip(PARTS, cm.parts_of(c), strict=True)):
                    st.markdown(f"**{i + 1}. {title}**")
                    st.text(text or "—")
