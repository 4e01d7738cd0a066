# DECIMAL given as a bare string, without precision and scale: refused in schema() with the example of a dict.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "orders", "primary_key": ["id"], "columns": {"id": "INT", "amount": "DECIMAL"}}]


def update(configuration, state):
    op.upsert("orders", {"id": 1, "amount": "12.50"})
    op.checkpoint({"page": 1})


connector = Connector(update=update, schema=schema)
