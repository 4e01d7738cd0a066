# A declared column whose type is None (a placeholder left in): refused in schema(), quoting the entry.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "orders", "primary_key": ["id"], "columns": {"id": "INT", "amount": None}}]


def update(configuration, state):
    op.upsert("orders", {"id": 1, "amount": "12.50"})
    op.checkpoint({"page": 1})


connector = Connector(update=update, schema=schema)
