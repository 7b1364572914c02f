"""Demo data for the contests module."""

from sqlmodel import Session

from services.settings import Settings


def seed(*, session: Session, settings: Settings) -> None:
    """Nothing yet: the contests module has not landed."""
