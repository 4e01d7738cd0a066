# A non-daemon thread still running when update() returns: it outlives the sync, then tries an upsert (refused once
# the sync is over) and writes a file into files/. A daemon thread sleeping far longer is not waited for: its file
# is never written.
import os
import threading
import time

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def late():
    time.sleep(2)
    try:
        op.upsert("late", {"id": 1})
        outcome = "upserted"
    except Exception as e:
        outcome = type(e).__name__
    with open(os.path.join("files", "late.txt"), "w") as f:
        f.write("late thread: %s\n" % outcome)
    log.info("late thread done: " + outcome)


def daemon():
    time.sleep(60)
    op.upsert("daemon", {"id": 1})
    open(os.path.join("files", "daemon.txt"), "w").close()


def update(configuration, state):
    threading.Thread(target=daemon, name="daemon", daemon=True).start()
    threading.Thread(target=late, name="late").start()
    op.upsert("t", {"id": 1})
    op.checkpoint({"done": True})


connector = Connector(update=update)
