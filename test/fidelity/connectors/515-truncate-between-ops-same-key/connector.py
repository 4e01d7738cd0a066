# A full refresh that truncates in the middle of a page: rows upserted before op.truncate are then updated, deleted or
# upserted again after it, in the same checkpoint, in a keyed table and a key-less one; a second truncate follows an
# update of a row written in the first checkpoint.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "catalog", "primary_key": ["sku"], "columns": {"sku": "STRING", "price": "DOUBLE"}},
            {"table": "feed", "columns": {"sku": "STRING", "price": "DOUBLE"}}]


def update(configuration, state):
    op.upsert("catalog", {"sku": "OLD", "price": 1.0})
    op.checkpoint({"step": 0})
    for table in ("catalog", "feed"):
        for sku in ("A", "B", "C", "D"):
            op.upsert(table, {"sku": sku, "price": 10.0})
        op.truncate(table)
        try:
            op.update(table, {"sku": "A", "price": 11.0})
            op.delete(table, {"sku": "B"})
        except Exception as e:
            op.upsert("refused", {"table": table, "error": f"{type(e).__name__}: {e}"})
        op.upsert(table, {"sku": "C", "price": 12.0})
    op.update("catalog", {"sku": "OLD", "price": 2.0})
    op.checkpoint({"step": 1})
    op.update("catalog", {"sku": "C", "price": 13.0})
    op.truncate("catalog")
    op.update("catalog", {"sku": "OLD", "price": 3.0})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
