# Operations naming source schemas: updates, deletes and a truncate of a schema's table never written, a table
# named like a schema's in another schema with another key, and rows after a truncate in each schema.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "items", "schema": "shop_a", "primary_key": ["sku"], "columns": {"sku": "STRING"}},
            {"table": "items", "schema": "shop_b", "primary_key": ["id"], "columns": {"id": "INT"}}]


def update(configuration, state):
    op.update("items", {"sku": "x", "v": 1}, schema="shop_a")
    op.delete("items", {"id": 1}, schema="shop_b")
    op.truncate("items", schema="shop_c")
    op.checkpoint({"step": 1})
    for i in range(3):
        op.upsert("items", {"sku": "s%d" % i, "v": i}, schema="shop_a")
        op.upsert("items", {"id": i, "v": i}, schema="shop_b")
    op.truncate("items", schema="shop_a")
    op.upsert("items", {"sku": "s1", "v": 10}, schema="shop_a")
    op.delete("items", {"id": 2}, schema="shop_b")
    op.update("items", {"id": 1, "v": 11}, schema="shop_b")
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
