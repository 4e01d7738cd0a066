"""Stand-in for the `fivetran_connector_sdk` package, used by fivetran-connector-mcp's embedded engine.

A connector imports `Connector`, `Operations` and `Logging` from here exactly as it would from the real SDK
(1.x to 3.x). Nothing is sent anywhere: every operation becomes one JSON line on the operation channel that
the runner (`ftmcp_run.py`) opened, and the Node side applies it to files/warehouse.db.

Standard library only; runs on Python 3.9 to 3.13.
"""
import codecs as _codecs
import os as _os
import sys as _sys
import threading as _threading
import warnings as _warnings
from datetime import datetime as _datetime
from enum import IntEnum as _IntEnum

from . import _channel, _files, _tasks
# Not names of this module: SDK 3.0.0's fivetran_connector_sdk has neither, and `from fivetran_connector_sdk import
# SdkException` fails there with ImportError (532); pickle finds them in _errors.
from ._errors import ConnectorTask as _ConnectorTask, SdkException as _SdkException
from ._files import ByteStream, FileUpload
from . import configuration_form, form_field, test
from ._action import action
from .configuration_form import ConfigurationForm
from .test import Test

# The version of the SDK whose behaviour the shim has, as that SDK spells it: a connector may compare or parse it.
# Which engine ran is in the run's result (engine: embedded).
__version__ = "3.0.0"

# As in SDK 3.0.0, Connector is importable by name but not part of `import *`; so is SDK 3.1's action.
__all__ = ["Operations", "Logging", "ByteStream", "FileUpload", "ConfigurationForm", "Test", "form_field"]


class _ConfigurationRequired(SystemExit):
    """debug() called without a configuration: SDK 3.0.0 ends the process there, sys.exit(1), a SystemExit a connector
    may catch as it could the SDK's."""


class Connector:
    """Holds the connector's functions; the runner finds it as a module-level object of connector.py."""

    def __init__(self, update, schema=None, configuration_form=None):
        self.schema_method = schema
        self.update_method = update
        self.configuration_form_method = configuration_form
        # What `fivetran debug` sets as its sync starts (the harness does, see ftmcp_run.py): the folder, then the
        # checked configuration and state; schema() and update() are given these dicts when they are not empty (536).
        self.configuration = None
        self.state = None
        self.project_path = None

    def debug(self, project_path=None, configuration=None, state=None, naming=None, log_level=None, state_path=None):
        # Under the runner, connector.py is not __main__, so this only runs when someone calls it by hand (or left it
        # unguarded at the bottom of connector.py, fidelity 349).
        if configuration is None:
            # SDK 3.0.0's debug() checks its configuration argument before anything else: without one it says that a
            # configuration is required and calls sys.exit(1). The harness words it as `fivetran debug` prints it.
            raise _ConfigurationRequired(1)
        # With one, the SDK's debug() runs a whole sync in this process. While connector.py loads, the runner does
        # the same (555); anywhere else (update() calling it) the embedded engine does not.
        if _sync_at_import is not None:
            return _sync_at_import(self, configuration, state)
        raise RuntimeError(
            "connector.debug() is not available inside fivetran-connector-mcp's embedded engine; "
            "run the connector with the run_debug tool or `fivetran-connector-mcp debug <folder>` instead"
        )


# Set by the runner while connector.py loads: runs the sync connector.debug(configuration=…) starts then (555).
_sync_at_import = None

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
    # As the SDK, which sends names as UTF-8: a lone surrogate raises UnicodeEncodeError here.
    table.encode("utf-8")
    if type(table) is str:
        _valid_tables.add(table)


def _schema_name(schema):
    # The SDK's _validate_schema; None (no schema=) is checked by the caller, so the common call pays nothing.
    if not isinstance(schema, str):
        raise TypeError("'schema' must be a string, got " + type(schema).__name__)
    if not schema.strip():
        raise ValueError("'schema' must be a non-empty string")
    schema.encode("utf-8")


def _message(message):
    if not isinstance(message, str):
        raise TypeError("Message must be a string, got " + type(message).__name__)
    if not message.strip():
        raise ValueError("Message must be a non-empty string")


# What an operation raises outside update() (at import time, in schema()): the SDK's runner is installed only
# while update() runs. A class, so that each raise is a new exception, named RuntimeError as the SDK's is.
_NotInstalled = type("RuntimeError", (RuntimeError,), {
    "__init__": lambda self: RuntimeError.__init__(
        self, "no runner is installed: operations can only be called while the runner executes the connector"),
    "__module__": "builtins",
})


