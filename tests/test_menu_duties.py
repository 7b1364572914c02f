"""The notebook's two duty pages ("Chi ủy xem sổ tay", "Tổ của tôi") are in the menu of those
who hold the duty only; the login check that runs on every run reads the duties, on SQLite and
PostgreSQL, so a member named to a committee sees the entry at their next click."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.accounts import Role, Unit
from models.db import session_scope
from models.notebook import CellCommittee, NotebookGroup
from services.accounts import auth
from tests.fixtures import login_token
from ui import nav

DUTY_PAGES = {"notebook_cell": auth.DUTY_COMMITTEE, "notebook_group": auth.DUTY_GROUP}


@pytest.fixture(autouse=True)
def _no_menu_left_behind():
    """Pages built here, outside a Streamlit run, resolve their files without the app's main
    script: they must not stay in the menu cache for the app tests that follow."""
    nav._menu_template.cache_clear()
    yield
    nav._menu_template.cache_clear()


def _visibility(role: str, duties: frozenset[str] = frozenset()) -> dict[str, str]:
    """Page key → "visible" / "hidden"; the menu lists every page in the table's order."""
    menu = nav.menu_for(role, duties)
    flat = [page for pages in menu.values() for page in pages]
    assert len(flat) == len(nav.PAGES)
    return {key: page.visibility for key, page in zip(nav.PAGES, flat, strict=True)}


def _shown(role: str, duties: frozenset[str]) -> set[str]:
    return {key for key, seen in _visibility(role, duties).items() if seen == "visible"}


@pytest.mark.parametrize("role", [Role.MEMBER, Role.LEADER, Role.ORGANISER, Role.ADMIN])
@pytest.mark.parametrize(
    "duties",
    [frozenset(), {auth.DUTY_COMMITTEE}, {auth.DUTY_GROUP}, {auth.DUTY_COMMITTEE, auth.DUTY_GROUP}],
    ids=["none", "committee", "group", "both"],
)
def test_duty_pages_are_in_the_menu_of_their_holders_only(role, duties):
    shown = _shown(role.value, frozenset(duties))
    for key, duty in DUTY_PAGES.items():
        assert (key in shown) == (duty in duties), (key, role, duties)
    assert "notebook_mine" in shown  # every member keeps their own notebook


@pytest.mark.parametrize("key", list(DUTY_PAGES))
def test_a_duty_page_stays_routed_for_everyone(key):
    """Hidden from the menu, not removed: its address still opens the page, which says why it
    is empty (no committee, no group)."""
    assert _visibility(Role.MEMBER.value)[key] == "hidden"


def test_the_login_check_reads_the_duties_as_they_change(engine):
    token = login_token(engine, "chiuy", Role.MEMBER)
    with session_scope(engine) as session:
        user = auth.resolve_session(session=session, token=token)
        assert (user.on_committee, user.leads_group) == (False, False)
        assert user.duties == frozenset()
        unit = Unit(name="Chi bộ Văn phòng")
        session.add(unit)
        session.flush()
        session.add(CellCommittee(unit_id=unit.id, user_id=user.id))
    with session_scope(engine) as session:
        user = auth.resolve_session(session=session, token=token)
        assert user.duties == {auth.DUTY_COMMITTEE}
        unit_id = session.exec(select(Unit.id)).first()
        session.add(NotebookGroup(unit_id=unit_id, name="Tổ 1", leader_id=user.id))
    with session_scope(engine) as session:
        user = auth.resolve_session(session=session, token=token)
        assert user.duties == {auth.DUTY_COMMITTEE, auth.DUTY_GROUP}
        assert {"notebook_cell", "notebook_group"} <= _shown(user.role, user.duties)
