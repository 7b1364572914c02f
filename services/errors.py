"""Errors whose message is meant for the user, in Vietnamese."""


class UserError(Exception):
    """Bad input or a refused action; `str(exc)` is shown to the user as is."""


class NotFound(UserError):
    pass


class PermissionDenied(UserError):
    pass
