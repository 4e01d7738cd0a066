# Fetch pages in plain threads, then "wait for every thread to finish" the way a snippet online does it.
import threading

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

pages = {}


def fetch(n):
    pages[n] = [{"id": n * 10 + i, "page": n} for i in range(3)]


def update(configuration, state):
    for n in range(3):
        threading.Thread(target=fetch, args=(n,)).start()
    still_running = []
    for t in threading.enumerate():
        if t is threading.main_thread():
            continue
        t.join(timeout=0.3)
        if t.is_alive():
            still_running.append(t.name)
    log.info(f"still running after join: {still_running}")
    for n in sorted(pages):
        for row in pages[n]:
            op.upsert("rows", row)
    op.upsert("threads", {"id": 1, "still_running": ", ".join(still_running), "daemon": ", ".join(
        str(t.daemon) for t in threading.enumerate() if t.name in still_running)})
    op.checkpoint({"pages": len(pages)})


connector = Connector(update=update)
