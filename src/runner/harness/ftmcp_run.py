"""Runs one sync of a connector for fivetran-connector-mcp's embedded engine.

Started by src/runner/embedded.ts as `python -u ftmcp_run.py` with:
  stdin   the job as one JSON line ({"project_dir", "configuration", "state"}), then held open: EOF means the
          Node side is gone, and this process ends itself
  fd 3    the operation channel (JSON lines, see src/protocol.ts)
  stdout, stderr  the connector's own output, read by Node as logs

It loads connector.py the way `fivetran debug` does (module name connector_connector_code, the project folder on
sys.path), checks configuration, state and schema() with the SDK's wording, and calls update(). Standard library
only, Python 3.9 to 3.13. This file's folder is sys.path[0], so `import fivetran_connector_sdk` finds the shim
next to it before any installed SDK.
"""
import ast
import importlib.util
import json
import os
import sys
import threading
import traceback
import types

HARNESS_DIR = os.path.dirname(os.path.abspath(__file__))
CONFIG_REFERENCE = "reference: https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/configuration-json#workingwithconfigurationjson"
CONNECTOR_REFERENCE = "reference: https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-required-declarations#requiredobjectconnector"
EXIT_REFERENCE = "reference: https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-logs#exceptionhandling"

# The harness's own way out, which never waits for the channel (see _exit_after_channel).
_hard_exit = os._exit

_SIMPLE_TYPES = ("BOOLEAN", "SHORT", "INT", "LONG", "FLOAT", "DOUBLE", "NAIVE_DATE", "NAIVE_DATETIME",
                 "UTC_DATETIME", "BINARY", "XML", "STRING", "JSON")


class Failure(Exception):
    def __init__(self, kind, message, exc=None, connector_file=None, project_dir=None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.exc = exc
        self.connector_file = connector_file
        self.project_dir = project_dir


def _watch_parent(fd):
    """Security: if the Node side dies without killing us, its end of stdin closes; never outlive it."""
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    # Security: take the connector's own subprocesses along; we lead the run's process group.
    if hasattr(os, "killpg") and os.getpgrp() == os.getpid():
        import signal
        os.killpg(os.getpgrp(), signal.SIGKILL)
    _hard_exit(137)


def _exit_after_channel(channel):
    """os._exit for the connector. The channel's writer thread may still hold what the connector sent before it
    called os._exit (its last checkpoint): that reaches the runner first, as it did when every flush wrote to the
    socket. Lines still in the channel's buffer are dropped, as they were then."""

    def _exit(status):
        try:
            channel.wait_passed_on()
        except BaseException:  # noqa: B902 - the process is ending, as asked
            pass
        _hard_exit(status)

    return _exit


def _peak_rss_kb():
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak // 1024 if sys.platform == "darwin" else peak
    except Exception:
        return None


def limit_memory(limit_mb):
    """Caps the address space at what the interpreter holds now plus limit_mb, before the connector is imported:
    an allocation past it raises MemoryError in the connector (kind memory) instead of taking the machine's memory."""
    try:
        import resource
    except ImportError:
        return
    base = 0
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    base = int(line.split()[1]) * 1024
    except OSError:
        pass
    want = base + int(limit_mb) * 1024 * 1024
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            want = min(want, hard)
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    except (ValueError, OSError):
        pass  # not enforceable here (macOS); the Node side watches resident memory instead


def exit_check(connector_file):
    """The SDK's exit_check: warn about exit(), sys.exit() and os._exit() in connector.py."""
    warnings = []
    try:
        with open(connector_file, "rb") as f:
            tree = ast.parse(f.read(), filename=connector_file)
    except SyntaxError:
        return warnings  # the import reports it, with its line
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        fn = node.func
        name = None
        if isinstance(fn, ast.Name) and fn.id == "exit":
            name = "exit()"
        elif isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Name):
            if fn.value.id == "sys" and fn.attr == "exit":
                name = "sys.exit()"
            elif fn.value.id == "os" and fn.attr == "_exit":
                name = "os._exit()"
        if name:
            warnings.append("avoid using %s to exit from python code\nthis may cause the connector to hang\n"
                            "raise an error instead at: connector.py:%d\n%s" % (name, node.lineno, EXIT_REFERENCE))
    return warnings


