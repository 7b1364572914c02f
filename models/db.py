"""Engine and session setup. One engine per process; one session per operation."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

SQLITE_BUSY_TIMEOUT_MS = 10_000
# SQLite connections are a file handle each; a pool larger than the script threads that run at
# once means a reader never queues behind writers (WAL readers do not block). Measured: with
# 5 + 10, 1,000 members saw "QueuePool limit ... timed out" at registration.
SQLITE_POOL_SIZE = 20
SQLITE_MAX_OVERFLOW = 200
PG_POOL_SIZE = 10
PG_MAX_OVERFLOW = 20
POOL_TIMEOUT_SECONDS = 30
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
_HOLDS = "gs_write_lock"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _serialise_sqlite_writers(engine: Engine) -> None:
    """SQLite has one writer at a time. Left to itself, each waiting writer polls the lock with
    sleeps of up to 100 ms (its busy handler), so under a burst the queue drains slowly and in no
    order. Writers of this process queue on one lock instead, taken just before a transaction's
    first write and handed over the moment the previous one commits; other processes still meet
    at SQLite's lock, with the busy timeout."""
    lock = threading.RLock()

    def before(conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        info = conn.info
        if info.get(_HOLDS) or not statement.lstrip()[:7].upper().startswith(_WRITES):
            return
        if not lock.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000):
            raise OperationalError(statement, None, sqlite3.OperationalError("database is locked"))
        info[_HOLDS] = True

    def release(info: dict) -> None:
        if info.pop(_HOLDS, False):
            lock.release()

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "commit", lambda conn: release(conn.info))
    event.listen(engine, "rollback", lambda conn: release(conn.info))
    # A connection handed back to the pool without commit or rollback (an error mid-way).
    event.listen(engine, "reset", lambda _dbapi, record, _state: release(record.info))
    event.listen(engine, "close", lambda _dbapi, record: release(record.info))


def make_engine(
    database_url: str,
    *,
    pool_size: int | None = None,
    max_overflow: int | None = None,
    pool_timeout: float = POOL_TIMEOUT_SECONDS,
) -> Engine:
    if database_url.startswith("sqlite"):
        path = database_url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            database_url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            pool_size=pool_size or SQLITE_POOL_SIZE,
            max_overflow=SQLITE_MAX_OVERFLOW if max_overflow is None else max_overflow,
            pool_timeout=pool_timeout,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        _serialise_sqlite_writers(engine)
        return engine
    return create_engine(
        database_url,
        pool_pre_ping=True,
        pool_size=pool_size or PG_POOL_SIZE,
        max_overflow=PG_MAX_OVERFLOW if max_overflow is None else max_overflow,
        pool_timeout=pool_timeout,
    )


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A unit of work: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
