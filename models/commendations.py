"""Tables of the commendations module."""
