"""Runs one sync of a connector for fivetran-connector-mcp's embedded engine.

Run by ftmcp_boot.py (which src/runner/embedded.ts starts as `python -u ftmcp_boot.py`, and which first
tells the runner which Python this is) with:
  stdin   the job as one JSON line, then held open (EOF means the Node side is gone, and this process ends itself):
          {"project_dir", "configuration" (the argument) or "configuration_from_disk" (read configuration.json after
          the import), "state" (the argument) or "state_from_disk" (read files/state.json after the import),
          "memory_limit_mb", "proof"}
  fd 3    the operation channel (JSON lines, see src/protocol.ts)
  stdout, stderr  the connector's own output, read by Node as logs

It loads connector.py the way `fivetran debug` does (module name connector_connector_code, the project folder on
sys.path), checks configuration, state and schema() with the SDK's wording, and calls update(). Standard library
only, Python 3.9 to 3.13. This file's folder is sys.path[0], so `import fivetran_connector_sdk` finds the shim
next to it before any installed SDK.
"""
import ast
import importlib.util
import io
import json
# Imported before connector.py loads, as under `fivetran debug` (whose CLI imports it first): logging registers its
# atexit shutdown then, so that it runs after the handlers the connector registers, which may still log to a handler
# it would otherwise have closed (a basicConfig file opened with filemode "w" drops the record, fidelity 620).
import logging  # noqa: F401
import os
import re
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

# What `fivetran debug` puts in os.environ while it runs the sync (after connector.py has loaded and the
# configuration and the state passed), and removes when the sync has ended: unset at import and at exit (331).
DEBUG_ENVIRONMENT = {
    "FIVETRAN_CONNECTION_ID": "test_connection_id",
    "FIVETRAN_DEPLOYMENT_MODEL": "local_debug",
    "FIVETRAN_GROUP_ID": "test_group_id",
    "FIVETRAN_CONNECTION_NAME": "test_connection_name",
}

_SIMPLE_TYPES = ("BOOLEAN", "SHORT", "INT", "LONG", "FLOAT", "DOUBLE", "NAIVE_DATE", "NAIVE_DATETIME",
                 "UTC_DATETIME", "BINARY", "XML", "STRING", "JSON")


