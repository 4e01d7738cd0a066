# Two float keys that are different doubles but the same 32-bit FLOAT: the SDK keeps one row.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["k"], "columns": {"k": "FLOAT", "v": "STRING"}}]


def update(configuration, state):
    op.upsert("t", {"k": 0.1, "v": "first"})
    op.upsert("t", {"k": 0.10000000001, "v": "second"})
    op.upsert("t", {"k": 1.0, "v": "one"})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
