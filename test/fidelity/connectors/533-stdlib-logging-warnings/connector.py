# The standard logging and warnings modules as a connector and the libraries it uses meet them: the root logger's
# level and handlers at import and in update(), a library logger's effective level, what a named logger and
# logging.warning() write with no handler (logging.lastResort, or the handler logging.warning() adds itself),
# logging.basicConfig(force=True) in update() with a format naming the module, function, file, thread and process,
# warnings.warn() from connector code (shown or not, its text), logging.captureWarnings(), and which warnings the
# default filters show. Output is caught by swapping sys.stderr for a StringIO, so each fact is a row.
import contextlib
import io
import logging
import os
import sys
import warnings

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

LOGGER = logging.getLogger(__name__)
FACTS = {
    "import root": (logging.getLogger().level, [type(h).__name__ for h in logging.getLogger().handlers]),
    "import logger name": LOGGER.name,
    "import effective level": LOGGER.getEffectiveLevel(),
}


def caught(fn):
    buf = io.StringIO()
    with contextlib.redirect_stderr(buf):
        fn()
    return buf.getvalue().replace(os.path.dirname(os.path.abspath(__file__)), "<project>")


def deprecated_helper():
    warnings.warn("old_param is deprecated", DeprecationWarning, stacklevel=2)


def update(configuration, state):
    root = logging.getLogger()
    FACTS["update root"] = (root.level, [type(h).__name__ for h in root.handlers])
    FACTS["urllib3 effective level"] = logging.getLogger("urllib3").getEffectiveLevel()
    FACTS["disable"] = logging.root.manager.disable
    FACTS["raiseExceptions"] = logging.raiseExceptions
    FACTS["lastResort level"] = logging.lastResort.level if logging.lastResort else None
    # A named logger with no handler anywhere: logging.lastResort. Then the module-level functions, which call
    # basicConfig() themselves: a StreamHandler on the sys.stderr of that moment (here the StringIO).
    FACTS["named logger error, no handler"] = caught(lambda: LOGGER.error("bad row %s", {"id": 7}))
    FACTS["named logger info, no handler"] = caught(lambda: LOGGER.info("page %d", 1))
    FACTS["logging.warning, no handler"] = caught(lambda: logging.warning("rate limit at %d%%", 90))
    FACTS["implicit basicConfig handlers"] = [type(h).__name__ for h in root.handlers]
    FACTS["warn UserWarning"] = caught(lambda: warnings.warn("field renamed upstream"))
    FACTS["warn UserWarning again"] = caught(lambda: warnings.warn("field renamed upstream"))
    FACTS["warn DeprecationWarning"] = caught(deprecated_helper)
    FACTS["warn FutureWarning"] = caught(lambda: warnings.warn("pandas-style change", FutureWarning))
    FACTS["warn ResourceWarning"] = caught(lambda: warnings.warn("unclosed", ResourceWarning))
    FACTS["warn RuntimeWarning"] = caught(lambda: warnings.warn("overflow", RuntimeWarning))
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        warnings.warn("recorded", UserWarning)
        deprecated_helper()
    FACTS["catch_warnings"] = [(w.category.__name__, str(w.message), os.path.basename(w.filename)) for w in seen]
    stream = io.StringIO()
    logging.basicConfig(level=logging.INFO, stream=stream, force=True,
                        format="%(levelname)s|%(name)s|%(module)s|%(funcName)s|%(filename)s|%(threadName)s|%(processName)s|%(message)s")
    FACTS["basicConfig handlers"] = [type(h).__name__ for h in root.handlers]
    logging.info("fetched %d rows", 3)
    LOGGER.warning("slow page")
    logging.getLogger("urllib3.connectionpool").debug("not shown")
    logging.getLogger("urllib3.connectionpool").warning("Retrying (Retry(total=2))")
    log.info("the SDK's own logger")
    logging.captureWarnings(True)
    warnings.warn("captured into logging")
    logging.captureWarnings(False)
    FACTS["basicConfig output"] = stream.getvalue().replace(os.path.dirname(os.path.abspath(__file__)), "<project>")
    FACTS["filters"] = [(f[0], f[2].__name__, getattr(f[3], "pattern", f[3])) for f in warnings.filters
                        if f[2].__name__ in ("DeprecationWarning", "PendingDeprecationWarning", "ImportWarning",
                                             "ResourceWarning", "UserWarning", "RuntimeWarning", "FutureWarning")]
    for fact, value in FACTS.items():
        op.upsert("logging_facts", {"fact": fact, "value": repr(value)})
    op.checkpoint({"done": True})


connector = Connector(update=update)
