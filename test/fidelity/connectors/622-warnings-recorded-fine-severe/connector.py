# A connector that still calls log.fine() and log.severe() (deprecated in SDK 3.0.0) and warns its own users
# with warnings.warn. It records every warning under several filter set-ups with catch_warnings(record=True):
# the category, the message, the file's name, the line, and the module the filters were matched against.
import os
import warnings

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

ROWS = []


def old_helper(x):
    warnings.warn("old_helper() is deprecated, use new_helper()", DeprecationWarning, stacklevel=2)
    return x * 2


def record(setup, caught):
    for i, w in enumerate(caught):
        ROWS.append({
            "setup": setup,
            "seq": i,
            "category": w.category.__name__,
            "message": str(w.message),
            "file": os.path.basename(w.filename),
            "line": w.lineno,
        })


def noisy():
    log.fine("fine message")
    log.severe("severe message")
    log.severe("severe with exception", ValueError("bad value"))
    warnings.warn("page size capped at 100")
    warnings.warn("retrying without TLS verification", RuntimeWarning)
    old_helper(2)
    old_helper(3)
    log.fine("fine again")


def update(configuration, state):
    with warnings.catch_warnings(record=True) as caught:
        noisy()
    record("inherited", caught)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        noisy()
    record("always", caught)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        noisy()
        noisy()
    record("default", caught)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore")
        warnings.filterwarnings("always", category=DeprecationWarning, module="connector")
        noisy()
    record("module_connector", caught)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore")
        warnings.filterwarnings("always", message="severe")
        noisy()
    record("message_severe", caught)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        try:
            log.fine("raises")
        except DeprecationWarning as e:
            ROWS.append({"setup": "error", "seq": 0, "category": type(e).__name__, "message": str(e), "file": "", "line": 0})
    for n, row in enumerate(ROWS):
        op.upsert("warnings_seen", dict(row, n=n))
    op.checkpoint({"warnings": len(ROWS)})


connector = Connector(update=update, schema=lambda c: [{"table": "warnings_seen", "primary_key": ["n"]}])
