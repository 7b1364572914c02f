"""What one click on the dashboard costs in SQL statements (issue 11): every statement the
app sends during the rerun a click starts is counted with SQLAlchemy's `before_cursor_execute`
event, on the demo data through AppTest."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from models.accounts import Role

DASHBOARD = "commendations_dashboard"


@contextmanager
def counted():
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def _aggregates(statements: list[str]) -> list[str]:
    """GROUP BY / count statements: the dashboard's figures, not the login's lookups."""
    return [s for s in statements if "GROUP BY" in s.upper() or "COUNT(" in s.upper()]


@pytest.mark.parametrize("click", ["preset", "measure"])
def test_one_click_runs_few_aggregate_queries(demo_engine, run_page, click):
    at = run_page(DASHBOARD, Role.LEADER, query={"tu": "2016", "den": "2021"})
    assert not at.exception
    with counted() as statements:
        if click == "preset":
            at.button(key="com_dash_preset_5 năm gần nhất").click().run()
        else:
            at.radio(key="com_dash_measure").set_value("doi_tuong").run()
    assert not at.exception
    aggregates = _aggregates(statements)
    print(f"\n{click}: {len(statements)} statements, {len(aggregates)} aggregates")
    assert len(aggregates) <= 4, aggregates
