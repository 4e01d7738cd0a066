# 4,096 whole-number keys (exactly one early write: nothing of them is left for the checkpoint), then, alone in the
# checkpoint's last write, updates whose keys are text and a float. The SDK writes the checkpoint once: the update's
# keys type the key column with the upserts' (VARCHAR), and an update of a key no row has changes nothing.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"]}]


def update(configuration, state):
    for i in range(4096):
        op.upsert("t", {"id": i, "v": "int"})
    op.update("t", {"id": "w28", "v": "update of a text key no row has"})
    op.update("t", {"id": "5", "v": "update of 5 as text"})
    op.checkpoint({"c": 1})
    op.update("t", {"id": "6", "v": "update of 6 as text, next checkpoint"})
    op.checkpoint({"c": 2})


connector = Connector(update=update, schema=schema)
