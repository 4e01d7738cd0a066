# files/state.json is on disk, with the new state, when op.checkpoint() returns: the connector reads it back and
# stores what it read.
import os

from fivetran_connector_sdk import Connector, Operations as op


def read_state():
    path = os.path.join("files", "state.json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return f.read()


def update(configuration, state):
    op.upsert("seen", {"step": 0, "state_file": read_state()})
    for step in range(1, 4):
        op.upsert("rows", {"id": step})
        op.checkpoint({"step": step, "ratio": step / 2})
        op.upsert("seen", {"step": step, "state_file": read_state()})
    op.checkpoint({"step": "done"})


connector = Connector(update=update)
