"""What one click on the contests results page costs in SQL statements (issue 11): choosing
another round reruns the page; only the open tab's body runs and the downloads are built when
clicked, so the certificates of every round, the results workbook, the participation and the
item statistics are not computed. Counted as tests/test_commendations_dashboard_cost.py does."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine

from models.accounts import Role


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


def _choose_another_round(at):
    box = next(s for s in at.selectbox if s.label == "Xếp hạng theo")
    at.session_state[box.key] = -1  # the whole contest (OVERALL), not the default round
    return at.run()


def test_choosing_a_round_runs_only_the_ranking(demo_engine, run_page):
    at = run_page("contests_results", Role.LEADER)
    assert not at.exception
    with counted() as statements:
        at = _choose_another_round(at)
    assert not at.exception
    print(f"\ncontests_results, another round: {len(statements)} statements")
    # Measured on the demo data: 59 before (every tab's body and the downloads built on
    # every rerun), 14 after.
    assert len(statements) <= 25, len(statements)


def test_organiser_bank_page_click_is_cheap(demo_engine, run_page):
    at = run_page("contests_manage", Role.ORGANISER)
    assert not at.exception
    with counted() as statements:
        at = at.run()
    assert not at.exception
    print(f"\ncontests_manage, one rerun: {len(statements)} statements")
    # Measured on the demo data: 39 before (bank, imports with both exports, contests), 7 after.
    assert len(statements) <= 15, len(statements)
