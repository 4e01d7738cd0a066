# 5,000 upserts in one checkpoint (past the 4,096-operation default spill), then updates, "" updates and deletes of
# early keys, a re-upsert of a deleted key, and a checkpoint; declared and undeclared tables.
# Tables: declared (typed columns), keyed (a declared key, no types), loose (undeclared, so key-less).
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]},
            {"table": "declared", "primary_key": ["id"], "columns": {"id": "LONG", "a": "STRING", "n": "INT"}}]


def update(configuration, state):
    for i in range(2500):
        op.upsert("declared", {"id": i, "a": "a%d" % i, "n": i})
        op.upsert("keyed", {"id": i, "a": "a%d" % i, "n": i})
        op.upsert("loose", {"id": i, "a": "a%d" % i, "n": i})
    for t in ("declared", "keyed", "loose"):
        for i in range(0, 50, 5):
            op.update(t, {"id": i, "a": "updated", "m": i})
            op.update(t, {"id": i + 1, "a": ""})
            op.delete(t, {"id": i + 2})
        op.upsert(t, {"id": 2, "a": "revived"})
        op.update(t, {"id": 5000, "a": "missing"})
    op.checkpoint({"step": 1})


connector = Connector(update=update, schema=schema)
