"""The login check costs one query per run (issue 10): the router resolves the session and the
page's `guard` in the same run reuses it; a session revoked elsewhere is still refused on the
very next run. Statements are counted with SQLAlchemy's `before_cursor_execute` event."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine

from models.accounts import Role
from models.db import session_scope
from services.accounts import auth
from ui.auth import AUTH_TOKEN


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


def _session_lookups(statements: list[str]) -> list[str]:
    return [s for s in statements if "FROM authsession" in s]


def test_one_session_lookup_per_run_and_revocation_still_refused(run_page, engine):
    at = run_page("contests_take", Role.MEMBER)
    assert not at.exception
    with counted() as statements:
        at.run()
    assert not at.exception
    assert len(_session_lookups(statements)) == 1, _session_lookups(statements)

    with session_scope(engine) as session:
        auth.revoke_session(session=session, token=at.session_state[AUTH_TOKEN])
    at.run()
    assert not at.exception
    assert AUTH_TOKEN not in at.session_state
    assert any(b.label == "Đăng nhập" for b in at.button), [b.label for b in at.button]
