"""Demo data for the catalogue module."""

from sqlmodel import Session

from services.settings import Settings


def seed(*, session: Session, settings: Settings) -> None:
    """Nothing yet: the catalogue module has not landed."""