def check_dict(incoming, string_only):
    """The SDK's check_dict, with its messages."""
    if not incoming:
        return {}
    if not isinstance(incoming, dict):
        raise Failure("configuration" if string_only else "state",
                      "invalid configuration file; must be a valid JSON object\n" + CONFIG_REFERENCE)
    if string_only:
        for key, value in incoming.items():
            if not isinstance(value, str):
                raise Failure("configuration", "invalid configuration file; all values must be strings\n" + CONFIG_REFERENCE
                              + "\n(the value of '%s' is %s)" % (key, "null" if value is None else type(value).__name__))
    return incoming


def load_connector(project_dir, connector_file):
    sys.path.append(project_dir)
    module_name = "connector_connector_code"
    try:
        spec = importlib.util.spec_from_file_location(module_name, connector_file)
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    except SyntaxError as e:
        raise Failure("syntax", "error in connector.py\n%s: %s" % (type(e).__name__, e), e, connector_file, project_dir)
    except ImportError as e:
        raise Failure("import", "error in connector.py\n%s: %s" % (type(e).__name__, e), e, connector_file, project_dir)
    except SystemExit as e:
        raise Failure("exit", "connector.py called sys.exit(%s) while being imported" % (e.code,), e, connector_file, project_dir)
    except MemoryError as e:
        traceback.clear_frames(e.__traceback__)
        raise Failure("memory", "error in connector.py\nMemoryError: out of memory while being imported", e, connector_file, project_dir)
    except Exception as e:
        raise Failure("connector_exception", "error in connector.py\n%s: %s" % (type(e).__name__, e), e, connector_file, project_dir)

    from fivetran_connector_sdk import Connector

    found = {}
    for name, value in vars(module).items():
        if not name.startswith("__") and isinstance(value, Connector):
            found[name] = value
    if "connector" in found:
        return found["connector"], []
    if found:
        # SDK 1.x and 2.x take any module-level Connector; 3.x insists on the name. Run it, and say so.
        first = sorted(found)[0]
        return found[first], ["Connector object must be named 'connector', but found: %s\nrename it to 'connector' in connector.py "
                              "(fivetran-connector-sdk 3.x refuses to run it)\nexample: connector = Connector(update=update, schema=schema)"
                              % ", ".join("'%s'" % n for n in sorted(found))]
    raise Failure("no_connector", "connector object not found\ndefine a Connector object in connector.py\n" + CONNECTOR_REFERENCE)


