# The main thread upserts; a worker thread checkpoints (joined before the main thread goes on); later upserts are
# lost when update() then fails: the worker's checkpoint is the one that stays.
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

    w = threading.Thread(target=second, name="second-saver")
    w.start()
    w.join()
    for i in range(10, 20):
        op.upsert("rows", {"id": i, "phase": "after"})
    raise RuntimeError("failed after the worker's checkpoint: %s" % sorted(box))


connector = Connector(update=update)
