# A time limit written with signal.alarm: the handler raises in the main thread while update() waits, after a
# checkpoint; the rows upserted since are lost.
import signal
import time

from fivetran_connector_sdk import Connector, Operations as op


class SyncTimeout(Exception):
    pass


def on_alarm(signum, frame):
    raise SyncTimeout("sync took longer than %d second(s)" % 1)


def update(configuration, state):
    signal.signal(signal.SIGALRM, on_alarm)
    for i in range(5):
        op.upsert("t", {"id": i})
    op.checkpoint({"n": 5})
    op.upsert("t", {"id": 99})
    signal.alarm(1)
    time.sleep(30)
    op.checkpoint({"n": "never"})


connector = Connector(update=update)
