# Two runs: the first updates keys that were never upserted (nothing to update); the second upserts them, then
# updates them partially, and updates a key the first run only updated.
# Tables: declared (typed columns), keyed (a declared key, no types), loose (undeclared, so key-less).
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]},
            {"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "a": "STRING", "b": "INT"}}]


def update(configuration, state):
    run = state.get("run", 0) + 1
    for t in ("declared", "keyed", "loose"):
        if run == 1:
            op.update(t, {"id": 1, "a": "ghost"})
            op.update(t, {"id": 2, "b": 2, "c": "new"})
        else:
            op.upsert(t, {"id": 1, "b": 11})
            op.update(t, {"id": 1, "a": "", "c": "later"})
            op.update(t, {"id": 2, "a": ""})
    op.checkpoint({"run": run})


connector = Connector(update=update, schema=schema)