def process_tables(response):
    """The SDK's process_tables: checks schema() output and returns the declared tables."""
    tables = []
    seen = set()
    for entry in response:
        if "table" not in entry:
            raise ValueError("Entry missing table name: %s" % (entry,))
        name = entry["table"]
        if not isinstance(name, str):
            raise TypeError("Table name must be a string, got " + type(name).__name__)
        if not name.strip():
            raise ValueError("Table name must be a non-empty string")
        source_schema = entry.get("schema")
        if source_schema is not None:
            # The SDK's _validate_schema, with its wording.
            if not isinstance(source_schema, str):
                raise TypeError("'schema' must be a string, got " + type(source_schema).__name__)
            if not source_schema.strip():
                raise ValueError("'schema' must be a non-empty string")
        key = (source_schema, name)
        if key in seen:
            raise ValueError("Table %s already exists in %s" % (name, source_schema) if source_schema else "Table already defined: " + name)
        seen.add(key)
        table = {"table": name}
        if source_schema is not None:
            table["schema"] = source_schema
        columns = {}
        if "primary_key" in entry:
            pk = list(entry["primary_key"])
            table["primary_key"] = pk
        if "columns" in entry:
            for column_name, kind in entry["columns"].items():
                if isinstance(kind, str):
                    upper = kind.upper()
                    if upper in _SIMPLE_TYPES:
                        columns[column_name] = {"type": upper}
                    elif upper == "DECIMAL":
                        raise ValueError(
                            "DECIMAL data type missing precision and scale. Use a dictionary for DECIMAL column type like: "
                            '"col_name": {  # Decimal data type with precision and scale.\n    "type": "DECIMAL",\n'
                            '    "precision": 15,\n    "scale": 2\n}')
                    else:
                        raise ValueError("Unrecognized column type encountered:: ", str(kind))
                elif isinstance(kind, dict):
                    if str(kind.get("type", "")).upper() != "DECIMAL":
                        raise ValueError(
                            "Expecting DECIMAL data type for dictionary column entry, but got: %s in entry: %s for column: %s. "
                            "Dictionary type is only allowed for DECIMAL columns with 'precision' and 'scale' fields, "
                            "as in: {'type': 'DECIMAL', 'precision': <int>, 'scale': <int>}. "
                            "For all other data types, use a string as the column type." % (kind.get("type"), entry, column_name))
                    missing = [k for k in ("precision", "scale") if k not in kind]
                    if missing:
                        raise ValueError(
                            "DECIMAL column '%s' is missing %s. Give both its precision and its scale, as in: "
                            "{'type': 'DECIMAL', 'precision': 15, 'scale': 2}" % (column_name, " and ".join(repr(k) for k in missing)))
                    for k in ("precision", "scale"):
                        if not isinstance(kind[k], int) or isinstance(kind[k], bool) or kind[k] < 0:
                            raise ValueError("DECIMAL column '%s' needs a non-negative integer %s, got %r" % (column_name, k, kind[k]))
                    columns[column_name] = {"type": "DECIMAL", "precision": kind["precision"], "scale": kind["scale"]}
                else:
                    raise ValueError("Unrecognized column type for column: %s in entry: %s. Got: %s" % (column_name, entry, kind))
            table["columns"] = columns
        tables.append(table)
    return tables


def _is_ours(filename):
    # The harness's own frames and the import machinery say nothing about the connector.
    return filename.startswith("<frozen ") or os.path.abspath(filename).startswith(HARNESS_DIR + os.sep)


def describe(exc, connector_file, project_dir):
    """file, line and a traceback without the harness's own frames."""
    out = {}
    if exc is None:
        return out
    if isinstance(exc, SyntaxError) and exc.filename and exc.lineno:
        out["file"] = exc.filename
        out["line"] = exc.lineno
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not _is_ours(f.filename)]
    if "file" not in out:
        mine = [f for f in frames if os.path.abspath(f.filename) == connector_file]
        if not mine and project_dir:
            mine = [f for f in frames if os.path.abspath(f.filename).startswith(project_dir + os.sep)]
        if mine:
            out["file"] = mine[-1].filename
            out["line"] = mine[-1].lineno
    lines = ["Traceback (most recent call last):\n"] if frames else []
    lines += traceback.format_list(frames)
    # NotSerializable is our TypeError; name it as the SDK would.
    shown = TypeError if type(exc).__name__ == "NotSerializable" else type(exc)
    lines += traceback.format_exception_only(shown, exc)
    out["traceback"] = "".join(lines)
    return out


