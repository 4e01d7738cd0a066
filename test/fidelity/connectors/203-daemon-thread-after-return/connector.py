# A daemon thread that is still going when update() returns: it sleeps past the end of the sync, then upserts.
import threading
import time

from fivetran_connector_sdk import Connector, Operations as op


def late():
    time.sleep(3)
    op.upsert("late", {"id": 1})


def update(configuration, state):
    threading.Thread(target=late, daemon=True).start()
    op.upsert("t", {"id": 1})
    op.checkpoint({"done": True})


connector = Connector(update=update)
