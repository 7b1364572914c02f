"""Khen thưởng theo năm: KPI cards, charts (click a bar to list its records), the report table
with its sentence, and downloads. Everything is counted in the database."""

from __future__ import annotations

import streamlit as st

from models.commendations import AWARD_KIND_LABELS, ISSUER_LEVEL_LABELS, AwardKind, IssuerLevel
from services.accounts import preferences as prefs
from services.commendations import charts, stats
from services.commendations import excel as cio
from services.commendations import records as com
from services.units import list_units, tree_labels
from services.vi import format_date, format_int, local_today
from ui.auth import guard
from ui.core import call

PERIOD = "com_dash_period"
UNIT = "com_dash_unit"
KIND = "com_dash_kind"
MEASURE = "com_dash_measure"
STACK = "com_dash_stack"
CHART_YEAR = "com_dash_chart_year"
CHART_RECIPIENT = "com_dash_chart_recipient"
CHART_UNIT = "com_dash_chart_unit"
CHART_TREND = "com_dash_chart_trend"
TAB = "com_dash_tab"
PERIOD_PREFERENCE = "commendations_dashboard.period"
TABS = ["Theo năm", "Tập thể và cá nhân", "Theo đơn vị", "Xu hướng", "Bảng báo cáo"]
# The period the movement's reports use: the five years of Chỉ thị 05-CT/TW (15/5/2016), whose
# review ("Trong giai đoạn 2016-2021, toàn Đảng bộ có 263 lượt tập thể, ...") and kỷ yếu
# ("giai đoạn 2016 - 2021") a leader compares the dashboard with.
DEFAULT_PERIOD = (2016, 2021)
SHOWN_ROWS = 500
KIND_SHORT = {
    AwardKind.FORM: "Khen thưởng",
    AwardKind.TITLE: "Danh hiệu",  # three that fit a phone's width, none cut
    AwardKind.PRAISE: "Biểu dương",
}

user = guard("commendations_dashboard")
st.title("Khen thưởng theo năm")
st.caption(
    "Ai được khen, do cấp nào khen, vì thành tích gì — qua từng năm. Bản ghi đã thu hồi "
    "không được tính; biểu dương và danh hiệu thi đua luôn tính riêng."
)

bounds = call(com.year_bounds)
if bounds is None:
    st.info("Chưa có bản ghi khen thưởng nào. Ban tổ chức có thể nhập ở trang “Nhập khen thưởng”.")
    st.stop()
low, high = bounds
if low == high:
    high = low + 1


def _clamp(year: int) -> int:
    return max(low, min(high, year))


PRESETS = {  # label: (years, tooltip)
    "Toàn bộ": ((low, high), "Mọi năm có dữ liệu"),
    "2016–2021": ((_clamp(2016), _clamp(2021)), "5 năm thực hiện Chỉ thị 05-CT/TW"),
    "2016–nay": ((_clamp(2016), high), "Từ Chỉ thị 05-CT/TW (15/5/2016) đến nay"),
    "5 năm gần nhất": ((_clamp(high - 4), high), "Năm năm gần nhất có dữ liệu"),
}


def _remember_period() -> None:
    """The period chosen last is the one shown next time: in the address (a link keeps it) and
    in the user's preferences (another visit, another device)."""
    start, end = st.session_state[PERIOD]
    st.query_params["tu"], st.query_params["den"] = str(start), str(end)
    call(prefs.set_preference, user_id=user.id, name=PERIOD_PREFERENCE, value=f"{start}-{end}")


def _apply_preset(name: str) -> None:
    st.session_state[PERIOD] = PRESETS[name][0]
    _remember_period()


def _initial_period() -> tuple[int, int]:
    """The address first (a shared link), then what this user chose last, then the reports'."""
    try:
        asked = (int(st.query_params["tu"]), int(st.query_params["den"]))
    except (KeyError, ValueError):
        asked = None
    chosen = (
        asked
        or prefs.parse_period(call(prefs.get_preference, user_id=user.id, name=PERIOD_PREFERENCE))
        or DEFAULT_PERIOD
    )
    return _clamp(min(chosen)), _clamp(max(chosen))


