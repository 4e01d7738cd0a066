# A truncate, held updates, an early write, then an exception in update(): the checkpoint rolls back.
from fivetran_connector_sdk import Connector, Operations as op
def update(configuration, state):
    for i in range(10):
        op.upsert("t", {"id": i, "v": "first"})
    op.checkpoint({"c": 1})
    op.update("t", {"id": 1, "v": "u1"})
    op.truncate("t")
    op.update("t", {"id": 2, "v": "u2"})
    for i in range(4200):
        op.upsert("o", {"id": i})
    op.upsert("t", {"id": 1.0, "v": "up1.0"})
    raise RuntimeError("boom after the early write")
connector = Connector(update=update)