# The first operation the core refused. As in the SDK's _Sync, every later operation raises it again and the
# runner raises it when update() returns, so catching it cannot turn the sync into a success. Until the runner
# calls update() it is _NotInstalled, so that the check every operation makes anyway costs nothing more.
_failure = _NotInstalled


def _install():
    """Called by the runner just before update(): operations work from now on."""
    global _failure
    if _failure is _NotInstalled:
        _failure = None


def _uninstall():
    """Called by the runner when the sync is over: as after the SDK's run, an operation from a thread still going
    (or an atexit handler) raises the RuntimeError of an operation outside update()."""
    global _failure
    _failure = _NotInstalled

# Declared primary keys, for the null-key check at the call (the SDK's core checks every record as it arrives;
# the Node writer would only notice at the next checkpoint, after the operation had been counted). Keyed by
# table name for tables without schema=, by (schema, table) for the others, so the common call looks up a str.
_keys = {}
_schema_keys = {}


_channel_row = _channel.row


def _declare(tables):
    """Called by the runner with the tables schema() declared (as process_tables returns them)."""
    _channel.declare(tables)
    for t in tables:
        pk = t.get("primary_key")
        if not pk:
            continue  # a key-less table is keyed by _fivetran_id, a hash that is never null
        entry = (tuple(pk), t.get("schema"), t["table"])
        if t.get("schema") is None:
            _keys[t["table"]] = entry
        else:
            _schema_keys[(t["schema"], t["table"])] = entry


def _check_key(entry, data):
    # Fast path: every key column is present under its declared name and not None. (The SDK renames the row's
    # columns first and keeps the first of two that rename alike; a row that also has another spelling of a key
    # column is checked again by the channel, key_check.)
    if type(data) is dict:
        for column in entry[0]:
            if data.get(column) is None:
                break
        else:
            return
    _check_key_renamed(entry, data)


def _check_key_renamed(entry, data):
    """The SDK's check on the renamed row: a key column that is absent, or whose first source column is None.
    Any mapping is checked (a configparser section, a requests CaseInsensitiveDict): the SDK reads its items() as a
    dict's; anything else raises the SDK's AttributeError on items() here. The SDK encodes the row before its runner
    checks the key, so a value or a column name it refuses raises that first (a conversion error does not fail the
    sync; a null key does)."""
    from . import _names

    renamed = {}
    names = []
    for name, value in data.items():
        if isinstance(name, str):
            names.append(name)
            renamed.setdefault(_names.column(name), value)
    for column in entry[0]:
        key = _names.column(column)
        if renamed.get(key) is None:
            _channel.check_row(entry[2], data, entry[1])
            error = _SdkException("Null primary key found while syncing table %s.%s. Primary Key %s is null in object."
                                 % (_names.schema(entry[1]), _names.table(entry[2]), key))
            # The row's own field names, for a hint that shows which field schema() may have meant.
            error.record_keys = names[:100]
            _fail(error)


def _check_key_of(table, schema, data):
    entry = _keys.get(table) if schema is None else _schema_keys.get((schema, table))
    if entry is not None:
        _check_key_renamed(entry, data)


_channel.key_check = _check_key_of


def _fail(error):
    global _failure
    _failure = error
    raise error


def _refused(table, data, schema):
    """A row operation the runner refuses (an operation refused before it, or outside update()). The SDK encodes the
    row first, so a value or a column name it refuses raises that instead of the runner's refusal (564, 568)."""
    _channel.check_row(table, data, schema)
    raise _failure


def _row(kind, table, data, schema):
    if schema is None:
        _table_name(table)
        if _failure is not None:
            _refused(table, data, schema)
        entry = _keys.get(table) if _keys else None
    else:
        _table_name(table)
        _schema_name(schema)
        if _failure is not None:
            _refused(table, data, schema)
        entry = _schema_keys.get((schema, table))
    if entry is not None:
        _check_key(entry, data)
    _channel.row(kind, table, data, schema)


# Where uploaded files go (set by the runner), and whether the SDK's one-time warning about a row's own
# _fivetran_file_path was given.
_file_store = None
_file_path_warned = False
_upload_lock = _threading.Lock()


def _set_project(project_dir):
    global _file_store
    _file_store = _files.FileStore(project_dir)
    _channel.files_dir = _os.path.join(project_dir, "files")


def _end_uploads():
    """The sync is over: an upload left open by a stream that failed midway is dropped, with its temporary file."""
    if _file_store is not None:
        _file_store.abort()


