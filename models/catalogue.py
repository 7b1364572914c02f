"""Tables of the catalogue module."""
