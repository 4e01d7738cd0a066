# 4,100 upserts in one checkpoint, then deletes of early keys, re-upserts of some with fewer columns, and updates
# of deleted ones, all after the default spill wrote the early rows; then a second checkpoint deletes again.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]},
            {"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "a": "STRING", "b": "INT"}}]


def update(configuration, state):
    for i in range(2050):
        for t in ("declared", "keyed"):
            op.upsert(t, {"id": i, "a": "a%d" % i, "b": i})
    for t in ("declared", "keyed"):
        for i in range(10):
            op.delete(t, {"id": i})
        for i in range(0, 10, 2):
            op.upsert(t, {"id": i, "a": "revived"})
        op.update(t, {"id": 1, "b": -1})
        op.update(t, {"id": 3, "a": ""})
    op.checkpoint({"step": 1})
    for t in ("declared", "keyed"):
        op.delete(t, {"id": 0})
        op.upsert(t, {"id": 1, "b": 1})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
