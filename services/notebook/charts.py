"""Altair charts of the notebook rates, from the few rows `stats.unit_rates` returned. Each bar
carries the point selection `SELECTION` so that a click lists who is missing."""

from __future__ import annotations

import altair as alt
import pandas as pd

from services.notebook.stats import UnitRate
from services.vi import format_percent

SELECTION = "chon"
FONT = "DejaVu Sans"


def rate_chart(rates: list[UnitRate], *, title: str) -> alt.Chart:
    frame = pd.DataFrame(
        [
            {
                "unit_id": r.unit_id,
                "unit": r.name,
                "rate": round(r.rate * 100, 1),
                "label": f"{r.registered}/{r.headcount} · {format_percent(r.rate)}",
                "state": "Chậm" if r.rate < 0.8 else "Đạt",
            }
            for r in rates
        ]
    )
    if frame.empty:
        frame = pd.DataFrame({"unit_id": [], "unit": [], "rate": [], "label": [], "state": []})
    selection = alt.selection_point(name=SELECTION, fields=["unit_id"])
    base = alt.Chart(frame).encode(
        y=alt.Y("unit:N", sort="x", title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("rate:Q", title="Tỉ lệ đăng ký (%)", scale=alt.Scale(domain=[0, 100])),
    )
    bars = (
        base.mark_bar()
        .encode(
            color=alt.Color(
                "state:N",
                title=None,
                scale=alt.Scale(domain=["Đạt", "Chậm"], range=["#2e7d32", "#c62828"]),
            ),
            opacity=alt.condition(selection, alt.value(1), alt.value(0.5)),
            tooltip=[
                alt.Tooltip("unit:N", title="Đơn vị"),
                alt.Tooltip("label:N", title="Đăng ký"),
            ],
        )
        .add_params(selection)
    )
    text = base.mark_text(align="left", dx=3, font=FONT, fontSize=11).encode(text="label:N")
    return (
        (bars + text).properties(title=title, height=max(120, 26 * len(frame))).configure(font=FONT)
    )


def review_chart(rates: list[UnitRate], *, title: str) -> alt.Chart:
    """Monthly reviews done, by month, for the chosen units."""
    frame = pd.DataFrame(
        [
            {"unit": r.name, "month": m, "count": r.reviews.get(m, 0)}
            for r in rates
            for m in range(1, 13)
        ]
    )
    if frame.empty:
        frame = pd.DataFrame({"unit": [], "month": [], "count": []})
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("month:O", title="Tháng"),
            y=alt.Y("count:Q", title="Số đồng chí tự kiểm điểm"),
            color=alt.Color("unit:N", title="Đơn vị"),
            tooltip=["unit:N", "month:O", "count:Q"],
        )
        .properties(title=title, height=260)
        .configure(font=FONT)
    )
