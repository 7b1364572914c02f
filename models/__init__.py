"""SQLModel tables. Importing this package registers every table on `SQLModel.metadata`."""

from models import (  # noqa: F401
    accounts,
    catalogue,
    commendations,
    contests,
    notebook,
    preferences,
)
from models.accounts import AuthSession, AuthTicket, LoginThrottle, Role, Unit, User  # noqa: F401
