"""Demo data for the commendations module."""

from sqlmodel import Session

from services.settings import Settings


def seed(*, session: Session, settings: Settings) -> None:
    """Nothing yet: the commendations module has not landed."""
