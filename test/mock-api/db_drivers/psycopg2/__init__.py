"""Fake psycopg2 for the scaffold tests: a mock of the PostgreSQL server (see ../_fake_server.py)."""
from _fake_server import Connection, Error, OperationalError, ProgrammingError, check_login

apilevel = "2.0"
threadsafety = 2
paramstyle = "pyformat"
__all__ = ["Error", "OperationalError", "ProgrammingError", "connect", "apilevel", "threadsafety", "paramstyle"]
_KEYWORDS = {"host", "port", "user", "password", "dbname", "connect_timeout", "sslmode", "options", "application_name"}


class _PgConnection(Connection):
    def cursor(self, name=None):
        # A named cursor is psycopg2's server-side cursor.
        return super().cursor(server_side=name is not None)


def connect(dsn=None, **kwargs):
    unknown = set(kwargs) - _KEYWORDS
    if dsn is not None or unknown:
        raise ProgrammingError(f"invalid dsn: unexpected {sorted(unknown) or 'dsn'} (the fake takes libpq keywords)")
    check_login("postgresql", kwargs.get("host"), kwargs.get("port"), kwargs.get("user"), kwargs.get("password"), 5432)
    return _PgConnection(kwargs["dbname"], "postgresql", "`")
