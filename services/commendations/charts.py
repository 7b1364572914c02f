"""Altair charts of commendations: pure functions from aggregated points to a chart.

They take the few dozen rows the database returned (see `commendations_stats`), never award
records, and are tested through their Vega-Lite spec (`chart.to_dict()`). Each bar chart
carries a point selection named `SELECTION` so that a click lists the records behind a bar.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import altair as alt
import pandas as pd

from models.commendations import ISSUER_LEVEL_LABELS, IssuerLevel, RecipientType
from services.commendations.stats import UnitPoint, YearPoint

SELECTION = "chon"
FONT = "DejaVu Sans"
FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
MAX_CHART_ROWS = 5_000
LEVEL_COLOURS = {
    IssuerLevel.PARTY: "#c62828",
    IssuerLevel.STATE: "#1565c0",
    IssuerLevel.MASS: "#2e7d32",
}
RECIPIENT_COLOURS = {"Tập thể": "#ef6c00", "Cá nhân": "#00838f"}


def _frame(rows: list[dict]) -> pd.DataFrame:
    if len(rows) > MAX_CHART_ROWS:
        raise ValueError(f"Biểu đồ nhận quá {MAX_CHART_ROWS} dòng.")
    return pd.DataFrame(rows)


def _empty(title: str) -> alt.Chart:
    return (
        alt.Chart(pd.DataFrame({"text": ["Chưa có dữ liệu trong giai đoạn này"]}))
        .mark_text(size=14, color="#666")
        .encode(text="text:N")
        .properties(title=title, height=120)
    )


def year_chart(
    points: list[YearPoint],
    *,
    measure_label: str = "Lượt khen",
    title: str = "Khen thưởng theo năm",
    by_level: bool = True,
) -> alt.Chart:
    """Stacked bars per year. By level the colours are fixed (Đảng red, Nhà nước blue, đoàn
    thể green); by form each series label already names its level ("Giấy khen · Đảng")."""
    if not points:
        return _empty(title)
    data = _frame(
        [
            {
                "year": p.year,
                "series": p.series,
                "label": p.label,
                "value": p.value,
                "level": ISSUER_LEVEL_LABELS.get(IssuerLevel(p.level), "") if p.level else "",
            }
            for p in points
        ]
    )
    selection = alt.selection_point(name=SELECTION, fields=["year", "series"])
    if by_level:
        present = [lvl for lvl in LEVEL_COLOURS if lvl in {p.level for p in points}]
        colour = alt.Color(
            "label:N",
            title="Khối cấp khen",
            scale=alt.Scale(
                domain=[ISSUER_LEVEL_LABELS[x] for x in present],
                range=[LEVEL_COLOURS[x] for x in present],
            ),
        )
    else:
        colour = alt.Color(
            "label:N", title="Hình thức · khối cấp khen", legend=alt.Legend(labelLimit=260)
        )
    return (
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Năm", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(value):Q", title=measure_label, stack="zero"),
            color=colour,
            order=alt.Order("series:N"),
            opacity=alt.condition(selection, alt.value(1.0), alt.value(0.45)),
            tooltip=[
                alt.Tooltip("year:O", title="Năm"),
                alt.Tooltip("label:N", title="Nhóm"),
                alt.Tooltip("level:N", title="Khối"),
                alt.Tooltip("sum(value):Q", title=measure_label, format=",d"),
            ],
        )
        .add_params(selection)
        .properties(height=340)
    )


def recipient_chart(
    points: list[YearPoint], *, measure_label: str = "Lượt khen", title: str = "Tập thể và cá nhân"
) -> alt.Chart:
    """Side-by-side bars per year: tập thể and cá nhân."""
    if not points:
        return _empty(title)
    data = _frame(
        [{"year": p.year, "series": p.series, "label": p.label, "value": p.value} for p in points]
    )
    selection = alt.selection_point(name=SELECTION, fields=["year", "series"])
    labels = [x for x in RECIPIENT_COLOURS if x in set(data["label"])]
    return (
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Năm", axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("label:N", sort=labels),
            y=alt.Y("value:Q", title=measure_label),
            color=alt.Color(
                "label:N",
                title="Đối tượng",
                scale=alt.Scale(domain=labels, range=[RECIPIENT_COLOURS[x] for x in labels]),
            ),
            opacity=alt.condition(selection, alt.value(1.0), alt.value(0.45)),
            tooltip=[
                alt.Tooltip("year:O", title="Năm"),
                alt.Tooltip("label:N", title="Đối tượng"),
                alt.Tooltip("value:Q", title=measure_label, format=",d"),
            ],
        )
        .add_params(selection)
        .properties(height=320)
    )


def unit_chart(
    points: list[UnitPoint], *, measure_label: str = "Lượt khen", title: str = "Theo đơn vị"
) -> alt.Chart:
    """Horizontal stacked bars per unit, tập thể and cá nhân; units with none keep their row
    (a zero bar and the figure 0 beside it)."""
    if not points:
        return _empty(title)
    rows = []
    for p in points:
        for label, value, rtype in (
            ("Tập thể", p.collective, RecipientType.COLLECTIVE),
            ("Cá nhân", p.individual, RecipientType.INDIVIDUAL),
        ):
            rows.append(
                {
                    "unit_id": p.unit_id,
                    "unit": p.name,
                    "order": p.sort_order,
                    "label": label,
                    "series": str(rtype),
                    "value": value,
                    "total": p.value,
                }
            )
    data = _frame(rows)
    order = [p.name for p in sorted(points, key=lambda p: p.sort_order)]
    selection = alt.selection_point(name=SELECTION, fields=["unit_id", "series"])
    y = alt.Y("unit:N", title=None, sort=order, axis=alt.Axis(labelLimit=300))
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("value:Q", title=measure_label, stack="zero"),
            color=alt.Color(
                "label:N",
                title="Đối tượng",
                scale=alt.Scale(
                    domain=list(RECIPIENT_COLOURS), range=list(RECIPIENT_COLOURS.values())
                ),
            ),
            opacity=alt.condition(selection, alt.value(1.0), alt.value(0.45)),
            tooltip=[
                alt.Tooltip("unit:N", title="Đơn vị"),
                alt.Tooltip("label:N", title="Đối tượng"),
                alt.Tooltip("value:Q", title=measure_label, format=",d"),
            ],
        )
        .add_params(selection)
    )
    totals = (
        alt.Chart(data)
        .transform_filter(alt.datum.series == str(RecipientType.COLLECTIVE))
        .mark_text(align="left", dx=4, color="#333")
        .encode(y=y, x=alt.X("total:Q"), text=alt.Text("total:Q", format=",d"))
    )
    return alt.layer(bars, totals, title=title).properties(
        height=unit_chart_height(len(points)) - 60
    )


def unit_chart_height(bars: int) -> int:
    """Room for every unit's name (none is skipped), plus the title and the axis."""
    return max(220, 28 * bars + 60)


