# An int key and a float key of the same value in one batch, in an undeclared keyed table.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["k"]}]


def update(configuration, state):
    op.upsert("t", {"k": 3, "v": "int"})
    op.upsert("t", {"k": 3.0, "v": "float"})
    op.upsert("t", {"k": "3", "v": "str"})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
