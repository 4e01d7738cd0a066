# sys.exit() in a worker thread ends that thread only (silently); the main thread goes on and the sync succeeds.
import sys
import threading

from fivetran_connector_sdk import Connector, Operations as op


def worker():
    op.upsert("t", {"id": 1, "by": "worker"})
    sys.exit(3)


def update(configuration, state):
    t = threading.Thread(target=worker)
    t.start()
    t.join()
    op.upsert("t", {"id": 2, "by": "main"})
    op.checkpoint({"ok": True})


connector = Connector(update=update)