def main():
    from fivetran_connector_sdk import _channel

    _channel.open_channel(3)
    os._exit = _exit_after_channel(_channel)
    job_fd = os.dup(0)
    job_file = os.fdopen(job_fd, "rb", buffering=0)
    job_line = b""
    while not job_line.endswith(b"\n"):
        chunk = job_file.read(1)
        if not chunk:
            _hard_exit(137)
        job_line += chunk
    job = json.loads(job_line.decode("utf-8"))
    threading.Thread(target=_watch_parent, args=(job_fd,), daemon=True).start()
    # Security: the connector never reads our control pipe; input() gets EOF at once, as under `fivetran debug`.
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdin = open(0, "r", closefd=False)

    project_dir = os.path.realpath(job["project_dir"])
    connector_file = os.path.join(project_dir, "connector.py")
    import fivetran_connector_sdk as sdk

    _channel.record({"t": "start", "sdk_version": sdk.__version__, "python": sys.version.split()[0]})
    sdk._set_project(project_dir)
    os.chdir(project_dir)
    if job.get("memory_limit_mb"):
        limit_memory(job["memory_limit_mb"])
    code = 0
    try:
        if job.get("proof"):
            # Record, replay, faults, crash points (src/proof/): hooks on http.client, installed before the import.
            import ftmcp_proof

            ftmcp_proof.install(job["proof"], job.get("state"))
        for w in exit_check(connector_file):
            _channel.warning(w)
        connector, warnings = load_connector(project_dir, connector_file)
        for w in warnings:
            _channel.warning(w)
        configuration = check_dict(job.get("configuration"), True)
        state = check_dict(job.get("state"), False)

        if connector.schema_method is not None:
            try:
                tables = process_tables(connector.schema_method(configuration))
            except SystemExit as e:
                raise Failure("exit", "schema() called sys.exit(%s)" % (e.code,), e, connector_file, project_dir)
            except Exception as e:
                raise Failure("schema", "failed while executing schema() error: " + str(e), e, connector_file, project_dir)
            _channel.record({"t": "schema", "tables": tables})
            sdk._declare(tables)

        try:
            result = connector.update_method(configuration=configuration, state=state)
            if isinstance(result, types.GeneratorType):
                for _ in result:
                    pass
        except SystemExit as e:
            raise Failure("exit", "update() called sys.exit(%s); the sync stopped there. Raise an exception instead to fail a sync."
                          % (e.code,), e, connector_file, project_dir)
        except _channel.NotSerializable as e:
            raise Failure("serialization", "failed while executing update() error: " + str(e), e, connector_file, project_dir)
        except MemoryError as e:
            # The frames' locals hold what filled the memory; free them so the report can be written.
            traceback.clear_frames(e.__traceback__)
            raise Failure("memory", "failed while executing update() error: out of memory%s"
                          % (" (memory_limit_mb %s)" % job["memory_limit_mb"] if job.get("memory_limit_mb") else ""),
                          e, connector_file, project_dir)
        except sdk.SdkException as e:
            raise Failure("operation", "failed while executing update() error: " + str(e), e, connector_file, project_dir)
        except Exception as e:
            raise Failure("connector_exception", "failed while executing update() error: " + str(e), e, connector_file, project_dir)
        if sdk._failure is not None:
            # update() caught the refused operation (or a thread got it): the SDK fails the sync anyway, and
            # reports the error as it was raised, without the "failed while executing update()" prefix.
            raise Failure("operation", str(sdk._failure), sdk._failure, connector_file, project_dir)
        _channel.record({"t": "stats", "peak_rss_kb": _peak_rss_kb()})
        _channel.record({"t": "end"})
    except Failure as f:
        record = {"t": "error", "kind": f.kind, "message": f.message}
        record.update(describe(f.exc, connector_file, project_dir))
        if f.kind == "import" and isinstance(f.exc, ImportError) and getattr(f.exc, "name", None):
            record["module"] = f.exc.name
        _channel.record({"t": "stats", "peak_rss_kb": _peak_rss_kb()})
        _channel.record(record)
        code = 1
    except BaseException as e:  # noqa: B902 - the last word must reach Node whatever happened
        record = {"t": "error", "kind": "internal", "message": "%s: %s" % (type(e).__name__, e)}
        record.update(describe(e, connector_file, project_dir))
        _channel.record(record)
        code = 1
    try:
        sdk._end_uploads()
    except Exception:
        pass
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        # The channel's writer thread may still hold the last records (stats, end or error).
        _channel.drain()
    except Exception:
        pass
    # Skips interpreter teardown: connector threads left running must not keep a finished sync alive.
    _hard_exit(code)


if __name__ == "__main__":
    main()
