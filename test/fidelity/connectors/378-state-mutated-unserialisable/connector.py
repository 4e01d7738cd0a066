# Two runs. The second starts from a state, keeps a `datetime` in it (in place) for "next time" and never
# checkpoints: the SDK writes that state at the end of the sync, after the final flush, and json.dumps refuses it.
from datetime import datetime

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    if not state:
        op.upsert("items", {"id": 0})
        op.checkpoint({"cursor": "2024-01-01T00:00:00"})
        return
    for i in range(1, 4):
        op.upsert("items", {"id": i})
    state["cursor"] = datetime(2024, 1, 2, 3, 4, 5)


connector = Connector(update=update)
