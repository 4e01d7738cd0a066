# An atexit handler registered at import and a non-daemon thread still going when update() fails: both still run
# after SYNC FAILED, and what they write into files/ stays.
import atexit
import os
import threading
import time

from fivetran_connector_sdk import Connector, Operations as op


def at_exit():
    with open(os.path.join("files", "exit.txt"), "a") as f:
        f.write("atexit\n")


atexit.register(at_exit)


def slow_cleanup():
    time.sleep(1)
    with open(os.path.join("files", "exit.txt"), "a") as f:
        f.write("thread\n")


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({"n": 1})
    threading.Thread(target=slow_cleanup).start()
    op.upsert("t", {"id": 2})
    raise ConnectionError("upstream closed the connection")


connector = Connector(update=update)
