# SDK 3.0 lets schema() and every operation name a source schema; its tables land in their own destination schema.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "orders", "schema": "Sales", "primary_key": ["id"], "columns": {"id": "INT"}},
        {"table": "orders", "primary_key": ["id"], "columns": {"id": "INT"}},
    ]


def update(configuration, state):
    for i in range(3):
        op.upsert("orders", {"id": i, "where": "sales"}, schema="Sales")
        op.upsert("orders", {"id": i, "where": "default"})
        op.upsert("refunds", {"id": i}, schema="after.Sales")
    op.delete("orders", {"id": 0}, schema="Sales")
    op.checkpoint({"schemas": 2})


connector = Connector(update=update, schema=schema)