def trend_chart(
    points: list[YearPoint], *, measure_label: str = "Lượt khen", title: str = "Xu hướng"
) -> alt.Chart:
    """Yearly totals as a line, with the moving average over three years dashed."""
    if not points:
        return _empty(title)
    data = _frame([{"year": p.year, "value": p.value} for p in points])
    base = alt.Chart(data).encode(x=alt.X("year:O", title="Năm", axis=alt.Axis(labelAngle=0)))
    line = base.mark_line(point=True, color="#c62828").encode(
        y=alt.Y("value:Q", title=measure_label),
        tooltip=[
            alt.Tooltip("year:O", title="Năm"),
            alt.Tooltip("value:Q", title=measure_label, format=",d"),
        ],
    )
    average = (
        base.transform_window(average="mean(value)", frame=[-2, 0], sort=[{"field": "year"}])
        .mark_line(strokeDash=[6, 4], color="#555")
        .encode(
            y=alt.Y("average:Q", title=measure_label),
            tooltip=[
                alt.Tooltip("year:O", title="Năm"),
                alt.Tooltip("average:Q", title="Trung bình 3 năm", format=",.1f"),
            ],
        )
    )
    return alt.layer(line, average, title=title).properties(height=300)


# ---------------------------------------------------------------------------------------------
# PNG and SVG (vl-convert, with the bundled DejaVu fonts so that Vietnamese marks render)
# ---------------------------------------------------------------------------------------------


@cache
def _converter():
    import vl_convert as vlc

    if FONT_DIR.exists():
        vlc.register_font_directory(str(FONT_DIR))
    return vlc


def _export_spec(chart: alt.TopLevelMixin) -> str:
    spec = chart.to_dict()
    config = spec.setdefault("config", {})
    config["font"] = FONT
    if "width" not in spec and "hconcat" not in spec:
        spec["width"] = 640
    spec.setdefault("background", "white")
    return json.dumps(spec)


def to_png(chart: alt.TopLevelMixin, *, scale: float = 2) -> bytes:
    return _converter().vegalite_to_png(_export_spec(chart), scale=scale)


def to_svg(chart: alt.TopLevelMixin) -> str:
    return _converter().vegalite_to_svg(_export_spec(chart))
