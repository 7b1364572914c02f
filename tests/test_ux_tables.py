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


# Tabs that run only their open body (st.tabs(..., on_change="rerun")): page -> state key.
RERUN_TABS = {
    "contests_results": "contests_results_tab",
    "contests_manage": "contests_manage_tab",
    "commendations_dashboard": "com_dash_tab",
    "commendations_manage": "com_manage_tab",
}


def _frames(at) -> list[pd.DataFrame]:
    return [e.value for e in [*at.dataframe, *at.table] if isinstance(e.value, pd.DataFrame)]


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
        frames = _frames(at)
        if spec.key in RERUN_TABS:
            for label in [tab.label for tab in at.tabs][1:]:
                at.session_state[RERUN_TABS[spec.key]] = label
                at.run()
                assert not at.exception, f"{spec.key} / {label}: {at.exception}"
                frames += _frames(at)
        found = [problem for frame in frames for problem in _nulls(frame)]
        if found:
            problems[spec.key] = found
        seen += len(frames)
    if role is not Role.MEMBER:  # a member's pages have no table
        assert seen, "không thấy bảng nào: phép kiểm tra không còn nhìn thấy dữ liệu"
    assert problems == {}, f"Ô trống sẽ hiện 'None' khi {role.value} mở: {problems}"


def test_the_accounts_table_shows_plain_unit_names(demo_engine, run_page):
    """A flat table is no tree: the "Đơn vị" column shows the unit's name, without the indent the
    unit pickers below it draw (which stay indented)."""
    from sqlmodel import Session, select

    from models.accounts import Unit, User
    from services.units import TREE_INDENT

    at = run_page("admin_users", Role.ADMIN, username="admin")
    assert not at.exception
    with Session(demo_engine) as session:
        expected = {
            u.username: unit.name
            for u, unit in session.exec(select(User, Unit).join(Unit, User.unit_id == Unit.id))
        }
        nested = session.exec(select(Unit).where(Unit.parent_id.is_not(None))).first()
    frame = at.dataframe[0].value
    shown = dict(zip(frame["Tên đăng nhập"], frame["Đơn vị"], strict=True))
    assert {name: shown[name] for name in expected} == expected
    assert not [unit for unit in shown.values() if unit.startswith(TREE_INDENT)]
    picker = next(s for s in at.selectbox if s.label == "Đơn vị")
    assert any(option.endswith(TREE_INDENT + nested.name) for option in picker.options)
