# atexit handlers registered in update(): one logs and tries an op, one writes a file into files/; and the standard
# logging module, called from worker threads (joined one at a time), into a MemoryHandler that holds the records
# until logging's own atexit shutdown flushes them: files/app.log (opened at its first record) is made only then.
import atexit
import logging
import logging.handlers
import os
import threading

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

logger = logging.getLogger("my_connector")


def try_op():
    log.info("atexit: trying an upsert")
    try:
        op.upsert("atexit_rows", {"id": 1})
        outcome = "upserted"
    except Exception as e:
        outcome = type(e).__name__
    with open(os.path.join("files", "atexit.txt"), "a") as f:
        f.write("op: %s\n" % outcome)


def write_marker():
    with open(os.path.join("files", "atexit.txt"), "a") as f:
        f.write("marker\n")


def work(n):
    logger.info("worker %d upserting", n)
    op.upsert("t", {"id": n})


def update(configuration, state):
    atexit.register(try_op)
    atexit.register(write_marker)
    target = logging.FileHandler(os.path.join("files", "app.log"), delay=True)
    target.setFormatter(logging.Formatter("%(levelname)s %(threadName)s %(message)s"))
    logger.addHandler(logging.handlers.MemoryHandler(capacity=1000, flushLevel=logging.CRITICAL, target=target))
    logger.setLevel(logging.INFO)
    for n in range(3):
        t = threading.Thread(target=work, args=(n,), name="worker-%d" % n)
        t.start()
        t.join()
    logger.warning("checkpointing")
    op.checkpoint({"done": True})


connector = Connector(update=update)
