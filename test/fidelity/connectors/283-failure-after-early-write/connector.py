# 280 without a truncate or updates: 4,200 upserts after a checkpoint, then an exception in update().
from fivetran_connector_sdk import Connector, Operations as op
def update(configuration, state):
    for i in range(10):
        op.upsert("t", {"id": i, "v": "first"})
    op.checkpoint({"c": 1})
    for i in range(4200):
        op.upsert("o", {"id": i})
    raise RuntimeError("boom after the early write")
connector = Connector(update=update)
