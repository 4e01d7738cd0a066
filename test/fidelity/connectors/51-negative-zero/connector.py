# -0.0 in FLOAT, DOUBLE, inferred, STRING and JSON columns.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "f": "FLOAT", "d": "DOUBLE", "s": "STRING", "j": "JSON"}}]


def update(configuration, state):
    op.upsert("t", {"id": 1, "f": -0.0, "d": -0.0, "s": -0.0, "j": -0.0, "x": -0.0})
    op.upsert("t", {"id": 2, "f": 0.0, "d": "-0", "s": 0.0, "j": [0.0, -0.0], "x": 0.0})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
