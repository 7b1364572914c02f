"""AppTest: no table of any page, for any role, hands Streamlit an empty cell it would draw as
"None" (the data grid writes a null as the English word, whatever the column type).

The grid draws on a canvas, so the browser test cannot read its cells; the data each page
passes is checked here instead, on the demo data, as each role that sees the page."""

from __future__ import annotations

import pandas as pd
import pytest

from models.accounts import Role
from ui.nav import PAGES

USERS = {
    Role.ADMIN: "admin",
    Role.ORGANISER: "tochuc",
    Role.LEADER: "lanhdao",
    Role.MEMBER: "thanhvien",
}


def _nulls(frame: pd.DataFrame) -> list[str]:
    """'column (...)' for each column with a null cell or a fraction the grid would write with a
    decimal point."""
    counts = frame.isna().sum()
    found = [f"{column} ({int(n)} ô trống)" for column, n in counts.items() if n]
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_float_dtype(values) and ((values.dropna() % 1) != 0).any():
            # the grid would write 12.5 (English decimal point), not 12,5
            found.append(f"{column} (số thập phân viết kiểu Anh)")
    return found


@pytest.mark.parametrize("role", list(USERS), ids=lambda r: r.value)
def test_no_table_shows_none(demo_engine, run_page, role):
    problems: dict[str, list[str]] = {}
    seen = 0
    for spec in PAGES.values():
        if role not in spec.roles:
            continue
        at = run_page(spec.key, role, username=USERS[role])
        assert not at.exception, f"{spec.key}: {at.exception}"
        found = []
        for element in [*at.dataframe, *at.table]:
            frame = element.value
            if isinstance(frame, pd.DataFrame):
                found += _nulls(frame)
        if found:
            problems[spec.key] = found
        seen += len([*at.dataframe, *at.table])
    if role is not Role.MEMBER:  # a member's pages have no table
        assert seen, "không thấy bảng nào: phép kiểm tra không còn nhìn thấy dữ liệu"
    assert problems == {}, f"Ô trống sẽ hiện 'None' khi {role.value} mở: {problems}"
