# Log calls with arguments of the wrong kind, each caught and recorded: bytes, a list, a dict, an exception as the
# message; `log.error()` given a string, an exception class or an exception never raised as its exception; a message
# list with an exception; logging-style %-arguments and keyword names of other loggers.
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def raised():
    try:
        {}["missing"]
    except KeyError as e:
        return e


CALLS = [
    ("info bytes", lambda: log.info(b"page 1 done")),
    ("info list", lambda: log.info(["page", 1])),
    ("info dict", lambda: log.info({"page": 1})),
    ("warning exception", lambda: log.warning(ValueError("bad row"))),
    ("error exception str", lambda: log.error("request failed", "timeout")),
    ("error exception class", lambda: log.error("request failed", ValueError)),
    ("error unraised exception", lambda: log.error("request failed", ValueError("never raised"))),
    ("error raised exception", lambda: log.error("lookup failed", raised())),
    ("critical list message", lambda: log.critical(["a", "b"], raised())),
    ("error exception kw", lambda: log.error(message="x", exception=raised())),
    ("info percent args", lambda: log.info("rows: %d", 5)),
    ("info exc_info", lambda: log.info("x", exc_info=True)),
    ("warning msg kw", lambda: log.warning(msg="x")),
    ("error zero exception", lambda: log.error("falsy", 0)),
    ("debug none", lambda: log.debug(None)),
]


def update(configuration, state):
    for n, (name, call) in enumerate(CALLS):
        try:
            call()
            outcome = "logged"
        except Exception as e:
            outcome = f"{type(e).__name__}: {e}"
        op.upsert("calls", {"n": n, "call": name, "outcome": outcome})
    op.checkpoint({"done": True})


connector = Connector(update=update)
