"""Tables of the contests module."""
