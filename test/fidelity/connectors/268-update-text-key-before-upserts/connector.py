# A table with whole-number keys from an earlier checkpoint; then, in one checkpoint, an update of the text key "w5",
# more than 4,096 operations on another table (an early write), and an upsert of the text key "x". The SDK writes the
# checkpoint once: the upsert is in it, so the keys of both type the key column VARCHAR, and the sync succeeds.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"]}, {"table": "other", "primary_key": ["id"]}]


def update(configuration, state):
    for i in range(10):
        op.upsert("t", {"id": i, "v": "int"})
    op.checkpoint({"c": 0})
    op.update("t", {"id": "w5", "v": "update of a text key no row has"})
    op.update("t", {"id": "5", "v": "update of 5 as text"})
    for i in range(4200):
        op.upsert("other", {"id": i})
    op.upsert("t", {"id": "x", "v": "text upsert"})
    op.checkpoint({"c": 1})


connector = Connector(update=update, schema=schema)
