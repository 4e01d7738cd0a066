# A worker thread checkpoints five times while the main thread upserts 300 rows at the same moment; joined at the
# end, so the last state is the worker's fifth, whichever rows each checkpoint took. Then eight pool workers each
# upsert ten rows and checkpoint the same state at about the same time, and the main thread checkpoints once more.
import threading
from concurrent.futures import ThreadPoolExecutor

from fivetran_connector_sdk import Connector, Operations as op


def saver(started):
    started.wait()
    for k in range(5):
        op.checkpoint({"k": k})


def schema(configuration):
    return [{"table": "rows", "primary_key": ["id"], "columns": {"id": "INT", "v": "STRING"}}]


def update(configuration, state):
    started = threading.Event()
    t = threading.Thread(target=saver, args=(started,))
    t.start()
    for i in range(300):
        op.upsert("rows", {"id": i, "v": "v%d" % i})
        if i == 10:
            started.set()
    t.join()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(work, range(8)))
    op.checkpoint({"phase": "done"})


def work(w):
    for i in range(10):
        op.upsert("t", {"id": w * 10 + i, "worker": w})
    op.checkpoint({"phase": "workers"})
    op.upsert("after_" + str(w % 2), {"id": w})


connector = Connector(update=update, schema=schema)