def _row_with_file(kind, table, data, schema, upload):
    """upsert/update with file=: the order of the SDK's steps, so that each failure leaves what it leaves there.
    Names, then the upload's fields (ValueError, the sync goes on), then the row's encoding (nothing stored yet),
    then the file, then the row with _fivetran_file_path, whose null-key check comes after the file is stored."""
    global _file_path_warned
    _table_name(table)
    if schema is not None:
        _schema_name(schema)
    _files.validate(upload)  # a file= that is not a FileUpload fails on `.path`, as in the SDK
    row = data
    if isinstance(data, dict):
        if _files.FILE_PATH_COLUMN in data and not _file_path_warned:
            _file_path_warned = True
            _channel.warning(_files.FILE_PATH_COLUMN + " was provided in the row data and will be overwritten by FileUpload.path.")
        row = dict(data)
        row[_files.FILE_PATH_COLUMN] = upload.path
    if _failure is not None:
        # Encoded without being sent: outside update() the runner has no warehouse open for the row's records.
        _refused(table, row, schema)
    line = _channel.row_line(kind, table, row, schema)
    from . import _names

    if _file_store is None:  # imported outside the runner: the SDK's folder is the working directory
        import os

        _set_project(os.getcwd())
    # As the SDK's producer lock does: a file and its row go out together, one upload at a time, whatever the
    # number of threads uploading.
    with _upload_lock:
        try:
            target = _file_store.store(_names.schema(schema), table, upload)
        except _files.UploadError as e:
            _fail(_SdkException(str(e)))
        _channel.file_uploaded(table, schema, upload.path, target)
        entry = (_keys.get(table) if schema is None else _schema_keys.get((schema, table)))
        if entry is not None:
            _check_key(entry, row)
        _channel.write_line(line)


class Operations:
    """The operations a connector emits. Each returns None, so `yield op.upsert(...)` (1.x style) and a plain
    `op.upsert(...)` (2.x/3.x style) both work: the runner drains a generator and discards what it yields."""

    @staticmethod
    def upsert(table, data, *, schema=None, file=None):
        # _row inlined for the common case: upsert is the hot path of a sync.
        if file is not None:
            return _row_with_file("upsert", table, data, schema, file)
        if schema is not None:
            return _row("upsert", table, data, schema)
        # _table_name() and _check_key() inlined: a Python call costs more than the checks they make.
        if type(table) is not str or table not in _valid_tables:
            _table_name(table)
        if _failure is not None:
            _refused(table, data, None)
        if _keys:
            entry = _keys.get(table)
            if entry is not None:
                if type(data) is dict:
                    for column in entry[0]:
                        if data.get(column) is None:
                            _check_key_renamed(entry, data)
                            break
                else:
                    _check_key(entry, data)
        _channel_row("upsert", table, data, None)

    @staticmethod
    def update(table, modified, *, schema=None, file=None):
        if file is not None:
            return _row_with_file("update", table, modified, schema, file)
        _row("update", table, modified, schema)

    @staticmethod
    def delete(table, keys, *, schema=None):
        _row("delete", table, keys, schema)

    @staticmethod
    def truncate(table, *, schema=None):
        _table_name(table)
        if schema is not None:
            _schema_name(schema)
        if _failure is not None:
            raise _failure
        _channel.truncate(table, schema)

    @staticmethod
    def checkpoint(state):
        if _failure is not None:
            # The SDK serializes the state before its runner refuses the call: a state json.dumps refuses raises
            # that instead (564, 568).
            _channel.check_state(state)
            raise _failure
        # The SDK flushes here, in this thread's decimal context: a DECIMAL value that context will not round
        # raises now, after the state was serialized (356).
        _channel.note_decimal_context()
        rounding = _channel.take_rounding_error()
        if rounding is not None:
            _channel.check_state(state)
            _fail(rounding)
        _channel.checkpoint(state)

    @staticmethod
    def warning(message):
        _message(message)
        # A warning is not refused after a failure (the SDK's sink takes it whatever happened), only before update().
        if _failure is _NotInstalled:
            raise _NotInstalled
        _channel.warning(message)

    @staticmethod
    def error(message, trace=None):
        _message(message)
        if trace is not None and not isinstance(trace, str):
            raise TypeError("Trace must be a string, got " + type(trace).__name__)
        if _failure is not None:
            raise _failure
        # The message may hold a little HTML, rendered as the SDK renders it in a terminal.
        _fail(_ConnectorTask(_tasks.render(message), trace if trace and trace.strip() else ""))


# The display width of `fivetran debug`'s prefix of a connector's log line ("12:34:56.789 INFO     \u26a1 connector ",
# the emoji two columns wide): the indent of each further line of a message.
_LOG_INDENT = 35