if PERIOD not in st.session_state:
    st.session_state[PERIOD] = _initial_period()

unit_list = call(list_units)
unit_labels = tree_labels(unit_list)

with st.container(border=True):
    left, right = st.columns([3, 2])
    with left:
        year_from, year_to = st.slider(
            "Giai đoạn", min_value=low, max_value=high, key=PERIOD, on_change=_remember_period
        )
        # One wrapping row: four columns would stack into four lines on a phone.
        with st.container(horizontal=True, wrap=True, key="com_dash_presets"):
            for name, (_years, tip) in PRESETS.items():
                st.button(
                    name,
                    on_click=_apply_preset,
                    args=(name,),
                    width="content",
                    help=tip,
                    type="tertiary",
                    key=f"com_dash_preset_{name}",
                )
    with right:
        unit_id = st.selectbox(
            "Đơn vị",
            [None, *unit_labels],
            format_func=lambda u: "Toàn Đảng bộ" if u is None else unit_labels[u],
            key=UNIT,
        )
    c1, c2, c3 = st.columns([5, 3, 3])
    kind = (
        c1.segmented_control(
            "Loại (luôn tính riêng)",
            [AwardKind.FORM, AwardKind.TITLE, AwardKind.PRAISE],
            format_func=KIND_SHORT.get,
            default=AwardKind.FORM,
            key=KIND,
        )
        or AwardKind.FORM
    )
    measure = c2.radio(
        "Đếm theo",
        list(stats.MEASURE_LABELS),
        format_func=lambda m: stats.MEASURE_LABELS[stats.Measure(m)],
        horizontal=True,
        key=MEASURE,
    )
    stack = c3.radio(
        "Chồng cột theo",
        [stats.Series.LEVEL, stats.Series.FORM],
        format_func=lambda s: {"cap": "Khối cấp khen", "hinh_thuc": "Hình thức"}[s],
        horizontal=True,
        key=STACK,
    )

flt = com.AwardFilter(year_from=year_from, year_to=year_to, kind=kind, unit_id=unit_id)
# A chart's selection belongs to the figures it was made on: new filters, new (empty) selection.
view = f"{year_from}_{year_to}_{kind}_{unit_id}_{measure}_{stack}"
measure_label = "Lượt khen" if measure == stats.Measure.AWARDS else "Số đối tượng"
kind_label = AWARD_KIND_LABELS[AwardKind(kind)].lower()
period = f"{year_from}–{year_to}" if year_from != year_to else str(year_from)

# --- KPI cards -------------------------------------------------------------------------------
unit_points = call(stats.by_unit, actor=user, flt=flt, measure=measure)
figures = call(stats.kpis, actor=user, flt=flt, unit_points=unit_points)
chosen = figures.of(kind)
# A wrapping row: each card as wide as its label needs (none is cut), two or three a line on a phone.
with st.container(horizontal=True, wrap=True, key="com_dash_kpis"):
    st.metric(
        "Tổng số lượt",
        format_int(chosen.total),
        border=True,
        width="content",
        help=f"Lượt {kind_label} trong giai đoạn, không tính bản ghi đã thu hồi",
    )
    st.metric("Tập thể", format_int(chosen.collective), border=True, width="content")
    st.metric("Cá nhân", format_int(chosen.individual), border=True, width="content")
    st.metric(
        "Đối tượng (không trùng)",
        format_int(chosen.recipients),
        border=True,
        width="content",
        help="Mỗi tập thể, cá nhân tính một lần dù được khen nhiều lần",
    )
    st.metric(
        "Đơn vị có khen",
        f"{figures.units_covered}/{figures.units_total}",
        border=True,
        width="content",
    )
levels = " · ".join(
    f"{ISSUER_LEVEL_LABELS[lvl]}: {format_int(figures.by_level.get(lvl, 0))}"
    for lvl in (IssuerLevel.PARTY, IssuerLevel.STATE, IssuerLevel.MASS)
)
others = " · ".join(
    f"{AWARD_KIND_LABELS[k]}: {format_int(figures.of(k).total)} lượt (tính riêng)"
    for k in (AwardKind.FORM, AwardKind.TITLE, AwardKind.PRAISE)
    if k != kind
)
st.caption(f"Giai đoạn {period} · theo khối cấp khen — {levels}. {others}.")


