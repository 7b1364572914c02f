"""Tỉ lệ đăng ký, kiểm tra: registration and review rates by unit with the subtree rolled up,
the units behind first, a click on a bar lists who is missing, the report sentence with Excel and
DOCX, and the inspectors' read-only view of a unit's notebooks with a checklist."""

from __future__ import annotations

import streamlit as st

from models.notebook import (
    COMMITMENT_STATUS_LABELS,
    PROPOSAL_TARGET_LABELS,
)
from services.notebook import charts, forms, inspection, proposals, report, stats, years
from services.notebook import commitments as cm
from services.notebook.access import can_organise
from services.vi import format_date, format_int, format_percent, local_today
from ui.auth import guard
from ui.core import attempt, call

YEAR = "nb_dash_year"
MONTH = "nb_dash_month"
CHART = "nb_dash_chart"
INSPECT = "nb_dash_inspect"
YEAREND = "nb_dash_yearend"
SUMMARY = "nb_dash_summary"
FINDINGS = "nb_dash_findings"

user = guard("notebook_dashboard")
st.title("Sổ tay làm theo gương Bác: tỉ lệ đăng ký")
all_years = call(years.list_years)
if not all_years:
    st.info("Ban tổ chức chưa mở năm nào cho sổ tay.")
    st.stop()
by_id = {y.id: y for y in all_years}
left, mid, right = st.columns([1, 1, 2])
year = by_id[left.selectbox("Năm", list(by_id), key=YEAR, format_func=lambda i: str(by_id[i].year))]
rates = attempt(stats.unit_rates, actor=user, year_id=year.id)
if not rates:
    st.stop()
# The latest month most members have reviewed (this month's meetings may not be held yet).
reviewed_months = (
    [m for m, n in rates[0].reviews.items() if n >= rates[0].registered / 2]
    or [m for m, n in rates[0].reviews.items() if n]
    or [local_today().month]
)
month = mid.selectbox(
    "Tháng",
    range(1, 13),
    key=MONTH,
    index=max(reviewed_months) - 1,
    format_func=lambda m: f"Tháng {m}",
)
yearend = right.toggle("Báo cáo tổng kết năm (thay vì sơ kết)", key=YEAREND)
top = rates[0]
a, b, c, d = st.columns(4)
a.metric(
    "Đã đăng ký",
    f"{format_int(top.registered)}/{format_int(top.headcount)}",
    format_percent(top.rate),
    delta_color="off",
)
b.metric("Đã duyệt", format_int(top.approved))
c.metric("Tập thể đăng ký mô hình", format_int(top.collectives))
d.metric(
    f"Tự kiểm điểm tháng {month}",
    format_int(top.reviews.get(month, 0)),
    format_percent(top.review_rate(month)),
    delta_color="off",
)
ratings = [r.strip() for r in year.ratings.splitlines() if r.strip()]
sentence = stats.report_sentence(top, year.year, month=month, yearend=yearend, ratings=ratings)
st.markdown("**Câu văn cho báo cáo**")
st.code(sentence, language=None, wrap_lines=True)
x, y_, _ = st.columns([1, 1, 3])
x.download_button(
    "Tải Excel",
    icon=":material/table:",
    mime=report.XLSX_MIME,
    file_name=f"dang-ky-lam-theo-{year.year}.xlsx",
    on_click="ignore",
    data=lambda: report.rates_xlsx(rates, year.year, sentence, ratings if yearend else None, month),
)
y_.download_button(
    "Tải DOCX",
    icon=":material/description:",
    mime=report.DOCX_MIME,
    file_name=f"dang-ky-lam-theo-{year.year}.docx",
    on_click="ignore",
    data=lambda: report.rates_docx(rates, year.year, sentence, ratings if yearend else None, month),
)

st.subheader("Tổng kết năm theo đơn vị" if yearend else "Sơ kết 6 tháng theo đơn vị")
summary = [
    {
        "Đơn vị": "\u2003" * (r.depth - top.depth) + r.name,
        "Đăng ký": f"{format_int(r.registered)}/{format_int(r.headcount)}",
        "Tỉ lệ": format_percent(r.rate),
        "Sổ giấy": format_int(r.counted),
        f"Tự kiểm điểm T{month}": format_percent(r.review_rate(month)),
        **({rating: format_int(r.ratings.get(rating, 0)) for rating in ratings} if yearend else {}),
    }
    for r in rates
    if r.headcount
]
st.dataframe(summary, hide_index=True, width="stretch")
summary_units = {r.unit_id: r for r in rates if r.headcount}
unit_names_all = {r.unit_id: r.name for r in rates}
picked_unit = st.selectbox(
    "Câu văn cho đơn vị",
    list(summary_units),
    key=SUMMARY,
    format_func=lambda i: summary_units[i].name,
)
if picked_unit != top.unit_id:
    st.code(
        stats.report_sentence(
            summary_units[picked_unit], year.year, month=month, yearend=yearend, ratings=ratings
        ),
        language=None,
        wrap_lines=True,
    )

