"""The app factory: from one settings object, everything a process of the app needs, once.

`create_app(settings)` builds the engine, brings the schema to head (Alembic owns it), seeds
the demo when asked, and returns an `App`. Both entry points call it: asgi.py (our routes, at
start-up) and ui/resources.py (the Streamlit script's cached resources). With
`streamlit run asgi.py` they run in one process, so the second call finds the first app and
returns it: one engine, one migration, one seeding per process.

A database that cannot be reached is weather, not a bug: the call raises `UserError` with the
message the pages show, keeps the engine, and the next call tries again.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from models.db import make_engine
from services.database import UNREACHABLE, prepare_database
from services.errors import UserError
from services.settings import Settings

log = logging.getLogger("guongsang")


@dataclass(eq=False)
class App:
    settings: Settings
    engine: Engine
    # True once the schema is at head (and the demo seeded when asked) in this process.
    ready: bool = field(default=False, init=False)


_LOCK = threading.Lock()
_current: App | None = None
engines_built = 0  # in this process; a second entry point reuses the first app's engine


def current_app() -> App | None:
    """The app this process last created, if any (ready or still waiting for its database)."""
    return _current


def create_app(settings: Settings, *, seed: bool | None = None) -> App:
    """The process's app for `settings`: built and prepared on the first call, then returned
    as is. `seed` (default: demo mode) fills an empty database with the demo data.

    Other settings than last time (tests do that) make a new app; the old engine's idle
    connections are closed."""
    global _current, engines_built
    app = _current
    if app is not None and app.ready and app.settings == settings:
        return app  # the common case, without the lock
    with _LOCK:
        app = _current
        if app is None or app.settings != settings:
            if app is not None:
                app.engine.dispose()
            app = App(
                settings=settings,
                engine=make_engine(
                    settings.database_url,
                    pool_size=settings.db_pool_size,
                    max_overflow=settings.db_max_overflow,
                    pool_timeout=settings.db_pool_timeout,
                ),
            )
            engines_built += 1
            _current = app
        if not app.ready:
            seeding = settings.demo_mode if seed is None else seed
            try:
                prepare_database(app.engine, settings, seed=seeding)
            except OperationalError as exc:
                raise UserError(UNREACHABLE) from exc
            app.ready = True
            log.info(
                "Cơ sở dữ liệu %s đã sẵn sàng (lược đồ mới nhất%s).",
                app.engine.dialect.name,
                ", dữ liệu trình diễn" if seeding else "",
            )
        return app
