# DECIMAL precision and scale given as strings ("10", "2"): what the SDK makes of them.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "d": {"type": "DECIMAL", "precision": "10", "scale": "2"}}}]


def update(configuration, state):
    op.upsert("t", {"id": 1, "d": "1.25"})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
