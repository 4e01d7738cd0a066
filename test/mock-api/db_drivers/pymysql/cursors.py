"""Cursor classes of the fake PyMySQL: names only; the fake connection serves both from sqlite3."""


class Cursor:
    """The default (buffered) cursor class."""


class SSCursor(Cursor):
    """The unbuffered (streaming) cursor class."""
