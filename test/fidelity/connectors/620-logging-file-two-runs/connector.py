# The standard logging module writes the connector's own log to files/sync.log, set up lazily by the first call
# to run_logger() (in update(): basicConfig with filemode "w" and a format without timestamps). An atexit handler
# registered at import writes a last line through it as the process ends. Each run first loads what the previous
# run logged, line by line, into a table, so the log's content is compared: the connector's records, the atexit
# handler's line, and any record something else logged to the root logger while the sync ran.
import atexit
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

FILES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "files")
LOG_PATH = os.path.join(FILES, "sync.log")

PREVIOUS = []
if os.path.exists(LOG_PATH):
    with open(LOG_PATH, encoding="utf-8") as f:
        PREVIOUS = f.read().splitlines()

_logger = None


def run_logger():
    global _logger
    if _logger is None:
        import logging

        os.makedirs(FILES, exist_ok=True)
        logging.basicConfig(
            filename=LOG_PATH,
            filemode="w",
            level=logging.DEBUG,
            format="%(levelname)s|%(name)s|%(module)s|%(funcName)s|%(message)s",
        )
        _logger = logging.getLogger("shop.sync")
        _logger.info("logging set up, previous log had %d lines", len(PREVIOUS))
    return _logger


@atexit.register
def footer():
    if _logger is not None:
        run_logger().info("process exiting")


def update(configuration, state):
    import logging

    logger = run_logger()
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
