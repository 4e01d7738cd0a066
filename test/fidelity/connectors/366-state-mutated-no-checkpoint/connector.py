# Two runs. The first checkpoints a cursor. The second advances the cursor in the state dict it was given (in place)
# and forgets to checkpoint: what files/state.json holds at the end is the state the run started from.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    cursor = state.get("cursor", 0)
    for i in range(cursor, cursor + 3):
        op.upsert("items", {"id": i})
        state["cursor"] = i + 1
        state.setdefault("seen", []).append(i)
    if cursor == 0:
        op.checkpoint(state)
    else:
        state["nested"] = {"k": [1, 2]}
        state.pop("cursor")


connector = Connector(update=update)