class Logging:
    """Connector logging. Lines go to the channel with their level; the runner shows them as logs. The checks are
    the SDK's, with its failures: before update() or schema() runs (at import time) LOG_LEVEL is None and every
    call raises TypeError; a message that is not a str fails where the SDK splits it into lines."""

    class Level(_IntEnum):
        DEBUG = 1
        FINE = 2
        INFO = 3
        WARNING = 4
        ERROR = 5
        SEVERE = 6
        CRITICAL = 7

    # Set to DEBUG by the runner once connector.py is loaded, as `fivetran debug` sets it.
    LOG_LEVEL = None

    @staticmethod
    def _log(level, message, exception=None):
        # The SDK's check: at import time LOG_LEVEL is None, and the comparison raises its TypeError.
        if Logging.LOG_LEVEL <= level:
            if exception:
                import traceback

                message += "\n" + "".join(traceback.format_exception(type(exception), exception, exception.__traceback__, limit=1))
            # str.split, as the SDK formats every message: `log.info(42)` fails here with Python's own error.
            lines = message.split("\n")
            out = _sys.stdout
            # Then the SDK asks sys.stdout whether it is a terminal (to colour the line), before it prints: None, a
            # writer without isatty() (a tee with write and flush only) or a closed file fails the call there (539).
            out.isatty()
            # `fivetran debug` print()s the line, after its prefix, to sys.stdout as it is then: UTF-8 and strict
            # unless the connector reconfigured or replaced it (383); one without an encoding (a StringIO) or None
            # takes any text. Encoding the same text of the same length raises the same error, at the same position.
            encoding = getattr(out, "encoding", None) if out is not None else None
            if encoding:
                errors = getattr(out, "errors", None) or "strict"
                try:
                    message.encode(encoding, errors)
                    whole = _codecs.lookup(encoding).name != "utf-8"  # the prefix's emoji, in another encoding
                except UnicodeEncodeError:
                    whole = True
                if whole:
                    prefix = "00:00:00.000 %-8s \u26a1 connector " % level.name
                    (prefix + ("\n" + " " * _LOG_INDENT).join(lines)).encode(encoding, errors)
            if out is not _sys.__stdout__:
                # stdout replaced (contextlib.redirect_stdout, a file, None): the SDK's print() puts the line there,
                # with its time, and it never reaches the run's log (387).
                if out is not None:
                    now = _datetime.now()
                    prefix = "%s.%03d %-8s \u26a1 connector " % (now.strftime("%H:%M:%S"), now.microsecond // 1000, level.name)
                    print(prefix + ("\n" + " " * _LOG_INDENT).join(lines), file=out)
                return
            _channel.log(level.name, "\n".join(lines))

    @staticmethod
    def debug(message):
        Logging._log(Logging.Level.DEBUG, message)

    @staticmethod
    def fine(message):
        # Deprecated in SDK 3.0.0, which warns at each call (silent unless the connector shows or raises warnings).
        _warnings.warn("fine() is deprecated, use debug() instead for Python-style logging", DeprecationWarning, stacklevel=2)
        Logging._log(Logging.Level.FINE, message)

    @staticmethod
    def info(message):
        Logging._log(Logging.Level.INFO, message)

    @staticmethod
    def warning(message):
        Logging._log(Logging.Level.WARNING, message)

    @staticmethod
    def error(message, exception=None):
        Logging._log(Logging.Level.ERROR, message, exception)

    @staticmethod
    def severe(message, exception=None):
        _warnings.warn("severe() is deprecated, use error() or critical() instead for Python-style logging", DeprecationWarning, stacklevel=2)
        Logging._log(Logging.Level.SEVERE, message, exception)

    @staticmethod
    def critical(message, exception=None):
        Logging._log(Logging.Level.CRITICAL, message, exception)


# `from fivetran_connector_sdk.operations import Operations` and `fivetran_connector_sdk.file_upload`, as SDK 3.0.0
# has them: modules, and attributes of the package too (348). It has no `.logger` or `.connector` module: an import of
# either fails there (ModuleNotFoundError), so it fails here too, before a deploy would find out.
for _name, _objs in (("operations", {"Operations": Operations}),
                     ("file_upload", {"FileUpload": FileUpload, "ByteStream": ByteStream})):
    import types as _types

    _mod = _types.ModuleType(__name__ + "." + _name)
    for _attr, _obj in _objs.items():
        setattr(_mod, _attr, _obj)
    _sys.modules[_mod.__name__] = _mod
    globals()[_name] = _mod
