"""Telling a busy SQLite from an unreachable database, on real errors."""

import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from models.db import make_engine
from services.database import is_busy


def test_a_lock_held_past_the_busy_timeout_is_busy_not_unreachable(tmp_path):
    path = tmp_path / "ban.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    waiter = sqlite3.connect(path, timeout=0.05)
    with pytest.raises(sqlite3.OperationalError) as caught:
        waiter.execute("INSERT INTO t VALUES (1)")
    holder.execute("ROLLBACK")
    # SQLAlchemy wraps the driver's error this way; the message is SQLite's own.
    assert is_busy(OperationalError("INSERT INTO t VALUES (1)", {}, caught.value))


def test_a_refused_connection_is_not_busy():
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(OperationalError) as caught:
        engine.connect()
    assert not is_busy(caught.value)
