# Two declared tables whose names rename to one ("Order-Items" and "order_items"), with different keys and types.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "Order-Items", "primary_key": ["id"], "columns": {"id": "INT", "qty": "INT"}},
        {"table": "order_items", "primary_key": ["sku"], "columns": {"sku": "STRING", "qty": "DOUBLE"}},
    ]


def update(configuration, state):
    op.upsert("Order-Items", {"id": 1, "qty": 2})
    op.upsert("order_items", {"sku": "S1", "qty": 2.5})
    op.checkpoint({"ok": True})


connector = Connector(update=update, schema=schema)