class Failure(Exception):
    """The run ends here with an error record: a sync (this file) or the setup tests (ftmcp_setup_tests.py)."""

    def __init__(self, kind, message, exc=None, exit_code=1, hint=None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.exc = exc
        # The code the SDK's command ends with: 1 for a failed sync or setup test, n for sys.exit(n).
        self.exit_code = exit_code
        # What the SDK's message does not say (it is kept word for word), for the runner's hint.
        self.hint = hint


def exit_code_of(exc):
    """The exit status Python gives sys.exit(code) when nothing catches it: None is 0, an int is itself (the
    system keeps its low 8 bits), anything else is printed to stderr and is 1."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    try:
        sys.stderr.write("%s\n" % (code,))
    except Exception:
        pass
    return 1


def stopped(exc, where):
    """What a BaseException that is not an Exception does under `fivetran debug`: nothing the SDK catches, so the
    process ends with Python's traceback (no SYNC FAILED report) and, for sys.exit(n), with exit code n."""
    from fivetran_connector_sdk import _ConfigurationRequired

    if isinstance(exc, _ConfigurationRequired):
        # connector.debug() without a configuration: SDK 3.0.0 prints that one is required, then sys.exit(1) (349).
        return Failure("configuration", CONFIG_REQUIRED, exc,
                       hint="connector.debug() ran in %s (left at the bottom of connector.py without its guard?): the "
                            "runner already runs the sync; put the call under `if __name__ == \"__main__\":`, or remove "
                            "it." % where)
    if isinstance(exc, SystemExit):
        code = exit_code_of(exc)
        what = "the setup tests" if where.startswith(("test ", "configuration_form")) else "the sync"
        return Failure("exit", "%s called sys.exit(%s); %s stopped there (exit code %d). Raise an exception instead to fail %s."
                       % (where, "" if exc.code is None else repr(exc.code), what, code, "a setup test" if what == "the setup tests" else "a sync"),
                       exc, exit_code=code)
    if isinstance(exc, KeyboardInterrupt):
        # Python ends an uncaught KeyboardInterrupt by SIGINT, which a shell reports as 128 + 2.
        return Failure("connector_exception", "%s raised KeyboardInterrupt: `fivetran debug` stops there, killed by SIGINT "
                       "(exit code 130)" % where, exc, exit_code=130)
    return Failure("connector_exception", "%s raised %s, a BaseException that is not an Exception: `fivetran debug` "
                   "stops with its traceback and exit code 1\n%s" % (where, type(exc).__name__, traceback.format_exception_only(type(exc), exc)[-1].rstrip("\n")),
                   exc)


def call_failure(exc, where, kind):
    """The Failure for what the connector's schema() or update() raised, as `fivetran debug` reports it: an Exception
    with "failed while executing <where> error: " before its message (kind says which); op.error()'s ConnectorTask,
    a BaseException that nothing wraps, as it is; any other BaseException as the end of the process (stopped)."""
    from fivetran_connector_sdk import _ConnectorTask as ConnectorTask

    if isinstance(exc, ConnectorTask):
        return Failure("connector_exception", str(exc), exc)
    if isinstance(exc, Exception):
        read_as_crash_report(exc)
        try:
            text = str(exc)
        except Exception as e:
            # The SDK formats the message the same way; when the exception's own __str__ raises, that exception
            # ends the sync instead, reported with its text alone.
            return Failure(kind, _text_of(e), e)
        return Failure(kind, "failed while executing %s error: %s" % (where, text), exc)
    return stopped(exc, where)


def read_as_crash_report(exc):
    """`fivetran debug` builds its crash report (crash-reports/) before it words a failure of schema() or update(): it
    formats each exception of the chain (the cause, else a context that is not suppressed), the innermost first,
    with traceback.format_exception_only, which calls each one's __str__ (a failing one is shown as failing). So a
    __str__ with side effects has run once more by the time the message is made: one that reads an HTTP response's
    body finds it read (627). The same calls here, for the same effects; the text is not kept."""
    chain = []
    seen = set()
    current = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        if current.__cause__ is not None:
            current = current.__cause__
        elif not current.__suppress_context__:
            current = current.__context__
        else:
            current = None
    try:
        for current in reversed(chain):
            if sys.version_info >= (3, 10):
                traceback.format_exception_only(current)
            else:
                traceback.format_exception_only(type(current), current)
    except Exception:
        pass  # the SDK's report is best-effort too: its failure only adds a warning


def _text_of(exc):
    try:
        return str(exc)
    except Exception:
        return type(exc).__name__


def load_error(exc, connector_file, project_dir):
    """The SDK's message for a connector.py that fails to load: where the innermost frame is, then the error (a
    TypeError, which comes from how Connector(...) is called, without its type name and with the reference)."""
    frames = traceback.extract_tb(exc.__traceback__)
    # The frames of this file are the runner's, which the SDK's traceback would not have.
    frames = [f for f in frames if os.path.abspath(f.filename) != os.path.abspath(__file__)]
    location = "at %s, line %s\n" % (frames[-1].filename, frames[-1].lineno) if frames else ""
    if isinstance(exc, TypeError):
        text = "%s\n%s" % (exc, CONNECTOR_REFERENCE)
    else:
        text = "%s: %s" % (type(exc).__name__, exc)
    return "error in connector.py %s%s" % (location, text)


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


def hide_own_threads():
    """The harness's own threads (named `ftmcp-…`: the channel's writer, the parent watch, the memory watch until it
    takes `fivetran debug`'s name, the linger watch) are left out of threading.enumerate() and active_count(): under
    `fivetran debug` a connector listing or counting threads sees its own, MainThread and, from just before update(),
    the memory watch (442). Used by ftmcp_setup_tests.py too."""
    listed = threading.enumerate

    def enumerate():
        return [t for t in listed() if not t.name.startswith("ftmcp-")]

    def active_count():
        return len(enumerate())

    enumerate.__doc__ = listed.__doc__
    active_count.__doc__ = threading.active_count.__doc__
    threading.enumerate = enumerate
    threading.active_count = active_count


def stdio_errors_as_python_picks(job):
    """The runner's PYTHONIOENCODING=utf-8 makes stdout strict; under `fivetran debug` Python picks the handler from the
    locale (ftmcp_stdio.py, 430) unless the user's own PYTHONIOENCODING names one (then the runner passed it on). Then
    os.environ is given back the user's own PYTHONIOENCODING and PYTHONUNBUFFERED, or none (environment_as_given):
    the connector and its child processes see what they see under `fivetran debug` (519). Used by
    ftmcp_setup_tests.py too."""
    if job.get("stdio_errors_from_locale"):
        import ftmcp_stdio

        errors = ftmcp_stdio.default_errors()
        for stream in (sys.stdout, sys.stdin):
            try:
                stream.reconfigure(errors=errors)
            except (AttributeError, ValueError):
                pass
    environment_as_given(job)


def environment_as_given(job):
    """The variables the runner set for the harness's own output (PYTHONIOENCODING=utf-8, PYTHONUNBUFFERED=1) as the
    user's environment has them: their value there, or unset. The harness's stdout is already set up (and it runs
    with -u); a connector that lists os.environ, or a child Python whose output it reads (stderr folded into stdout:
    the order of the lines is the child's buffering), then gets what `fivetran debug` started from a shell gives."""
    for name, value in (job.get("environ") or {}).items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def take_job():
    """The job: one JSON line on stdin, which the Node side then holds open (EOF means it is gone, see
    _watch_parent). Used by this file and ftmcp_setup_tests.py."""
    # A bare descriptor, not a file object: one would close it when collected, and _watch_parent reads it to the end.
    job_fd = os.dup(0)
    # In pieces, joined once: a byte at a time into one growing bytes object copied the line once per byte, and a
    # 1 MB configuration or files/state.json kept the run from starting until its timeout. The Node side writes
    # nothing after the line, so reading past its end takes nothing from _watch_parent.
    pieces = []
    while True:
        chunk = os.read(job_fd, 1 << 16)
        if not chunk:
            _hard_exit(137)
        pieces.append(chunk)
        if b"\n" in chunk:
            break
    job_line = b"".join(pieces)
    job = json.loads(job_line[:job_line.index(b"\n")].decode("utf-8"))
    # Named: an unnamed one would take "Thread-1", which the connector's first unnamed thread has under the SDK (in a
    # setup test), or `fivetran debug`'s memory watch (in a sync, see MemoryWatch).
    threading.Thread(target=_watch_parent, args=(job_fd,), name="ftmcp-watch-parent", daemon=True).start()
    # Security: the connector never reads our control pipe; input() gets EOF at once, as under `fivetran debug`.
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    # A new stdin over /dev/null, made as Python makes it at start-up (the one it made took fd 0 for the pipe it was,
    # not seekable, and write-through for our -u): named `<stdin>`, newline "\n", the encoding and handler Python
    # gave stdin (PYTHONIOENCODING's), write-through only if the user's PYTHONUNBUFFERED asks, and sys.__stdin__ too,
    # as under `fivetran debug` (441, 531).
    environ = job.get("environ") or {}
    unbuffered = environ["PYTHONUNBUFFERED"] if "PYTHONUNBUFFERED" in environ else os.environ.get("PYTHONUNBUFFERED")
    raw = io.open(0, "rb", closefd=False)
    raw.raw.name = "<stdin>"
    stdin = io.TextIOWrapper(raw, encoding=getattr(sys.stdin, "encoding", None) or "utf-8",
                             errors=getattr(sys.stdin, "errors", None) or "strict", newline="\n",
                             write_through=bool(unbuffered))
    stdin.mode = "r"
    sys.stdin = sys.__stdin__ = stdin
    return job


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


# `fivetran debug`'s limit on its process's resident memory (its CLI's MEMORY_LIMIT_BYTES).
DEBUG_MEMORY_LIMIT_BYTES = 4 * 1024 ** 3


def _status_bytes(field):
    """A size of /proc/self/status (b"VmRSS:", b"VmSize:") in bytes, or None where /proc has no such line."""
    try:
        # os-level: connector code may have replaced open().
        fd = os.open("/proc/self/status", os.O_RDONLY)
        try:
            text = os.read(fd, 1 << 16)
        finally:
            os.close(fd)
        for line in text.split(b"\n"):
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _rss_bytes():
    """The process's resident memory as `fivetran debug` reads it (VmRSS), or None where /proc has no such line."""
    return _status_bytes(b"VmRSS:")


class MemoryWatch:
    """What `fivetran debug` does from just before update() to the process's end: a daemon thread samples resident
    memory every second and, past the limit, ends the run with exit code 1, no verdict, the rows after the last
    checkpoint lost (its message word for word). Under `fivetran debug` the warehouse's DuckDB runs in that process
    and counts too; here it runs in Node, so only the connector's share does. Not watched where /proc is missing
    (macOS), which `fivetran debug` reads through ps instead.

    The thread starts with the harness, before memory_limit_mb caps the address space (limit_memory()): a thread's
    first allocation reserves a 64 MB malloc arena, which would come out of the connector's share. It waits until
    start(), and is then named as `fivetran debug`'s own, which that makes just before update()."""

    def __init__(self):
        self._go = threading.Event()
        self._limit = None
        self._thread = threading.Thread(target=self._monitor_loop, name="ftmcp-memory-watch", daemon=True)
        self._thread.start()

    def start(self, limit_bytes):
        self._limit = limit_bytes
        # `fivetran debug`'s is an unnamed thread: "Thread-1 (_monitor_loop)" when the connector made none as it
        # loaded, and the connector's first unnamed thread is then "Thread-2" in both (309).
        name = threading._newname("Thread-%d")
        # Python 3.10 and later add the target's name to an unnamed thread's.
        self._thread.name = name + " (_monitor_loop)" if sys.version_info >= (3, 10) else name
        self._go.set()

    def _monitor_loop(self):
        self._go.wait()
        # An Event's wait, not time.sleep(): the connector may have replaced that.
        tick = threading.Event()
        while True:
            used = _rss_bytes()
            if used is None:
                return
            if used > self._limit:
                _memory_exceeded(used, self._limit)
            tick.wait(1.0)


def _gigabytes(n):
    return "%d GB" % (n // 1024 ** 3) if n % 1024 ** 3 == 0 else "%.2f GB" % (n / 1024 ** 3)


# Set once the sync's end is sent: a limit passed after it (a thread still running) ends the process as os._exit(1)
# from such a thread does, after `fivetran debug` printed SYNC SUCCEEDED.
_sync_ended = threading.Event()


def _memory_exceeded(used, limit_bytes):
    from fivetran_connector_sdk import _channel

    message = "memory usage of connector code exceeded the allowed limit (used: %.2f GB, limit: %.2f GB)" % (
        used / 1024 ** 3, limit_bytes / 1024 ** 3)
    if _sync_ended.is_set():
        try:
            _channel.warning(message)
        except BaseException:  # noqa: B902 - the process ends here whatever the channel says
            pass
        _flush_out()
        _hard_exit(1)
    try:
        _channel.record({"t": "stats", "peak_rss_kb": _peak_rss_kb()})
        _channel.record({
            "t": "error",
            "kind": "memory",
            "message": message,
            "exit_code": 1,
            "hint": "fivetran debug ends a connector whose process holds more than %s of memory, as here (exit "
                    "code 1, no result): stream pages and checkpoint instead of holding all rows at once. What "
                    "earlier checkpoints committed is kept." % _gigabytes(limit_bytes),
        })
    except BaseException:  # noqa: B902 - the process ends here whatever the channel says
        pass
    _flush_out()
    _hard_exit(1)


def limit_memory(limit_mb):
    """Caps the address space at what the interpreter holds now plus limit_mb, before the connector is imported:
    an allocation past it raises MemoryError in the connector (kind memory) instead of taking the machine's memory."""
    try:
        import resource
    except ImportError:
        return
    want = (_status_bytes(b"VmSize:") or 0) + int(limit_mb) * 1024 * 1024
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


def check_requirements(project_dir):
    """What `fivetran debug` reads of the folder's dependencies when the sync starts, after the configuration and the
    state and before its exit() check: pyproject.toml when there is one (parsed with tomllib on Python 3.11 and
    later; one that is not TOML ends the run with `failed to parse pyproject.toml`, 342), else requirements.txt,
    read as UTF-8 (a UTF-16 file fails the run with the codec's error, 341). What it then compares with pipreqs's
    findings is only logged."""
    pyproject = os.path.join(project_dir, "pyproject.toml")
    hint = "Fix %s: `fivetran debug` reads it before the sync."
    if os.path.exists(pyproject):
        if sys.version_info < (3, 11):
            return
        try:
            import tomllib

            with open(pyproject, "rb") as f:
                data = tomllib.load(f)
        except Exception as e:
            raise Failure("connector_exception", "failed to parse pyproject.toml",
                          hint=hint % "pyproject.toml (%s)" % e)
        try:
            for dep in data.get("project", {}).get("dependencies", []):
                re.split(r"[\s><=!~\[@;]", dep)
        except Exception as e:
            raise Failure("connector_exception", "debug run failed error: %s" % e, hint=hint % "pyproject.toml")
        return
    requirements = os.path.join(project_dir, "requirements.txt")
    if os.path.exists(requirements):
        try:
            with open(requirements, "r", encoding="utf-8") as f:
                f.read()
        except Exception as e:
            raise Failure("connector_exception", "debug run failed error: %s" % e,
                          hint=hint % "requirements.txt (save it as UTF-8)")


def enable_faulthandler():
    """`fivetran debug` turns faulthandler on once it has read the dependencies, before its exit() check: it is off
    while connector.py loads and on in schema() and update() (a crash then prints every thread's stack to stderr;
    523). What cannot be turned on (sys.stderr None, or with no descriptor) is skipped, as there; any other error
    ends the run as `fivetran debug` ends it."""
    import faulthandler

    try:
        faulthandler.enable()
    except (RuntimeError, OSError):
        pass
    except Exception as e:
        raise Failure("connector_exception", "debug run failed error: %s" % e, e)


def read_source(connector_file):
    """`fivetran debug` reads connector.py once more, as UTF-8 text, for its exit() check, after the configuration
    and the state and before it checks the configuration's values: a file Python imported through a coding
    declaration (Latin-1, cp1252) fails the run there, before files/ exists (337)."""
    try:
        with open(connector_file, "r", encoding="utf-8") as f:
            f.read()
    except UnicodeDecodeError as e:
        raise Failure("connector_exception", "debug run failed error: %s" % e,
                      hint="connector.py is not UTF-8: `fivetran debug` reads it as UTF-8 whatever its "
                           "coding declaration says. Save it as UTF-8.")


MAX_CONFIG_FIELDS = 100
ENCRYPTED_PREFIX = "fivetran_encrypted:"
# What `fivetran debug` says, word for word, when it has no configuration (no configuration.json, no argument).
CONFIG_REQUIRED = ("configuration is required; provide it via the --configuration flag, the FIVETRAN_CONFIGURATION "
                   "environment variable, or by placing configuration.json in the project folder.\n"
                   "If your connector does not require configuration, pass an empty configuration.json file.\n"
                   "For more information, see "
                   "https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/configuration-json.")


def file_text(raw):
    """A file's bytes as `fivetran debug` reads the file, open(path, "r", encoding="utf-8").read(): UTF-8, strictly
    (a Latin-1 or UTF-16 file raises UnicodeDecodeError), with universal newlines (CRLF and CR read as LF, which the
    line and character of a JSON error count, 334)."""
    return io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8").read()


def read_configuration(raw):
    """configuration.json as `fivetran debug` reads it, from the file's bytes (decoded as the SDK reads them), with its
    checks and messages; None when there is no file."""
    if raw is None:
        return None
    try:
        text = file_text(raw)
    except UnicodeDecodeError as e:
        raise Failure("configuration", "invalid configuration error: %s" % e,
                      hint="configuration.json is not UTF-8 (saved as UTF-16 or Latin-1?): save it as UTF-8.")
    try:
        configuration = json.loads(text)
    except RecursionError as e:
        # `fivetran debug` does not catch it: Python's traceback, exit code 1, no message of its own.
        raise Failure("configuration", "invalid configuration error: %s" % e)
    except json.JSONDecodeError:
        raise Failure("configuration", "invalid configuration error: Configuration must be provided as a JSON file. Please check "
                      "your input. Reference: " + CONFIG_REFERENCE.split(" ", 1)[1],
                      hint="configuration.json is not valid JSON: make it one JSON object of string values, e.g. {\"api_key\": \"...\"}.")
    if not isinstance(configuration, dict):
        raise Failure("configuration", "invalid configuration error: Configuration must be a JSON object of key-value pairs. "
                      "Reference: " + CONFIG_REFERENCE.split(" ", 1)[1])
    if len(configuration) > MAX_CONFIG_FIELDS:
        raise Failure("configuration", "invalid configuration error: Configuration field count exceeds maximum of %d. "
                      "Reduce the field count." % MAX_CONFIG_FIELDS)
    # The SDK's `fivetran configuration` encrypts password fields with a key in the user's home folder, and
    # `fivetran debug` decrypts them; the embedded engine (standard library only, no key) cannot, and a connector
    # must not get the ciphertext as its credential.
    encrypted = sorted(k for k, v in configuration.items() if isinstance(v, str) and v.startswith(ENCRYPTED_PREFIX))
    if encrypted:
        # Worded without the marker's own words: the runner masks any long part of a secret value it finds.
        raise Failure("configuration", "configuration.json holds values the SDK's configuration command sealed with its key "
                      "(%s); only the real SDK can decrypt them" % ", ".join("'%s'" % k for k in encrypted),
                      hint="Run with engine sdk (the real SDK installed for that Python), or pass the configuration argument "
                           "with plain values.")
    return configuration


def read_configuration_file(project_dir):
    """configuration.json's bytes, read once connector.py has loaded, as `fivetran debug` reads the file then; None
    when there is none."""
    path = os.path.join(project_dir, "configuration.json")
    if not os.path.exists(path):
        return None
    if os.path.isdir(path):
        # A folder at its name (what `docker run -v` makes of a host file that did not exist) is refused as the SDK
        # refuses what is neither a file nor a FIFO; the runner has refused anything else (572).
        raise Failure("configuration", "invalid configuration error: Configuration path is incorrect, cannot find file at "
                      "the location %s" % path,
                      hint="Remove the folder configuration.json and write the configuration there as a JSON file.")
    with open(path, "rb") as f:
        return f.read()


def make_files_dir(project_dir):
    """files/, made as `fivetran debug` makes it when its sync starts (os.makedirs with exist_ok): a file of that name
    fails the sync with Python's own message."""
    try:
        os.makedirs(os.path.join(project_dir, "files"), exist_ok=True)
    except OSError as e:
        raise Failure("operation", str(e), e,
                      hint="files/ is where the sync keeps its warehouse and state: rename or remove the file named "
                           "files, and write the connector's own files elsewhere.")


def read_state(raw, path):
    """files/state.json as `fivetran debug` reads it (after the configuration), from the file's bytes, with its
    messages."""
    hint = "Fix or delete files/state.json, or run with reset=true to start over."
    try:
        # Decoded as the SDK reads the file (file_text): not UTF-8 is refused with Python's own UnicodeDecodeError.
        state = json.loads(file_text(raw))
    except ValueError as e:
        raise Failure("state", "invalid state error: %s" % e, hint=hint)
    except RecursionError as e:
        # `fivetran debug` does not catch it: Python's traceback, exit code 1, no message of its own.
        raise Failure("state", "invalid state error: %s" % e, hint=hint)
    if not isinstance(state, dict):
        # op.checkpoint(None), or a list or a string, leaves a state.json the next run refuses.
        raise Failure("state", "invalid state error: State file %s must hold a JSON object" % path, hint=hint)
    return state


def read_state_file(path):
    """files/state.json from disk, as `fivetran debug` reads it: {} when there is none."""
    if not os.path.exists(path):
        return {}
    if os.path.isdir(path):
        # A folder at its name (what `docker run -v` makes of a host file that did not exist) is refused as the SDK
        # refuses what is neither a file nor a FIFO; the runner has refused anything else (581).
        raise Failure("state", "invalid state error: State path is incorrect, cannot find file at the location %s" % path,
                      hint="Remove the folder files/state.json: the next checkpoint writes the state there.")
    with open(path, "rb") as f:
        return read_state(f.read(), path)


def check_dict(incoming, string_only, values_of="configuration.json values"):
    """The SDK's check_dict, with its messages; the hint names where the values came from."""
    if not incoming:
        return {}
    if not isinstance(incoming, dict):
        raise Failure("configuration" if string_only else "state",
                      "invalid configuration file; must be a valid JSON object\n" + CONFIG_REFERENCE)
    if string_only:
        for key, value in incoming.items():
            if not isinstance(value, str):
                raise Failure("configuration", "invalid configuration file; all values must be strings\n" + CONFIG_REFERENCE,
                              hint="The value of '%s' is %s: %s must all be strings; quote numbers "
                                   "and booleans, flatten nested objects." % (key, "null" if value is None else type(value).__name__, values_of))
    return incoming


# How deep in the stack `fivetran debug` runs the connector's code, counted from the bottom frame (its console
# script's `<module>` is 1): the frame that imports connector.py is the 6th (then the import machinery's two, then
# connector.py's `<module>`), and schema() and update() run as the 13th (a generator update() too: it is drained in
# the frame that called it). A connector sees it as its recursion headroom (a RecursionError at one depth fewer or
# more), len(inspect.stack()) and traceback.extract_stack() (530).
SDK_IMPORT_CALLER_DEPTH = 6
SDK_CALL_DEPTH = 13


def call_at_depth(depth, fn, *args, **kwargs):
    """fn(*args, **kwargs) running as frame number `depth` from the bottom of the stack, through frames of this file
    (which describe() leaves out of a traceback); where the harness is already deeper, from here."""
    here = 0
    frame = sys._getframe()
    while frame is not None:
        here += 1
        frame = frame.f_back
    return _descend(depth - here - 2, fn, args, kwargs)


def _descend(n, fn, args, kwargs):
    if n > 0:
        return _descend(n - 1, fn, args, kwargs)
    return fn(*args, **kwargs)


def _exec_module(spec, module):
    spec.loader.exec_module(module)


def _update_drained(update_method, configuration, state):
    result = update_method(configuration=configuration, state=state)
    if isinstance(result, types.GeneratorType):
        for _ in result:
            pass


def _stdout_refuses_log_line(text):
    """What a log line of `fivetran debug` meets on sys.stdout as the connector left it, or None: the SDK asks
    sys.stdout.isatty() (to colour the line), then prints `text`, its emoji included. None, a writer without
    isatty(), a closed file or an ASCII file raises there (539)."""
    out = sys.stdout
    try:
        out.isatty()
        encoding = getattr(out, "encoding", None)
        if encoding:
            text.encode(encoding, getattr(out, "errors", None) or "strict")
    except Exception as e:
        return e
    return None


def library_log_after_import():
    """Right after connector.py loads, `fivetran debug` logs where it reads the configuration from. A sys.stdout
    replaced at import that cannot print it ends `fivetran debug` there with Python's traceback and exit code 1,
    before files/ exists; the exception goes to sys.excepthook (539)."""
    e = _stdout_refuses_log_line("\u26a1 \u2139\ufe0f")
    if e is not None:
        failure = Failure("connector_exception",
                          "`fivetran debug` could not print its first log line after connector.py loaded, and stops "
                          "there with Python's traceback (exit code 1): %s: %s" % (type(e).__name__, e), e,
                          hint="connector.py replaced sys.stdout with an object the SDK's log cannot print to (it "
                               "calls sys.stdout.isatty(), then prints an emoji); give it isatty() and a UTF-8 "
                               "encoding, or restore sys.stdout before connector.py finishes loading.")
        failure.uncaught = True
        raise failure


def library_log_during_sync(where):
    """After schema() and after update() `fivetran debug` logs a line the same way (see library_log_after_import). A
    sys.stdout the connector replaced there with one that cannot print fails the sync: rows after the last
    checkpoint are dropped, and the SDK's report of it cannot be printed either, so it ends with exit code 1 and no
    message (539)."""
    e = _stdout_refuses_log_line("\u26a1")
    if e is not None:
        raise Failure("connector_exception",
                      "`fivetran debug` could not print its log line after %s returned, and the sync fails there (exit "
                      "code 1, no message): %s: %s" % (where, type(e).__name__, e), e,
                      hint="%s left sys.stdout replaced with an object the SDK's log cannot print to (it calls "
                           "sys.stdout.isatty(), then prints an emoji); restore sys.stdout before it returns, or give "
                           "the replacement isatty() and a UTF-8 encoding." % where)


def load_connector(project_dir, connector_file):
    sys.path.append(project_dir)
    module_name = "connector_connector_code"
    try:
        spec = importlib.util.spec_from_file_location(module_name, connector_file)
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        call_at_depth(SDK_IMPORT_CALLER_DEPTH, _exec_module, spec, module)
    except SyntaxError as e:
        raise Failure("syntax", load_error(e, connector_file, project_dir), e)
    except ImportError as e:
        raise Failure("import", load_error(e, connector_file, project_dir), e)
    except MemoryError as e:
        traceback.clear_frames(e.__traceback__)
        raise Failure("memory", "error in connector.py\nMemoryError: out of memory while being imported", e)
    except FileNotFoundError as e:
        # `fivetran debug` takes any FileNotFoundError raised while connector.py loads (a file the connector opens
        # at import) for connector.py itself missing, and says so (327); the hint says what was not found.
        frames = [f for f in traceback.extract_tb(e.__traceback__) if os.path.abspath(f.filename) != os.path.abspath(__file__)]
        where = " at %s, line %s" % (frames[-1].filename, frames[-1].lineno) if frames else ""
        raise Failure("connector_exception", "connector.py not found in %s\nthis file is required to start a sync\n%s"
                      % (project_dir, CONNECTOR_REFERENCE), e,
                      hint="connector.py was found: a FileNotFoundError was raised while it loaded%s (%s). Create the "
                           "file it opens, or open it inside update() instead of at import." % (where, e))
    except Exception as e:
        raise Failure("connector_exception", load_error(e, connector_file, project_dir), e)
    except _SyncAtImportFailed as e:
        raise e.failure
    except BaseException as e:  # noqa: B902 - sys.exit() and the like end `fivetran debug` with them
        raise stopped(e, "connector.py")

    from fivetran_connector_sdk import Connector

    found = {}
    for name, value in vars(module).items():
        # As the SDK: a Connector itself, not an instance of a subclass.
        if not name.startswith("__") and type(value) is Connector:
            found[name] = value
    if "connector" in found:
        return found["connector"]
    if found:
        # SDK 3.x runs only `connector` (Fivetran imports it by that name) and refuses the rest.
        raise Failure("no_connector", "Connector object must be named 'connector', but found: %s\nrename it to 'connector' in connector.py\n"
                      "example: connector = Connector(update=update, schema=schema)\n%s"
                      % (", ".join("'%s'" % n for n in sorted(found)), CONNECTOR_REFERENCE))
    raise Failure("no_connector", "connector object not found\ndefine a Connector object in connector.py\n" + CONNECTOR_REFERENCE)


def process_tables(response):
    """The SDK's process_tables: checks schema() output, in the SDK's order and with its errors, and returns the
    declared tables with their names as the SDK reads them (str, or UTF-8 bytes decoded)."""
    from fivetran_connector_sdk import _wire

    tables = []
    seen = set()
    for entry in response:
        if "table" not in entry:
            raise ValueError("Entry missing table name: %s" % (entry,))
        name = entry["table"]
        source_schema = entry.get("schema")
        if not isinstance(name, str):
            raise TypeError("Table name must be a string, got " + type(name).__name__)
        if not name.strip():
            raise ValueError("Table name must be a non-empty string")
        if source_schema is not None:
            # The SDK's _validate_schema, with its wording.
            if not isinstance(source_schema, str):
                raise TypeError("'schema' must be a string, got " + type(source_schema).__name__)
            if not source_schema.strip():
                raise ValueError("'schema' must be a non-empty string")
        key = (source_schema, name)
        if key in seen:
            raise ValueError("Table %s already exists in %s" % (name, source_schema) if source_schema else "Table already defined: " + name)
        table = {"table": _wire.text(name)}
        if source_schema is not None:
            table["schema"] = _wire.text(source_schema)
        # Column name (as given) -> [name as read, is key, declared type]; a dict keeps the SDK's column order.
        columns = {}
        if "primary_key" in entry:
            for column_name in entry["primary_key"]:
                column = columns[column_name] if column_name in columns else [_wire.text(column_name), False, None]
                column[1] = True
                columns[column_name] = column
        if "columns" in entry:
            for column_name, kind in entry["columns"].items():
                column = columns[column_name] if column_name in columns else [_wire.text(column_name), False, None]
                if isinstance(kind, str):
                    upper = kind.upper()
                    if upper in _SIMPLE_TYPES:
                        column[2] = {"type": upper}
                    elif upper == "DECIMAL":
                        raise ValueError(
                            "DECIMAL data type missing precision and scale. Use a dictionary for DECIMAL column type like: "
                            '"col_name": {  # Decimal data type with precision and scale.\n    "type": "DECIMAL",\n'
                            '    "precision": 15,\n    "scale": 2\n}')
                    else:
                        raise ValueError("Unrecognized column type encountered:: ", str(kind))
                elif isinstance(kind, dict):
                    if kind["type"].upper() != "DECIMAL":
                        raise ValueError(
                            "Expecting DECIMAL data type for dictionary column entry, but got: %s in entry: %s for column: %s. "
                            "Dictionary type is only allowed for DECIMAL columns with 'precision' and 'scale' fields, "
                            "as in: {'type': 'DECIMAL', 'precision': <int>, 'scale': <int>}. "
                            "For all other data types, use a string as the column type." % (kind["type"], entry, column_name))
                    missing = [k for k in ("precision", "scale") if k not in kind]
                    if missing:
                        raise ValueError(
                            "DECIMAL column '%s' is missing %s. Give both its precision and its scale, as in: "
                            "{'type': 'DECIMAL', 'precision': 15, 'scale': 2}" % (column_name, " and ".join(repr(k) for k in missing)))
                    column[2] = {"type": "DECIMAL",
                                 "precision": _wire.integer(kind["precision"], 32, False, unset_if_none=False),
                                 "scale": _wire.integer(kind["scale"], 32, False, unset_if_none=False)}
                else:
                    raise ValueError("Unrecognized column type for column: %s in entry: %s. Got: %s" % (column_name, entry, kind))
                if "primary_key" in entry and column_name in entry["primary_key"]:
                    column[1] = True
                columns[column_name] = column
        seen.add(key)
        if "primary_key" in entry:
            table["primary_key"] = [c[0] for c in columns.values() if c[1]]
        if "columns" in entry:
            table["columns"] = {c[0]: c[2] for c in columns.values() if c[2] is not None}
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
    lines += traceback.format_exception_only(type(exc), exc)
    out["traceback"] = "".join(lines)
    return out


_PLACEHOLDER = None


def placeholder_keys(configuration):
    """Configuration keys whose values are still template placeholders (<YOUR_API_KEY>, YOUR_TOKEN, changeme).
    Only the keys leave this function: the values may be secrets."""
    global _PLACEHOLDER
    if _PLACEHOLDER is None:
        import re

        _PLACEHOLDER = re.compile(r"^\s*(<[^<>]*>|\{\{[^{}]*\}\}|your[_\- ].*|.*_here|changeme|change[_\- ]me|xxx+|todo|replace[_\- ]?me)\s*$", re.I)
    if not isinstance(configuration, dict):
        return []
    return [k for k, v in configuration.items() if isinstance(v, str) and _PLACEHOLDER.match(v)]


def _missing_key_owner(exc):
    """For a KeyError raised by `d[key]` in the connector: the keys `d` has. Looks at the innermost frame whose
    source line subscripts a local dict with the missing key, so the agent sees the fields the record does have."""
    if not exc.args:
        return None
    key = exc.args[0]
    tb = exc.__traceback__
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        if _is_ours(frame.f_code.co_filename):
            continue
        for name, value in list(frame.f_locals.items()):
            if isinstance(value, dict) and key not in value and value and all(isinstance(k, str) for k in value):
                try:
                    import linecache

                    line = linecache.getline(frame.f_code.co_filename, frame.f_lineno)
                except Exception:
                    line = ""
                if name in line:
                    return sorted(value.keys())[:50]
        break
    return None


def explain(exc, configuration):
    """What the runner needs for a precise hint: the exception type, and for the common failures the detail
    (HTTP status and URL, the missing key and the record's keys, placeholder configuration values)."""
    out = {}
    if exc is None:
        return out
    out["exception_type"] = type(exc).__name__
    if getattr(exc, "in_state", False):
        out["in_state"] = True
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    if isinstance(status, int) and not isinstance(status, bool):
        http = {"status": status}
        request = getattr(response, "request", None) or getattr(exc, "request", None)
        for field, attr in (("method", "method"), ("url", "url")):
            value = getattr(request, attr, None) if request is not None else None
            if value is None and attr == "url":
                value = getattr(response, "url", None)
            if isinstance(value, str):
                http[field] = value
        try:
            body = response.text
            if isinstance(body, str) and body.strip():
                http["body"] = body.strip()[:300]
        except Exception:
            pass
        out["http"] = http
    elif not isinstance(exc, KeyError):
        # Connectors (the scaffold's among them) often raise their own error naming the request and the status.
        import re

        text = str(exc)
        m = re.search(r"\b(GET|POST|PUT|PATCH|DELETE|HEAD) (\S+).*?\bHTTP (\d{3})\b:?\s*(.*)", text, re.S) or re.search(
            r"\b(?:HTTP|status(?: code)?)[ :]+([45]\d\d)\b", text, re.I)
        if m and m.re.groups == 4:
            out["http"] = {"status": int(m.group(3)), "method": m.group(1), "url": m.group(2)}
            if m.group(4).strip():
                out["http"]["body"] = m.group(4).strip()[:300]
        elif m:
            out["http"] = {"status": int(m.group(1))}
    if isinstance(exc, KeyError) and exc.args and isinstance(exc.args[0], str):
        out["missing_key"] = exc.args[0]
        keys = _missing_key_owner(exc)
        if keys is not None:
            out["record_keys"] = keys
    placeholders = placeholder_keys(configuration)
    if placeholders:
        out["placeholder_keys"] = placeholders
    return out


def sync_steps(connector, configuration, state, job, memory_watch):
    """schema() and update() as `fivetran debug`'s sync runs them, once files/ is made and the warehouse open: the
    Failure of what went wrong, or what _channel.end_state() returns (the state a sync that never checkpointed could
    not write)."""
    import fivetran_connector_sdk as sdk
    from fivetran_connector_sdk import _channel

    # As the SDK, which asks whether schema is truthy, not whether it is None: `schema=TABLES` with an empty
    # list means no schema() at all (556); a list with tables in it is called, and fails (557).
    if connector.schema_method:
        try:
            tables = process_tables(call_at_depth(SDK_CALL_DEPTH, connector.schema_method,
                                                  connector.configuration or dict(configuration or {})))
        except BaseException as e:  # noqa: B902 - call_failure says what `fivetran debug` does with each
            raise call_failure(e, "schema()", "schema")
        library_log_during_sync("schema()")
        _channel.schema(tables)
        sdk._declare(tables)

    sdk._install()
    # The decimal context update() starts in is the one its rows are flushed in, unless it changes (356).
    _channel.note_decimal_context()
    if memory_watch is not None:
        memory_watch.start(job.get("debug_memory_limit_bytes") or DEBUG_MEMORY_LIMIT_BYTES)
    # `fivetran debug` gives update() the dict it read (a fresh one only when that was empty) and, when the sync
    # never checkpoints, writes that same dict at its end (_channel.end_state()).
    own_state = state if state else None
    try:
        call_at_depth(SDK_CALL_DEPTH - 1, _update_drained, connector.update_method,
                      connector.configuration or dict(configuration or {}), connector.state or dict(state or {}))
    except MemoryError as e:
        # The frames' locals hold what filled the memory; free them so the report can be written.
        traceback.clear_frames(e.__traceback__)
        raise Failure("memory", "failed while executing update() error: out of memory%s"
                      % (" (memory_limit_mb %s)" % job["memory_limit_mb"] if job.get("memory_limit_mb") else ""),
                      e)
    except BaseException as e:  # noqa: B902 - call_failure says what `fivetran debug` does with each
        # The SDK's own errors have kinds of their own: a value it cannot serialize, an operation it refused.
        kind = "serialization" if _channel.is_serialization_error(e) else "operation" if isinstance(e, sdk._SdkException) else "connector_exception"
        raise call_failure(e, "update()", kind)
    library_log_during_sync("update()")
    if sdk._failure is not None:
        # update() caught the refused operation or op.error() (or a thread got it): the SDK fails the sync
        # anyway, and reports the error as it was raised, without the "failed while executing update()" prefix.
        kind = "connector_exception" if isinstance(sdk._failure, sdk._ConnectorTask) else "operation"
        raise Failure(kind, str(sdk._failure), sdk._failure)
    # The flush after update() rounds the DECIMAL values sent since the last checkpoint: one the connector's decimal
    # context will not round fails the sync there, its message without update()'s prefix (356).
    rounding = _channel.take_rounding_error()
    if rounding is not None:
        raise Failure("connector_exception", str(rounding), rounding)
    refused = _channel.end_state(own_state)
    return refused


def open_warehouse():
    """Asks the runner to open files/warehouse.db, and waits until it has. The answer says whether the warehouse keeps
    the source's names (it was first made with `fivetran debug --naming source`): then nothing is renamed from now
    on, as under the SDK, which reads the strategy from the file as it opens it."""
    from fivetran_connector_sdk import _channel, _names

    if _channel.ask({"t": "files"}) == b"s":
        _names.keep_source_names()


class _SyncAtImportFailed(SystemExit):
    """The sync connector.debug() ran while connector.py loaded failed: SDK 3.0.0 reports it, then calls sys.exit(1)
    there, which nothing in connector.py's `except Exception` catches. Carries that sync's Failure."""

    def __init__(self, failure):
        super().__init__(1)
        self.failure = failure


# What connector.debug(configuration=…) needs while connector.py loads: the folder and the job (set by main()).
_loading = {}


def sync_at_import(connector, configuration, state):
    """connector.debug(configuration=…) called while connector.py loads (the template's run block left without its
    `if __name__ == "__main__":` line): SDK 3.0.0 runs a whole sync there, in the importing process, then
    `fivetran debug` runs its own, which starts from files/state.json as this one left it (555). The same steps as
    main()'s, from the configuration and state given (an empty state, not files/state.json); once it has succeeded the
    runner commits its last rows and counts the next sync afresh."""
    import fivetran_connector_sdk as sdk
    from fivetran_connector_sdk import _channel

    project_dir = _loading["project_dir"]
    try:
        sdk.Logging.LOG_LEVEL = sdk.Logging.Level.DEBUG
        connector.project_path = project_dir
        check_requirements(project_dir)
        enable_faulthandler()
        read_source(os.path.join(project_dir, "connector.py"))
        configuration = check_dict(configuration, True, "the configuration argument's values")
        state = check_dict(state, False)
        # Security: this configuration may not be configuration.json's (a dict written in connector.py): the runner
        # learns its secrets too before the sync prints anything, as it learns the file's (see main()).
        _channel.ask({"t": "configuration", "text": json.dumps(configuration)})
        connector.configuration = configuration
        connector.state = state
        os.environ.update(DEBUG_ENVIRONMENT)
        try:
            make_files_dir(project_dir)
            open_warehouse()
            _loading["synced"] = True
            _channel.start_state(state)
            refused = sync_steps(connector, configuration, state, _loading["job"], None)
            if refused is not None:
                raise Failure("connector_exception" if isinstance(refused, OSError) else "serialization", str(refused), refused)
            sdk._uninstall()
            _channel.ask({"t": "sync_end"})
        finally:
            for name in DEBUG_ENVIRONMENT:
                os.environ.pop(name, None)
    except Failure as f:
        raise _SyncAtImportFailed(f) from None
    _channel.sync_again()


def main():
    from fivetran_connector_sdk import _channel

    hide_own_threads()
    _channel.open_channel(3)
    main_pid = os.getpid()
    os._exit = _exit_after_channel(_channel)
    job = take_job()
    stdio_errors_as_python_picks(job)

    project_dir = os.path.realpath(job["project_dir"])
    connector_file = os.path.join(project_dir, "connector.py")
    import fivetran_connector_sdk as sdk

    _loading.update(project_dir=project_dir, job=job)

    _channel.record({"t": "start", "sdk_version": sdk.__version__, "python": sys.version.split()[0]})
    sdk._set_project(project_dir)
    os.chdir(project_dir)
    # The command line connector.py sees is `fivetran debug`'s: the console script beside the venv's Python, then
    # `debug` (an argparse parser at import refuses it, as there: `unrecognized arguments: debug`, exit code 2).
    sys.argv = [os.path.join(os.path.dirname(sys.executable), "fivetran"), "debug"]
    # And the interpreter's own command line (Python 3.10+) is the console script's: its shebang's Python, then that
    # (534); not `python3 -u ftmcp_boot.py`.
    if hasattr(sys, "orig_argv"):
        sys.orig_argv = [sys.executable] + sys.argv
    memory_watch = MemoryWatch()
    if job.get("memory_limit_mb"):
        limit_memory(job["memory_limit_mb"])
    code = 0
    # The exit code `fivetran debug` would end with (only a forked child ends with it, see below).
    failure_code = 0
    configuration = None
    # `fivetran debug` makes files/ only once connector.py has loaded and the configuration passed its checks.
    syncing = False
    # A BaseException that nothing of `fivetran debug` catches (not sys.exit(), not op.error()'s): it leaves the
    # console script, and Python hands it to sys.excepthook (537).
    uncaught = None
    try:
        if job.get("proof"):
            # Record, replay, faults, crash points (src/proof/): hooks on http.client, installed before the import.
            import ftmcp_proof

            ftmcp_proof.install(job["proof"], job.get("state"))
        for w in exit_check(connector_file):
            _channel.warning(w)
        sdk._sync_at_import = sync_at_import
        try:
            connector = load_connector(project_dir, connector_file)
        finally:
            sdk._sync_at_import = None
        library_log_after_import()
        # As `fivetran debug`: configuration.json is read once connector.py has loaded (a file the connector wrote as
        # it loaded is the one the sync gets, 330), then files/state.json; that the configuration's values are
        # strings is checked only after both (340).
        from_file = bool(job.get("configuration_from_disk"))
        if from_file:
            raw = read_configuration_file(project_dir)
            if raw is not None:
                # Security: the runner masks the configuration's secrets in what it reports; it learns them from here,
                # and says when it has them (one byte back), so nothing the connector prints from now on reaches the
                # runner's log before it can mask them (stdout is another pipe, read apart from this channel).
                _channel.ask({"t": "configuration", "text": raw.decode("utf-8", "replace")})
            configuration = read_configuration(raw)
        else:
            configuration = job.get("configuration")
        state_path = os.path.join(project_dir, "files", "state.json")
        if job.get("state_from_disk"):
            # Read now, as `fivetran debug` reads it, after connector.py has loaded: a file the connector wrote or
            # removed as it loaded is the one the sync starts from (346, 347).
            state = read_state_file(state_path)
        else:
            state = check_dict(job.get("state"), False)
        if from_file and configuration is None:
            # `fivetran debug` reads the state, then refuses a run with no configuration at all (no file, no
            # argument), even for a connector that reads none: before files/ exists.
            raise Failure("configuration", CONFIG_REQUIRED,
                          hint="Create configuration.json in the connector folder ({} if the connector needs no "
                               "configuration), or pass the configuration argument.")
        # As `fivetran debug`, the connector object holds the folder from here on, then the configuration and state
        # once checked (536); schema() and update() are given those dicts when they are not empty, else a copy.
        connector.project_path = project_dir
        check_requirements(project_dir)
        enable_faulthandler()
        read_source(connector_file)
        if from_file:
            configuration = check_dict(configuration, True)
        else:
            configuration = check_dict(configuration, True, "the configuration argument's values")
        connector.configuration = configuration
        connector.state = state if state else {}
        _channel.start_state(state)
        # `fivetran debug` logs at DEBUG from here on; at import time LOG_LEVEL was None.
        sdk.Logging.LOG_LEVEL = sdk.Logging.Level.DEBUG
        syncing = True
        os.environ.update(DEBUG_ENVIRONMENT)
        # `fivetran debug` makes files/ only now, as its sync starts (a file named `files` fails the sync here, 350),
        # then opens the warehouse in it before schema() and update() run: the runner opens files/warehouse.db once it
        # has this record (332) and answers when it has (a connector that then removes files/ removes the warehouse
        # with it, 400; a checkpoint fails without files/ only then).
        make_files_dir(project_dir)
        open_warehouse()

        refused = sync_steps(connector, configuration, state, job, memory_watch)
        sdk._uninstall()
        _channel.record({"t": "stats", "peak_rss_kb": _peak_rss_kb()})
        _sync_ended.set()
        if refused is None:
            _channel.record({"t": "end"})
        else:
            # The SDK's final flush has committed the rows; writing the state then fails the sync with json.dumps's
            # message, or the file's (no update() prefix), and files/state.json is left as it was (378, 400).
            _channel.record({"t": "end", "state_error": str(refused), "state_error_kind": "connector_exception" if isinstance(refused, OSError) else "serialization"})
            code = 1
            failure_code = 1
    except Failure as f:
        record = {"t": "error", "kind": f.kind, "message": f.message, "exit_code": f.exit_code}
        if not syncing and not _loading.get("synced"):
            record["before_sync"] = True
        if f.hint:
            record["hint"] = f.hint
        record.update(describe(f.exc, connector_file, project_dir))
        if f.kind in ("connector_exception", "serialization", "schema"):
            try:
                # What the connector was given (the argument, or configuration.json as Python read it).
                record.update(explain(f.exc, configuration))
            except Exception:
                pass
        if f.kind == "operation" and isinstance(getattr(f.exc, "record_keys", None), list):
            record["record_keys"] = f.exc.record_keys
        if f.kind == "import" and isinstance(f.exc, ImportError) and getattr(f.exc, "name", None):
            record["module"] = f.exc.name
        sdk._uninstall()
        _channel.record({"t": "stats", "peak_rss_kb": _peak_rss_kb()})
        _channel.record(record)
        code = 1
        failure_code = f.exit_code
        if getattr(f, "uncaught", False) or (
                isinstance(f.exc, BaseException) and not isinstance(f.exc, (Exception, SystemExit, sdk._ConnectorTask))):
            uncaught = f.exc
    except BaseException as e:  # noqa: B902 - the last word must reach Node whatever happened
        sdk._uninstall()
        record = {"t": "error", "kind": "internal", "message": "%s: %s" % (type(e).__name__, e)}
        record.update(describe(e, connector_file, project_dir))
        _channel.record(record)
        code = 1
        failure_code = 1
    for name in DEBUG_ENVIRONMENT:
        os.environ.pop(name, None)
    if uncaught is not None and os.getpid() == main_pid:
        print_uncaught(uncaught)
    if os.getpid() != main_pid:
        # A forked child of the connector that came back here (sys.exit() in it, or the end of update()): its
        # records went nowhere (_channel._after_fork). It ends as a child of `fivetran debug` would, with the code
        # of how its copy of the sync ended, and leaves the parent's uploads alone.
        code = failure_code
    else:
        try:
            sdk._end_uploads()
        except Exception:
            pass
    # The channel's writer thread may still hold the last records (stats, end or error).
    _flush_out()
    _end_as_python_does()
    # Then the rest of the interpreter's end, as `fivetran debug`'s: module and object finalizers, which close what the
    # connector left open (a file's buffered lines reach files/, a ZipFile writes its directory, 538). The records are
    # all sent; Python exits with `code`.
    raise SystemExit(code)


def print_uncaught(exc):
    """What Python does with the exception that ends `fivetran debug` (once its `finally` blocks have run: the
    FIVETRAN_ variables are gone, operations raise): sys.last_type, sys.last_value and sys.last_traceback (and
    sys.last_exc from 3.12) name it, then sys.excepthook gets it, before the threads are joined and the atexit
    handlers run. A crash reporter the connector installed sees it there (537). Python's own hook is not called:
    the runner already reports the traceback."""
    try:
        sys.last_type, sys.last_value, sys.last_traceback = type(exc), exc, exc.__traceback__
        if sys.version_info >= (3, 12):
            sys.last_exc = exc
        if sys.excepthook is not sys.__excepthook__:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    except BaseException as e:  # noqa: B902 - Python prints a failing hook's error and the original, and ends
        try:
            sys.stderr.write("Error in sys.excepthook:\n")
            traceback.print_exception(type(e), e, e.__traceback__)
        except BaseException:  # noqa: B902
            pass
    _flush_out()


def _end_as_python_does():
    """What the interpreter does when `fivetran debug` ends, before the process exits: it waits for the threads
    that are not daemons (a thread still going when update() returned: its files and its log appear, its
    operations raise, 204), then runs the atexit handlers (205), newest first. A thread that never ends keeps
    `fivetran debug` running; the runner stops this process a grace period after the sync's end (LINGER_MS in
    embedded.ts)."""
    try:
        if _live_threads() or _live_children():
            # Named only if still alive a moment into Python's end: the idle workers of an executor left open, or a
            # thread finishing its last line, end at once then (threading._shutdown() below tells the executors).
            watcher = threading.Thread(target=_warn_lingering, name="ftmcp-linger-watch", daemon=True)
            watcher.start()
    except Exception:
        pass
    try:
        shutdown = getattr(threading, "_shutdown", None)
        if shutdown is not None:
            # Python's own: the hooks of threading._register_atexit (a ThreadPoolExecutor left open runs its
            # queued work to the end), then a join of every non-daemon thread.
            shutdown()
        else:  # pragma: no cover - every CPython from 3.9 has it
            while True:
                rest = _live_threads()
                if not rest:
                    break
                for t in rest:
                    t.join()
    except BaseException:  # noqa: B902 - as at the interpreter's end: nothing more to report
        pass
    try:
        import atexit

        # Prints what a handler raises ("Exception ignored in atexit callback") and goes on, as Python does.
        atexit._run_exitfuncs()
    except BaseException:  # noqa: B902
        pass
    # A late thread's or a handler's log lines.
    _flush_out()


def _warn_lingering():
    """Names the threads Python is still waiting for a second into its end (see _end_as_python_does)."""
    # An Event's wait, not time.sleep(): the connector may have replaced that.
    threading.Event().wait(1)
    from fivetran_connector_sdk import _channel

    children = [p.name for p in _live_children()]
    if children:
        _channel.warning(
            "processes started with multiprocessing that are not daemons were still running after update() returned "
            "(%s): Python joins them before the process ends, as under `fivetran debug`. Join them before update() "
            "returns, or start them with daemon=True." % ", ".join(children[:10]))
        _channel.drain()
    alive = [t.name for t in _live_threads()]
    if not alive:
        return

    # The runner waits a grace period for them, then stops the process: a thread that never ends would keep
    # `fivetran debug` running forever, and this run until its time limit.
    more = " and %d more" % (len(alive) - 10) if len(alive) > 10 else ""
    _channel.warning(
        "threads that are not daemons were still running after update() returned (%s%s): the process waits for "
        "them before it ends, as `fivetran debug` does. Join them before update() returns (an executor: use it in a "
        "`with` block or call shutdown()), or start them with daemon=True." % (", ".join(alive[:10]), more))
    _channel.drain()


def _live_children():
    """The processes multiprocessing's own atexit handler joins: started by it, alive, not daemons."""
    mp = sys.modules.get("multiprocessing")
    if mp is None:
        return []
    try:
        return [p for p in mp.active_children() if not p.daemon]
    except Exception:
        return []


def _live_threads():
    """The threads Python waits for before the process ends: alive, not daemons, not the main thread."""
    main_thread = threading.main_thread()
    return [t for t in threading.enumerate() if t is not main_thread and not t.daemon and t.is_alive()]


def _flush_out():
    """stdout, stderr, and the records the channel's writer thread still holds."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        from fivetran_connector_sdk import _channel

        _channel.drain()
    except Exception:
        pass


if __name__ == "__main__":
    main()
