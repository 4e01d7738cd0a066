# A connector that "stops itself" the way a container would be stopped: SIGTERM to its own process after a
# checkpoint, with no handler: the process ends by the signal (143), the rows after the checkpoint lost.
import os
import signal
import time

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    op.upsert("t", {"id": 1})
    op.checkpoint({"a": 1})
    op.upsert("t", {"id": 2})
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5)
    op.upsert("t", {"id": 3})


connector = Connector(update=update)
