# Keys widening BIGINT -> FLOAT -> VARCHAR after the early write, with a truncate before it and held updates.
from fivetran_connector_sdk import Connector, Operations as op
def update(configuration, state):
    for i in range(10):
        op.upsert("t", {"id": i, "v": "first"})
    op.checkpoint({"c": 1})
    op.update("t", {"id": 2, "v": "u2"})
    op.truncate("t")
    op.update("t", {"id": 3, "v": "u3 after"})
    op.update("t", {"id": "x5", "v": "u x5"})
    for i in range(4200):
        op.upsert("o", {"id": i})
    op.upsert("t", {"id": 2.5, "v": "up2.5"})
    op.upsert("t", {"id": 3.0, "v": "up3.0"})
    op.upsert("t", {"id": "x5", "v": "upx5"})
    op.update("t", {"id": 2, "w": "u2 after widening"})
    op.checkpoint({"c": 2})
connector = Connector(update=update)
