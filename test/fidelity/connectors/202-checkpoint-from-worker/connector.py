# The main thread upserts; a worker thread checkpoints (joined before the main thread goes on), then a
# threading.Timer upserts and checkpoints (joined; another Timer is cancelled before it fires); later upserts are
# lost when update() then fails: the Timer's checkpoint is the one that stays.
import threading

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    for i in range(10):
        op.upsert("rows", {"id": i, "phase": "before"})
    t = threading.Thread(target=op.checkpoint, args=({"cursor": 10, "by": "worker"},), name="saver")
    t.start()
    t.join()
    box = {}

    def second():
        op.upsert("rows", {"id": 100, "phase": "worker"})
        op.checkpoint({"cursor": 11, "by": threading.current_thread().name})
        box["done"] = True

    w = threading.Timer(0.05, second)
    w.name = "timer-saver"
    cancelled = threading.Timer(5.0, op.checkpoint, args=({"cursor": "cancelled"},))
    w.start()
    cancelled.start()
    cancelled.cancel()
    w.join()
    cancelled.join()
    for i in range(10, 20):
        op.upsert("rows", {"id": i, "phase": "after"})
    raise RuntimeError("failed after the worker's checkpoint: %s" % sorted(box))


connector = Connector(update=update)
