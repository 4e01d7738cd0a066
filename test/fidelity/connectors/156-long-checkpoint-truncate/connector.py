# 4,500 upserts, then a truncate, then 100 upserts of keys also written before it, in one checkpoint (the default
# spill writes some rows before the truncate); then 4,200 updates before any checkpoint of the keys left.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "a": "STRING"}}]


def update(configuration, state):
    for i in range(4500):
        op.upsert("declared", {"id": i, "a": "before"})
    op.truncate("declared")
    for i in range(100):
        op.upsert("declared", {"id": i * 40, "a": "after"})
    op.checkpoint({"step": 1})
    for i in range(4200):
        op.update("declared", {"id": (i % 100) * 40, "a": "update %d" % i, "b": i})
    op.update("declared", {"id": 1, "a": "missing key"})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
