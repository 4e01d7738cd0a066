# A heartbeat thread started as the module loads, then a thread pool for the pages; record what threads exist.
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

_stop = threading.Event()


def _heartbeat():
    while not _stop.wait(0.05):
        pass


hb = threading.Thread(target=_heartbeat, daemon=True)
hb.start()
AT_IMPORT = sorted(t.name for t in threading.enumerate())
COUNT_AT_IMPORT = threading.active_count()


_both = threading.Barrier(2)


def fetch(page):
    if page < 2:
        _both.wait(5)  # both workers busy at once, so the pool starts two
    return page, threading.current_thread().name


def update(configuration, state):
    log.info(f"threads at import: {AT_IMPORT}")
    op.upsert("threads", {"when": "import", "names": ", ".join(AT_IMPORT), "count": COUNT_AT_IMPORT})
    names = sorted(t.name for t in threading.enumerate())
    op.upsert("threads", {"when": "update start", "names": ", ".join(names), "count": threading.active_count()})
    op.upsert("threads", {"when": "heartbeat", "names": hb.name, "count": 1})
    worker = threading.Thread(target=lambda: None)
    op.upsert("threads", {"when": "unnamed in update", "names": worker.name, "count": 1})
    worker.start()
    worker.join()
    with ThreadPoolExecutor(max_workers=2) as pool:
        pages = sorted(pool.map(fetch, range(4)))
    op.upsert("threads", {"when": "pool", "names": ", ".join(sorted({n for _, n in pages})), "count": len(pages)})
    daemons = sorted(t.name for t in threading.enumerate() if t.daemon)
    op.upsert("threads", {"when": "daemons", "names": ", ".join(daemons), "count": len(daemons)})
    main = threading.main_thread()
    op.upsert("threads", {"when": "main", "names": main.name + " " + threading.current_thread().name, "count": 1})
    _stop.set()
    op.checkpoint({"threads": True})


connector = Connector(update=update)
