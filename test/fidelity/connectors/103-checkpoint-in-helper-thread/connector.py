# Rows and a checkpoint from a worker thread, then a refused value in the main thread caught by update().
import threading

from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "v": "INT"}}]


def work():
    for i in range(5):
        op.upsert("t", {"id": i, "v": i * 10})
    op.checkpoint({"thread": 1.5})


def update(configuration, state):
    t = threading.Thread(target=work)
    t.start()
    t.join()
    try:
        op.upsert("t", {"id": 99, "v": [1]})
    except TypeError:
        log.info("list refused")
    op.checkpoint({"thread": 2.0})


connector = Connector(update=update, schema=schema)