# --- helpers ---------------------------------------------------------------------------------
def _downloads(chart, name: str) -> None:
    row = st.container(horizontal=True, wrap=True)
    row.download_button(
        "Tải PNG",
        data=lambda: charts.to_png(chart),
        file_name=f"{name}.png",
        mime="image/png",
        on_click="ignore",
        icon=":material/image:",
        key=f"com_dash_png_{name}",
    )
    row.download_button(
        "Tải SVG",
        data=lambda: charts.to_svg(chart),
        file_name=f"{name}.svg",
        mime="image/svg+xml",
        on_click="ignore",
        icon=":material/draw:",
        key=f"com_dash_svg_{name}",
    )


def _selected(event) -> list[dict]:
    if not event:
        return []
    selection = event.get("selection", {}) if isinstance(event, dict) else event.selection
    return list(selection.get(charts.SELECTION, []) or [])


def _show_records(title: str, **where) -> None:
    rows, total = call(com.list_awards, actor=user, flt=flt, limit=SHOWN_ROWS, **where)
    st.markdown(f"**{title}** — {format_int(total)} bản ghi")
    if total > len(rows):
        st.caption(f"Hiển thị {format_int(len(rows))} bản ghi mới nhất.")
    st.dataframe(
        [
            {
                "Năm": r.year,
                "Đối tượng": r.labels["recipient"],
                "Họ tên / tập thể": r.recipient_name,
                "Đơn vị": r.unit_name,
                "Hình thức, danh hiệu": r.form_label,
                "Cấp khen": r.issuer_name,
                "Khối": r.labels["level"],
                "Số quyết định": r.decision_number,
                "Ngày": format_date(r.decision_date),
                "Dịp": r.occasion_name,
                "Thành tích": r.achievement,
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
        column_config={"Năm": st.column_config.NumberColumn(format="%d")},
    )


def _series_filter(series: str) -> dict:
    if stack == stats.Series.FORM and ":" in series:
        form_id, level = series.split(":", 1)
        return {"form_id": int(form_id), "issuer_level": level}
    return {"issuer_level": series}


def _chart_with_records(
    chart, key: str, stem: str, on_pick, *, height="content", caption: str | None = None
) -> None:
    """A chart whose bars list their records when clicked. Drawn in a fragment: a click on a
    bar reruns this chart and its list only, not the page's filters, cards and other tabs."""

    @st.fragment
    def body() -> None:
        event = st.altair_chart(
            chart,
            on_select="rerun",
            selection_mode=charts.SELECTION,
            key=key,
            width="stretch",
            height=height,
        )
        if caption:
            st.caption(caption)
        _downloads(chart, stem)
        picked = _selected(event)
        if picked:
            on_pick(picked[0])
        else:
            st.caption("Bấm vào một cột để xem danh sách khen thưởng của cột đó.")

    body()


# Only the open tab runs (and queries): a click elsewhere costs the filters, the cards and one tab.
tabs = dict(zip(TABS, st.tabs(TABS, key=TAB, on_change="rerun"), strict=True))

if tabs["Theo năm"].open:
    with tabs["Theo năm"]:
        points = call(stats.by_year, actor=user, flt=flt, series=stack, measure=measure)

        def _pick_year(point: dict) -> None:
            label = next((p.label for p in points if p.series == point.get("series")), "")
            _show_records(
                f"Năm {point['year']} · {label}",
                year=int(point["year"]),
                **_series_filter(str(point.get("series", ""))),
            )

        _chart_with_records(
            charts.year_chart(
                points,
                measure_label=measure_label,
                by_level=stack == stats.Series.LEVEL,
                title=f"{AWARD_KIND_LABELS[AwardKind(kind)]} theo năm, {period}",
            ),
            f"{CHART_YEAR}_{view}",
            f"khen-thuong-theo-nam-{period}",
            _pick_year,
            caption="Mỗi cột đếm số đối tượng không trùng trong nhóm đó; một người được hai cấp "
            "khen trong cùng năm xuất hiện ở cả hai phần cột."
            if measure == stats.Measure.RECIPIENTS
            else None,
        )

if tabs["Tập thể và cá nhân"].open:
    with tabs["Tập thể và cá nhân"]:
        points = call(
            stats.by_year, actor=user, flt=flt, series=stats.Series.RECIPIENT, measure=measure
        )

        def _pick_recipient(point: dict) -> None:
            label = "Tập thể" if point.get("series") == "tap_the" else "Cá nhân"
            _show_records(
                f"Năm {point['year']} · {label}",
                year=int(point["year"]),
                recipient_type=str(point.get("series")),
            )

        _chart_with_records(
            charts.recipient_chart(
                points, measure_label=measure_label, title=f"Tập thể và cá nhân, {period}"
            ),
            f"{CHART_RECIPIENT}_{view}",
            f"tap-the-ca-nhan-{period}",
            _pick_recipient,
        )

if tabs["Theo đơn vị"].open:
    with tabs["Theo đơn vị"]:

        def _pick_unit(point: dict) -> None:
            group = int(point.get("unit_id", stats.NO_UNIT))
            rtype = str(point.get("series", "")) or None
            name = next((p.name for p in unit_points if p.unit_id == group), "")
            if group == stats.NO_UNIT:
                _show_records(name, no_unit=True, recipient_type=rtype)
            else:
                groups = call(stats.unit_groups, parent_id=unit_id)
                members = next((sorted(m) for gid, _n, m in groups if gid == group), [group])
                _show_records(name, unit_ids=members, recipient_type=rtype)

        _chart_with_records(
            charts.unit_chart(
                unit_points,
                measure_label=measure_label,
                title=f"Theo đơn vị (kể cả đơn vị chưa có), {period}",
            ),
            f"{CHART_UNIT}_{view}",
            f"theo-don-vi-{period}",
            _pick_unit,
            height=charts.unit_chart_height(len(unit_points)),
        )

if tabs["Xu hướng"].open:
    with tabs["Xu hướng"]:
        trend_points = call(stats.trend, actor=user, flt=flt, measure=measure)
        chart = charts.trend_chart(
            trend_points, measure_label=measure_label, title=f"Xu hướng {kind_label}, {period}"
        )
        st.altair_chart(chart, key=CHART_TREND, width="stretch")
        st.caption("Đường nét đứt: trung bình ba năm liền kề.")
        _downloads(chart, f"xu-huong-{period}")

if tabs["Bảng báo cáo"].open:
    with tabs["Bảng báo cáo"]:
        table = call(
            stats.report_table, actor=user, year_from=year_from, year_to=year_to, unit_id=unit_id
        )
        st.subheader(cio.report_title(table))
        st.info(stats.report_sentence(table))
        rows = stats.report_rows(table)
        numbers = ("Tập thể", "Cá nhân", "Cộng")
        # A static table: "Mục" wraps at any width instead of being cut to a fixed column.
        st.table(
            [{k: format_int(v) if k in numbers else v for k, v in row.items()} for row in rows]
        )
        st.caption(
            "Số lượt: một tập thể, cá nhân được khen hai lần tính hai lượt. “Trong đó” "
            "nêu các hình thức khen thưởng của cấp trên cơ sở."
        )
        row = st.container(horizontal=True, wrap=True)
        stem = f"bao-cao-khen-thuong-{period}"
        row.download_button(
            "Tải Excel",
            data=lambda: cio.report_xlsx(table),
            file_name=f"{stem}.xlsx",
            mime=cio.XLSX_MIME,
            on_click="ignore",
            icon=":material/table:",
            key="com_dash_report_xlsx",
        )
        row.download_button(
            "Tải DOCX",
            data=lambda: cio.report_docx(table),
            file_name=f"{stem}.docx",
            mime=cio.DOCX_MIME,
            on_click="ignore",
            icon=":material/description:",
            key="com_dash_report_docx",
        )

st.caption(f"Số liệu tính đến {format_date(local_today())}.")