proposed = attempt(proposals.proposals, actor=user, year_id=year.id) or []
if proposed:
    st.markdown(f"**Đề xuất từ sổ tay ({format_int(len(proposed))})**")
    st.dataframe(
        [
            {
                "Đề xuất": p.title,
                "Đơn vị": unit_names_all.get(p.unit_id, ""),
                "Nơi đề xuất": PROPOSAL_TARGET_LABELS[p.target],
                "Lý do": p.reason,
                **(
                    {
                        "Hồ sơ": f"/catalogue_detail?id={p.catalogue_record_id}"
                        if p.catalogue_record_id
                        else None
                    }
                    if can_organise(actor=user)
                    else {}
                ),  # drafts: the organisers' to open
            }
            for p in proposed
        ],
        hide_index=True,
        width="stretch",
        column_config={"Hồ sơ": st.column_config.LinkColumn("Hồ sơ", display_text="Mở bản nháp")},
    )

behind = stats.lagging(rates, month=month)
st.subheader("Đơn vị chậm (chậm nhất trước)")
if behind:
    st.dataframe(
        [
            {
                "Đơn vị": r.name,
                "Đăng ký": f"{r.registered}/{r.headcount}",
                "Tỉ lệ": format_percent(r.rate),
                "Kế hoạch": "Có" if r.has_plan else "Chưa có",
                f"Tự kiểm điểm T{month}": format_percent(r.review_rate(month)),
            }
            for r in behind
        ],
        hide_index=True,
        width="stretch",
    )
else:
    st.success("Không có đơn vị nào chậm.")

st.subheader("Tỉ lệ đăng ký theo đơn vị")
st.caption("Bấm vào một cột để xem ai chưa đăng ký.")
shown = [r for r in rates if r.depth <= top.depth + 2 and r.headcount]
event = st.altair_chart(
    charts.rate_chart(shown, title=f"Đăng ký làm theo năm {year.year}"),
    on_select="rerun",
    key=CHART,
    width="stretch",
)
picked = (
    (event.get("selection", {}) if isinstance(event, dict) else event.selection) if event else {}
)
points = list((picked or {}).get(charts.SELECTION, []) or [])
if points:
    unit_id = int(points[0]["unit_id"])
    names = attempt(stats.missing_members, actor=user, year_id=year.id, unit_id=unit_id)
    unit_name = next(r.name for r in rates if r.unit_id == unit_id)
    if names is not None:
        st.markdown(f"**{unit_name}: {format_int(len(names))} đồng chí có tài khoản chưa đăng ký**")
        st.dataframe([{"Họ tên": n} for n in names], hide_index=True, width="stretch")
st.altair_chart(charts.review_chart(shown[:8], title="Tự kiểm điểm hằng tháng"), width="stretch")

st.subheader("Kiểm tra sổ tay của một đơn vị")
unit_names = {r.unit_id: r.name for r in rates}
inspect = st.selectbox(
    "Đơn vị được kiểm tra",
    [None, *unit_names],
    key=INSPECT,
    format_func=lambda i: "— chọn —" if i is None else unit_names[i],
)
if inspect is not None:
    checked = attempt(
        inspection.checklist, actor=user, year_id=year.id, unit_id=inspect, month=month
    )
    if checked is not None:
        lacking = sum(1 for r in checked if r.missing)
        st.markdown(
            f"**{unit_names[inspect]}**: {format_int(len(checked))} đồng chí có tài "
            f"khoản, {format_int(lacking)} sổ còn thiếu (tính đến tháng {month})."
        )
        st.dataframe(
            [
                {
                    "Họ tên": r.name,
                    "Trạng thái": COMMITMENT_STATUS_LABELS[r.status] if r.status else "Chưa viết",
                    "Còn thiếu": "; ".join(r.missing) or "Đủ",
                    "Chi ủy ghi hộ": "Có" if r.on_behalf else "",
                    "Đánh giá": r.rating,
                }
                for r in checked
            ],
            hide_index=True,
            width="stretch",
        )
        rows = attempt(cm.unit_commitments, actor=user, year_id=year.id, unit_id=inspect) or []
        for member, c in rows:
            if c is not None:
                with st.expander(f"Sổ tay của {member.full_name} (chỉ xem)"):
                    titled = call(forms.titled_parts, commitment=c)
                    for i, (part, text) in enumerate(titled):
                        st.markdown(f"**{i + 1}. {part.title}**")
                        st.text(text or "—")
        with st.form(FINDINGS + "_form", clear_on_submit=True):
            findings = st.text_area(
                "Kết luận của đoàn kiểm tra",
                key=FINDINGS,
                placeholder="Ưu điểm, tồn tại, kiến nghị với chi ủy",
            )
            if st.form_submit_button(
                "Ghi kết luận kiểm tra", icon=":material/fact_check:"
            ) and attempt(
                inspection.record_findings,
                actor=user,
                year_id=year.id,
                unit_id=inspect,
                month=month,
                findings=findings,
            ):
                st.success("Đã ghi kết luận kiểm tra.")
        for item in (
            attempt(inspection.inspections, actor=user, year_id=year.id, unit_id=inspect) or []
        ):
            st.markdown(
                f"*{format_date(item.created_at.date())}, tính đến tháng {item.month}, "
                f"{format_int(item.missing_count)} sổ còn thiếu:*"
            )
            st.text(item.findings)
