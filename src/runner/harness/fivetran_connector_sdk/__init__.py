"""Stand-in for the `fivetran_connector_sdk` package, used by fivetran-connector-mcp's embedded engine.

A connector imports `Connector`, `Operations` and `Logging` from here exactly as it would from the real SDK
(1.x to 3.x). Nothing is sent anywhere: every operation becomes one JSON line on the operation channel that
the runner (`ftmcp_run.py`) opened, and the Node side applies it to files/warehouse.db.

Standard library only; runs on Python 3.9 to 3.13.
"""
import sys as _sys
from enum import IntEnum as _IntEnum

from . import _channel

__version__ = "3.0.0+embedded"

__all__ = ["Connector", "Operations", "Logging"]


class Connector:
    """Holds the connector's functions; the runner finds it as a module-level object of connector.py."""

    def __init__(self, update, schema=None, configuration_form=None):
        self.schema_method = schema
        self.update_method = update
        self.configuration_form_method = configuration_form
        self.configuration = None
        self.state = None

    def debug(self, project_path=None, configuration=None, state=None, naming=None, log_level=None, state_path=None):
        # Under the runner, connector.py is not __main__, so this only runs when someone calls it by hand;
        # the real SDK's debug() needs the CLI, which the embedded engine does not have.
        raise RuntimeError(
            "connector.debug() is not available inside fivetran-connector-mcp's embedded engine; "
            "run the connector with the run_debug tool or `fivetran-connector-mcp debug <folder>` instead"
        )


_valid_tables = set()


def _table_name(table):
    # A name that passed once passes again; only a str is remembered, so the set lookup cannot raise.
    if type(table) is str and table in _valid_tables:
        return
    # The same checks and wording as the SDK's _validate_table_name.
    if not isinstance(table, str):
        raise TypeError("Table name must be a string, got " + type(table).__name__)
    if not table.strip():
        raise ValueError("Table name must be a non-empty string")
    if type(table) is str:
        _valid_tables.add(table)


def _message(message):
    if not isinstance(message, str):
        raise TypeError("Message must be a string, got " + type(message).__name__)
    if not message.strip():
        raise ValueError("Message must be a non-empty string")


class ConnectorTask(Exception):
    """Raised by Operations.error(): the connector asked for the sync to fail."""


class Operations:
    """The operations a connector emits. Each returns None, so `yield op.upsert(...)` (1.x style) and a plain
    `op.upsert(...)` (2.x/3.x style) both work: the runner drains a generator and discards what it yields."""

    @staticmethod
    def upsert(table, data, *, schema=None, file=None):
        _table_name(table)
        _channel.row("upsert", table, data)

    @staticmethod
    def update(table, modified, *, schema=None, file=None):
        _table_name(table)
        _channel.row("update", table, modified)

    @staticmethod
    def delete(table, keys, *, schema=None):
        _table_name(table)
        _channel.row("delete", table, keys)

    @staticmethod
    def truncate(table, *, schema=None):
        _table_name(table)
        _channel.truncate(table)

    @staticmethod
    def checkpoint(state):
        _channel.checkpoint(state)

    @staticmethod
    def warning(message):
        _message(message)
        _channel.warning(message)

    @staticmethod
    def error(message, trace=None):
        _message(message)
        if trace is not None and not isinstance(trace, str):
            raise TypeError("Trace must be a string, got " + type(trace).__name__)
        raise ConnectorTask(message + ("\n" + trace if trace and trace.strip() else ""))


class Logging:
    """Connector logging. Lines go to the channel with their level; the runner shows them as logs."""

    class Level(_IntEnum):
        DEBUG = 1
        FINE = 2
        INFO = 3
        WARNING = 4
        ERROR = 5
        SEVERE = 6
        CRITICAL = 7

    # `fivetran debug` runs at DEBUG, so every level is shown.
    LOG_LEVEL = Level.DEBUG

    @staticmethod
    def _emit(level, message, exception=None):
        if Logging.LOG_LEVEL is not None and Logging.LOG_LEVEL > level:
            return
        text = message if isinstance(message, str) else str(message)
        if exception is not None:
            import traceback

            text += "\n" + "".join(traceback.format_exception(type(exception), exception, exception.__traceback__, limit=1))
        _channel.log(level.name, text)

    @staticmethod
    def debug(message):
        Logging._emit(Logging.Level.DEBUG, message)

    @staticmethod
    def fine(message):
        Logging._emit(Logging.Level.FINE, message)

    @staticmethod
    def info(message):
        Logging._emit(Logging.Level.INFO, message)

    @staticmethod
    def warning(message):
        Logging._emit(Logging.Level.WARNING, message)

    @staticmethod
    def error(message, exception=None):
        Logging._emit(Logging.Level.ERROR, message, exception)

    @staticmethod
    def severe(message, exception=None):
        Logging._emit(Logging.Level.SEVERE, message, exception)

    @staticmethod
    def critical(message, exception=None):
        Logging._emit(Logging.Level.CRITICAL, message, exception)


# `from fivetran_connector_sdk.operations import Operations` and similar deep imports used by some examples.
for _name, _obj in (("operations", Operations), ("logger", Logging), ("connector", Connector)):
    import types as _types

    _mod = _types.ModuleType(__name__ + "." + _name)
    setattr(_mod, {"operations": "Operations", "logger": "Logging", "connector": "Connector"}[_name], _obj)
    _sys.modules[_mod.__name__] = _mod
