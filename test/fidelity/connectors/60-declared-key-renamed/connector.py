# Declared types are looked up by the name the connector writes: a row that spells a column differently is inferred.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "createdAt": "UTC_DATETIME", "amount": "DOUBLE"}}]


def update(configuration, state):
    op.upsert("t", {"id": 1, "createdAt": "2024-01-01T00:00:00Z", "amount": 1})
    op.upsert("t", {"id": 2, "created_at": "2024-01-02T00:00:00Z", "Amount": 2})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
