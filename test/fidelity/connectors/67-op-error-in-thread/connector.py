import threading
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

def worker():
    try:
        op.error("worker failed")
    except BaseException as e:
        log.info("worker caught " + type(e).__name__)

def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"c": 1})
    t = threading.Thread(target=worker)
    t.start()
    t.join()
    op.warning("still going")
    log.info("main thread done")

connector = Connector(update=update)
