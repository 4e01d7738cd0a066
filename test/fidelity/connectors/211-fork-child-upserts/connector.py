# os.fork() in update(): the child upserts a row and ends with os._exit(0); the parent waits for it and goes on.
# The child's operations live in the child's memory only.
import os

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1, "who": "parent"})
    pid = os.fork()
    if pid == 0:
        try:
            op.upsert("t", {"id": 2, "who": "child"})
            op.upsert("child_only", {"id": 1})
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    op.upsert("t", {"id": 3, "who": "parent", "child_status": status})
    op.checkpoint({"forked": True})


connector = Connector(update=update)
