"""Demo data drawn from the articles in shared/seeds. Each feature adds one step here.

Every step is idempotent: it does nothing when its data is already there, so the app can call
`seed_demo` at each start and tests can reuse the same data.
"""

from __future__ import annotations

from sqlmodel import Session

from services.demo import catalogue, commendations, contests, units_accounts
from services.notebook import demo as notebook_demo
from services.settings import Settings

DEMO_PASSWORD = units_accounts.DEMO_PASSWORD
DEMO_ACCOUNTS = units_accounts.DEMO_ACCOUNTS

STEPS = (units_accounts.seed, catalogue.seed, commendations.seed, contests.seed, notebook_demo.seed)


def seed_demo(*, session: Session, settings: Settings) -> None:
    for step in STEPS:
        step(session=session, settings=settings)
        session.flush()
