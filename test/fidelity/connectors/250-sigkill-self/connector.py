# The process killed by SIGKILL in update() after a checkpoint, as the out-of-memory killer ends it: no verdict is
# printed, `fivetran debug` ends by the signal (137), and the rows after the checkpoint are lost.
import os
import signal

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    for i in range(3):
        op.upsert("items", {"id": i, "v": "kept"})
    op.checkpoint({"n": 3})
    op.upsert("items", {"id": 100, "v": "lost"})
    os.kill(os.getpid(), signal.SIGKILL)


connector = Connector(update=update)
