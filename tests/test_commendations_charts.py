"""Chart builders, checked through their Vega-Lite spec; PNG/SVG export through vl-convert."""

from __future__ import annotations

import pytest

from services.commendations import charts
from services.commendations.stats import UnitPoint, YearPoint

LEVEL_POINTS = [
    YearPoint(2020, "dang", "Đảng", 2, level="dang"),
    YearPoint(2020, "nha_nuoc", "Nhà nước", 1, level="nha_nuoc"),
    YearPoint(2021, "nha_nuoc", "Nhà nước", 3, level="nha_nuoc"),
]
FORM_POINTS = [
    YearPoint(2020, "1:dang", "Giấy khen · Đảng", 2, level="dang", form_id=1),
    YearPoint(2020, "1:nha_nuoc", "Giấy khen · Nhà nước", 1, level="nha_nuoc", form_id=1),
]
UNIT_POINTS = [UnitPoint(1, "A", 1, 3, 0), UnitPoint(2, "B", 2, 0, 1), UnitPoint(3, "C", 0, 0, 2)]


def _values(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


def _param_names(spec: dict) -> list[str]:
    params = spec.get("params", [])
    for layer in spec.get("layer", []):
        params += layer.get("params", [])
    return [p["name"] for p in params]


def test_year_chart_by_level_has_fixed_party_and_state_colours():
    spec = charts.year_chart(LEVEL_POINTS, measure_label="Lượt khen").to_dict()
    enc = spec["encoding"]
    assert spec["mark"]["type"] == "bar"
    assert enc["x"]["field"] == "year" and enc["x"]["type"] == "ordinal"
    assert enc["y"]["aggregate"] == "sum" and enc["y"]["stack"] == "zero"
    assert enc["y"]["title"] == "Lượt khen"
    assert enc["color"]["scale"] == {
        "domain": ["Đảng", "Nhà nước"],
        "range": ["#c62828", "#1565c0"],
    }
    assert _param_names(spec) == [charts.SELECTION]
    assert spec["params"][0]["select"] == {"type": "point", "fields": ["year", "series"]}
    assert sorted((v["year"], v["label"], v["value"]) for v in _values(spec)) == [
        (2020, "Nhà nước", 1),
        (2020, "Đảng", 2),
        (2021, "Nhà nước", 3),
    ]


def test_year_chart_by_form_names_the_level_in_each_series():
    spec = charts.year_chart(FORM_POINTS, by_level=False).to_dict()
    assert {v["label"] for v in _values(spec)} == {"Giấy khen · Đảng", "Giấy khen · Nhà nước"}
    assert spec["encoding"]["color"]["title"] == "Hình thức · khối cấp khen"


def test_recipient_chart_puts_collective_and_individual_side_by_side():
    points = [YearPoint(2020, "tap_the", "Tập thể", 1), YearPoint(2020, "ca_nhan", "Cá nhân", 2)]
    spec = charts.recipient_chart(points).to_dict()
    assert spec["encoding"]["xOffset"]["field"] == "label"
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Tập thể", "Cá nhân"]
    assert _param_names(spec) == [charts.SELECTION]


def test_unit_chart_keeps_units_with_no_award():
    spec = charts.unit_chart(UNIT_POINTS).to_dict()
    rows = _values(spec)
    assert {(v["unit"], v["label"], v["value"]) for v in rows if v["unit"] == "C"} == {
        ("C", "Tập thể", 0),
        ("C", "Cá nhân", 0),
    }
    bars = spec["layer"][0]
    assert bars["encoding"]["y"]["sort"] == ["A", "B", "C"]
    assert spec["params"][0]["name"] == charts.SELECTION
    assert spec["params"][0]["select"]["fields"] == ["unit_id", "series"]
    assert spec["layer"][1]["mark"]["type"] == "text"  # the totals, 0 included
    assert spec["height"] == charts.unit_chart_height(3) - 60


def test_trend_chart_has_a_three_year_moving_average():
    points = [YearPoint(y, "tong", "Tổng", v) for y, v in ((2019, 1), (2020, 0), (2021, 3))]
    spec = charts.trend_chart(points).to_dict()
    average = spec["layer"][1]
    assert average["transform"][0]["window"][0] == {"op": "mean", "field": "value", "as": "average"}
    assert average["transform"][0]["frame"] == [-2, 0]
    assert [v["value"] for v in _values(spec)] == [1, 0, 3]


@pytest.mark.parametrize(
    "builder", [charts.year_chart, charts.recipient_chart, charts.trend_chart, charts.unit_chart]
)
def test_empty_data_gives_a_message_not_an_error(builder):
    spec = builder([]).to_dict()
    assert _values(spec) == [{"text": "Chưa có dữ liệu trong giai đoạn này"}]


def test_never_more_than_5000_rows_to_the_browser():
    too_many = [YearPoint(2000 + i % 50, str(i), str(i), 1) for i in range(5001)]
    with pytest.raises(ValueError):
        charts.year_chart(too_many, by_level=False)


def test_png_and_svg_export_with_vietnamese_text():
    chart = charts.year_chart(LEVEL_POINTS, title="Khen thưởng theo năm")
    png = charts.to_png(chart)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    svg = charts.to_svg(chart)
    assert svg.lstrip().startswith("<svg") and "Khen thưởng theo năm" in svg
