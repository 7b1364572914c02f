"""Errors whose message is meant for the user, in Vietnamese.

Pages branch on the type (never on the words); `str(exc)` is what the user reads."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused action; `str(exc)` is shown to the user as is."""


class NotFound(UserError):
    pass


class PermissionDenied(UserError):
    pass


class InvalidInput(UserError):
    """A value the user gave is not acceptable; `field` names which one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class AttemptClosed(UserError):
    """The attempt takes no more answers: submitted, or its time is up."""


class Unavailable(UserError):
    """The database could not take the operation (busy past its retries, no free connection,
    unreachable); nothing was stored, and trying again later may work."""


class StaleView(UserError):
    """What the page shows is out of date (another tab, another server process); reload it."""


class SettingsError(UserError):
    """The configuration (environment or `.streamlit/secrets.toml`) has values the app cannot
    use; the message names every one of them, so the operator fixes them in one go."""
