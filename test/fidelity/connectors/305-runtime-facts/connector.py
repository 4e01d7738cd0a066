# What a connector sees of the process it runs in, as a newcomer's code looks at it: __name__, __file__, the working
# directory, sys.argv, sys.path, the SDK's version, stdin, encodings, the time zone, environment variables named
# FIVETRAN that `fivetran debug` sets, resource limits, the root logger, signal handlers and the main thread; one row
# per fact.
import locale
import logging
import os
import resource
import signal
import sys
import threading
import time

import fivetran_connector_sdk
from fivetran_connector_sdk import Connector, Operations as op

HERE = os.path.dirname(os.path.abspath(__file__))
IMPORT_FACTS = {"name at import": __name__, "main thread at import": threading.current_thread() is threading.main_thread()}


def facts():
    f = dict(IMPORT_FACTS)
    f["file name"] = os.path.basename(__file__)
    f["cwd is project"] = os.path.realpath(os.getcwd()) == os.path.realpath(HERE)
    f["argv"] = [os.path.basename(a) for a in sys.argv]
    f["argv[0] beside python"] = os.path.dirname(sys.argv[0]) == os.path.dirname(sys.executable)
    f["sys.path[0] is project"] = bool(sys.path) and os.path.realpath(sys.path[0] or ".") == os.path.realpath(HERE)
    f["project on sys.path"] = any(os.path.realpath(p or ".") == os.path.realpath(HERE) for p in sys.path)
    # Compared whole: a connector may parse it (int(v.split(".")[2])).
    f["sdk version"] = fivetran_connector_sdk.__version__
    f["python"] = list(sys.version_info[:2])
    f["stdin isatty"] = sys.stdin.isatty() if sys.stdin else None
    f["stdin closed"] = sys.stdin.closed if sys.stdin else None
    f["stdout encoding"] = sys.stdout.encoding
    f["stderr encoding"] = sys.stderr.encoding
    # `utf-8` in Python's UTF-8 mode (the embedded engine's `-X utf8`), the locale's `UTF-8` otherwise.
    f["preferred encoding"] = locale.getpreferredencoding(False).lower()
    f["filesystem encoding"] = sys.getfilesystemencoding()
    f["TZ"] = os.environ.get("TZ")
    f["tzname"] = list(time.tzname)
    f["FIVETRAN env"] = {k: os.environ.get(k) for k in ("FIVETRAN_CONNECTION_ID", "FIVETRAN_CONNECTION_NAME",
                                                         "FIVETRAN_DEPLOYMENT_MODEL", "FIVETRAN_GROUP_ID")}
    f["rlimit AS"] = list(resource.getrlimit(resource.RLIMIT_AS))
    f["rlimit DATA"] = list(resource.getrlimit(resource.RLIMIT_DATA))
    f["rlimit NOFILE soft"] = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    root = logging.getLogger()
    f["root logger level"] = root.level
    f["root handlers"] = [type(h).__name__ for h in root.handlers]
    f["SIGINT handler"] = getattr(signal.getsignal(signal.SIGINT), "__name__", str(signal.getsignal(signal.SIGINT)))
    f["SIGTERM handler"] = str(signal.getsignal(signal.SIGTERM))
    f["main thread"] = threading.current_thread() is threading.main_thread()
    f["thread name"] = threading.current_thread().name
    f["recursion limit"] = sys.getrecursionlimit()
    f["dont_write_bytecode"] = sys.flags.dont_write_bytecode
    f["warnings"] = str(sys.warnoptions)
    f["umask"] = oct(os.umask(0o022))
    return f


def update(configuration, state):
    for i, (k, v) in enumerate(facts().items()):
        op.upsert("facts", {"n": i, "fact": k, "value": repr(v)})
    op.checkpoint({"facts": True})


connector = Connector(update=update)

if __name__ == "__main__":
    connector.debug()
