# update() raises after a checkpoint while a non-daemon thread it started is still sleeping; the thread then calls
# os._exit(4) while the process waits for it: SYNC FAILED is printed first, and `fivetran debug` ends with 4.
import os
import threading
import time

from fivetran_connector_sdk import Connector, Operations as op


def late():
    time.sleep(1)
    os._exit(4)


def update(configuration, state):
    threading.Thread(target=late, name="exiter").start()
    for i in range(3):
        op.upsert("items", {"id": i, "v": "kept"})
    op.checkpoint({"n": 3})
    op.upsert("items", {"id": 100, "v": "lost"})
    raise ValueError("boom")


connector = Connector(update=update)
