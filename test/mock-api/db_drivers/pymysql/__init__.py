"""Fake PyMySQL for the scaffold tests: a mock of the MySQL server (see ../_fake_server.py)."""
from _fake_server import Connection, Error, OperationalError, ProgrammingError, check_login

from . import cursors

apilevel = "2.0"
threadsafety = 1
paramstyle = "pyformat"
__all__ = ["Error", "OperationalError", "ProgrammingError", "connect", "cursors", "apilevel", "threadsafety", "paramstyle"]
_KEYWORDS = {"host", "port", "user", "password", "database", "connect_timeout", "read_timeout", "charset", "ssl"}


class _MyConnection(Connection):
    def cursor(self, cursor=None):
        if cursor not in (None, cursors.Cursor, cursors.SSCursor):
            raise ProgrammingError(f"the fake implements Cursor and SSCursor, not {cursor!r}")
        return super().cursor(server_side=False)


def connect(**kwargs):
    unknown = set(kwargs) - _KEYWORDS
    if unknown:
        raise TypeError(f"connect() got unexpected keyword arguments {sorted(unknown)}")
    check_login("mysql", kwargs.get("host"), kwargs.get("port"), kwargs.get("user"), kwargs.get("password"), 3306)
    # MySQL reads "x" as a string literal, so a double-quoted identifier is a syntax error there.
    return _MyConnection(kwargs["database"], "mysql", '"')
