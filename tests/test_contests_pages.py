"""AppTest: the three contests pages render for their roles, building and taking work."""

from __future__ import annotations

import pytest

from models.accounts import Role


@pytest.mark.parametrize("role", [Role.ADMIN, Role.ORGANISER])
def test_manage_page_renders(demo_engine, run_page, role):
    at = run_page("contests_manage", role)
    assert not at.exception, at.exception
    assert any("Kiểm tra trước khi công bố" in s.value for s in at.subheader)
    assert len(at.tabs) == 3


def test_manage_page_refuses_members(demo_engine, run_page):
    at = run_page("contests_manage", Role.MEMBER)
    assert not at.exception
    assert "không được mở trang" in at.error[0].value


@pytest.mark.parametrize("role", [Role.LEADER, Role.ORGANISER])
def test_results_page_renders_ranking_prizes_and_statistics(demo_engine, run_page, role):
    at = run_page("contests_results", role)
    assert not at.exception, at.exception
    assert len(at.tabs) == 4
    text = " ".join(m.value for m in at.markdown)
    assert "Giải tập thể" in text
    assert at.dataframe, "the ranking table is shown"
