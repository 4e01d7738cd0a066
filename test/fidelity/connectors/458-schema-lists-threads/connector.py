# schema() warms a token cache in a background thread and logs the threads it sees.
import threading

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

seen = {}


def _warm():
    seen["warm"] = threading.current_thread().name


def schema(configuration):
    seen["schema"] = ", ".join(sorted(t.name for t in threading.enumerate()))
    seen["schema count"] = str(threading.active_count())
    t = threading.Thread(target=_warm)
    t.start()
    t.join()
    return [{"table": "seen", "primary_key": ["k"]}]


def update(configuration, state):
    seen["update"] = ", ".join(sorted(t.name for t in threading.enumerate()))
    seen["update count"] = str(threading.active_count())
    t = threading.Thread(target=lambda: None, daemon=True)
    seen["update new"] = t.name
    for k, v in sorted(seen.items()):
        log.info(f"{k}: {v}")
        op.upsert("seen", {"k": k, "v": v})
    op.checkpoint({"ok": 1})


connector = Connector(update=update, schema=schema)
