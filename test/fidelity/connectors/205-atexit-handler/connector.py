# atexit handlers registered in update(): one logs and tries an op, one writes a file into files/.
import atexit
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


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


def update(configuration, state):
    atexit.register(try_op)
    atexit.register(write_marker)
    op.upsert("t", {"id": 1})
    op.checkpoint({"done": True})


connector = Connector(update=update)
