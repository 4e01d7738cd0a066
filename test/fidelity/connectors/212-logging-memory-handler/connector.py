# The standard logging module, called from worker threads (joined one at a time), into a MemoryHandler that holds
# the records until logging's own atexit shutdown flushes them: files/app.log (opened at its first record) is made
# only then.
import logging
import logging.handlers
import os
import threading

from fivetran_connector_sdk import Connector, Operations as op

logger = logging.getLogger("my_connector")


def work(n):
    logger.info("worker %d upserting", n)
    op.upsert("t", {"id": n})


def update(configuration, state):
    target = logging.FileHandler(os.path.join("files", "app.log"), delay=True)
    target.setFormatter(logging.Formatter("%(levelname)s %(threadName)s %(message)s"))
    logger.addHandler(logging.handlers.MemoryHandler(capacity=1000, flushLevel=logging.CRITICAL, target=target))
    logger.setLevel(logging.INFO)
    for n in range(3):
        t = threading.Thread(target=work, args=(n,), name="worker-%d" % n)
        t.start()
        t.join()
    logger.warning("checkpointing")
    op.checkpoint({"n": 3})


connector = Connector(update=update)
