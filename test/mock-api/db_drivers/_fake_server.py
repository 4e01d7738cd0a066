"""The shared core of the fake database drivers in this folder (psycopg2 and pymysql).

They are mocks of the database SERVER, the one thing out of reach on a machine without network or
database servers: the test puts this folder first on PYTHONPATH for the run only, so the generated
connector's `import psycopg2` / `import pymysql` finds these modules instead of the real drivers.
Everything else (the generated connector, the runner, the SDK semantics, the warehouse) is real.

Each "server" keeps a database as a SQLite file whose path is the `database` configuration value.
The fakes hold the drivers' contract where the generated code relies on it: connect() keywords and
credentials, an int port, the pyformat parameter style (%s; '?' is a syntax error on a real server),
the dialect's identifier quoting, and DB-API 2.0 cursors (description, fetchmany, close).
"""
import re
import sqlite3
from datetime import datetime

# The credentials the fake servers accept; test/scaffold/matrix.test.ts configures the same.
USER = "mock-db-user"
PASSWORD = "mock-db-pass-456"


class Error(Exception):
    """DB-API 2.0 base error."""


class OperationalError(Error):
    """Connection and server errors."""


class ProgrammingError(Error):
    """SQL syntax errors and parameter mismatches."""


# Columns declared TIMESTAMP come back as datetime objects, as they do from a real driver.
sqlite3.register_converter("TIMESTAMP", lambda raw: datetime.fromisoformat(raw.decode()))

_PLACEHOLDER = re.compile(r"%s|%%|%\(|\?")


def translate(sql: str, params, forbidden_quote: str, dialect: str) -> str:
    """Checks pyformat SQL against its parameters and rewrites it to sqlite3's qmark style."""
    if forbidden_quote in sql:
        raise ProgrammingError(f"{dialect}: syntax error at or near {forbidden_quote} (identifier quoting of another dialect)")
    count = 0

    def replace(match):
        nonlocal count
        token = match.group(0)
        if token == "?":
            raise ProgrammingError(f"{dialect}: syntax error at or near \"?\" (this driver's paramstyle is pyformat: use %s)")
        if token == "%(":
            raise ProgrammingError(f"{dialect}: named parameters are not used by the generated connector")
        if token == "%%":
            return "%"
        count += 1
        return "?"

    translated = _PLACEHOLDER.sub(replace, sql)
    if count != len(params or []):
        raise ProgrammingError(f"{dialect}: {count} placeholder(s) but {len(params or [])} parameter(s)")
    return translated


class Cursor:
    """A DB-API 2.0 cursor; server_side cursors report no description until the first fetch (like psycopg2's named ones)."""

    def __init__(self, connection, server_side=False):
        self._connection = connection
        self._cursor = connection._db.cursor()
        self._server_side = server_side
        self._executed = False
        self._fetched = False
        self.arraysize = 1

    @property
    def description(self):
        if self._server_side and not self._fetched:
            return None
        return self._cursor.description

    def execute(self, sql, params=None):
        if self._server_side and self._executed:
            raise ProgrammingError("can't call .execute() on named cursors more than once")
        self._executed = True
        self._cursor.execute(translate(sql, params, self._connection.forbidden_quote, self._connection.dialect), list(params or []))

    def fetchmany(self, size=None):
        self._fetched = True
        return [tuple(row) for row in self._cursor.fetchmany(size or self.arraysize)]

    def fetchall(self):
        self._fetched = True
        return [tuple(row) for row in self._cursor.fetchall()]

    def fetchone(self):
        self._fetched = True
        row = self._cursor.fetchone()
        return tuple(row) if row is not None else None

    def close(self):
        self._cursor.close()


class Connection:
    """A DB-API 2.0 connection to one SQLite file, opened read-only."""

    def __init__(self, database: str, dialect: str, forbidden_quote: str):
        try:
            self._db = sqlite3.connect(f"file:{database}?mode=ro", uri=True, detect_types=sqlite3.PARSE_DECLTYPES)
        except sqlite3.Error as error:
            raise OperationalError(f"{dialect}: database {database!r} does not exist") from error
        self.dialect = dialect
        self.forbidden_quote = forbidden_quote
        self.closed = False

    def cursor(self, server_side=False):
        return Cursor(self, server_side)

    def commit(self):
        """Nothing to commit: the fake is read-only."""

    def rollback(self):
        """Nothing to roll back: the fake is read-only."""

    def close(self):
        self.closed = True
        self._db.close()


def check_login(dialect: str, host, port, user, password, want_port: int):
    """Refuses a connection the way a server would: wrong types, wrong port, wrong credentials."""
    if not isinstance(host, str) or not host:
        raise OperationalError(f"{dialect}: could not translate host name {host!r}")
    if not isinstance(port, int) or port != want_port:
        raise OperationalError(f"{dialect}: connection refused on port {port!r} (the fake server listens on {want_port}, as an int)")
    if user != USER or password != PASSWORD:
        raise OperationalError(f"{dialect}: password authentication failed for user {user!r}")
