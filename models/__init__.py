"""SQLModel tables. Importing this package registers every table on `SQLModel.metadata`."""

from models import accounts, catalogue, commendations, contests, notebook  # noqa: F401
from models.accounts import AuthSession, AuthTicket, LoginThrottle, Role, Unit, User  # noqa: F401
