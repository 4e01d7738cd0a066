# 268 across two runs: run 1 upserts whole-number keys; run 2, in one checkpoint, updates the text key "w5", makes
# 4,200 operations on another table (an early write), then upserts the text key "x". The SDK writes the checkpoint
# once, with the upsert: the key column becomes VARCHAR and the sync succeeds.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"]}, {"table": "other", "primary_key": ["id"]}]


def update(configuration, state):
    if not state:
        for i in range(10):
            op.upsert("t", {"id": i, "v": "int"})
        op.checkpoint({"run": 1})
        return
    op.update("t", {"id": "w5", "v": "update of a text key no row has"})
    op.update("t", {"id": "5", "v": "update of 5 as text"})
    for i in range(4200):
        op.upsert("other", {"id": i})
    op.upsert("t", {"id": "x", "v": "text upsert"})
    op.checkpoint({"run": 2})


connector = Connector(update=update, schema=schema)
