# The standard logging module writes the connector's own log to files/sync.log (basicConfig at import, a
# format without timestamps). Each run first loads what the previous run logged, line by line, into a table,
# so the log's content is compared: the connector's records, and any record something else logged to the
# root logger while the sync ran (the SDK's own code, the libraries it imports).
import logging
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

FILES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "files")
os.makedirs(FILES, exist_ok=True)
LOG_PATH = os.path.join(FILES, "sync.log")

PREVIOUS = []
if os.path.exists(LOG_PATH):
    with open(LOG_PATH, encoding="utf-8") as f:
        PREVIOUS = f.read().splitlines()

logging.basicConfig(
    filename=LOG_PATH,
    filemode="w",
    level=logging.DEBUG,
    format="%(levelname)s|%(name)s|%(module)s|%(funcName)s|%(message)s",
)
logger = logging.getLogger("shop.sync")
logger.info("module loaded, previous log had %d lines", len(PREVIOUS))


def update(configuration, state):
    run = state.get("run", 0) + 1
    logger.debug("run %d starting from %r", run, state)
    for i, line in enumerate(PREVIOUS):
        op.upsert("previous_log", {"run": run - 1, "line_no": i, "text": line})
    for i in range(12):
        op.upsert("orders", {"id": i + run * 100, "run": run})
        if i % 5 == 4:
            op.checkpoint({"run": run - 1, "at": i})
            logger.info("checkpoint at %d", i)
    log.info("sdk log line in run %d" % run)
    logging.getLogger("shop").warning("parent logger warning ünïcode ✓")
    op.checkpoint({"run": run})
    logger.info("run %d done", run)


connector = Connector(update=update)
