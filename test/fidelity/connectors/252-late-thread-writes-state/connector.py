# A sync that never checkpoints, and a non-daemon thread that writes files/state.json itself after update()
# returned: `fivetran debug` writes the state at the sync's end, then waits for the thread, so the thread's file stays.
import os
import threading
import time

from fivetran_connector_sdk import Connector, Operations as op


def late():
    time.sleep(1)
    with open(os.path.join("files", "state.json"), "w") as f:
        f.write('{"written_by": "late thread"}')


def update(configuration, state):
    threading.Thread(target=late, name="late").start()
    for i in range(3):
        op.upsert("items", {"id": i})


connector = Connector(update=update)
