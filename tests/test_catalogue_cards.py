"""Gallery card layout (issue 13): unit names whole, a collective's own name not repeated."""

from __future__ import annotations

import pytest

from models.catalogue import CatalogueCard
from ui.catalogue_widgets import card_html

LONG_UNIT = "Đảng bộ Sở Giáo dục và Đào tạo"


def _card(kind: str, name: str, unit: str) -> CatalogueCard:
    return CatalogueCard(
        id=1,
        kind=kind,
        name=name,
        unit_name=unit,
        field="Giáo dục",
        year_from=2016,
        year_to=2021,
        featured=False,
        status="published",
        summary="",
    )


@pytest.mark.parametrize(
    ("kind", "name", "unit", "times"),
    [
        ("tap_the", LONG_UNIT, LONG_UNIT, 1),  # the collective is its own unit: once
        ("tap_the", LONG_UNIT, f" {LONG_UNIT.upper()} ", 1),
        ("tap_the", f"Tập thể {LONG_UNIT}", LONG_UNIT, 0),  # the name says the unit already
        ("mo_hinh", "Khu phố hiếu học", LONG_UNIT, 1),
        ("ca_nhan", "Nguyễn Văn A", LONG_UNIT, 1),
    ],
)
def test_card_names_its_unit_once_and_whole(kind, name, unit, times):
    html = card_html(_card(kind, name, unit))
    assert html.count(f">{LONG_UNIT}<") == times  # shown (a title attribute aside)
    assert html.count(LONG_UNIT) <= 2
    assert "gs-unit" in html  # the unit line wraps to two lines instead of being cut
