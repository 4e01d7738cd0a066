# threading.Timer: one fires and upserts (joined before the checkpoint), one is cancelled before it fires.
import threading

from fivetran_connector_sdk import Connector, Operations as op


def fire(tag):
    op.upsert("timer_rows", {"id": tag})
    op.checkpoint({"timer": tag})


def update(configuration, state):
    fired = threading.Timer(0.05, fire, args=("fired",))
    cancelled = threading.Timer(5.0, fire, args=("cancelled",))
    fired.start()
    cancelled.start()
    cancelled.cancel()
    fired.join()
    cancelled.join()
    op.upsert("timer_rows", {"id": "main"})


connector = Connector(update=update)
