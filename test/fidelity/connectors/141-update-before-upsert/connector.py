# op.update before op.upsert of the same key: in one checkpoint, across checkpoints, and update of a key upserted
# later in the same checkpoint with a column the upsert does not bring.
# Tables: declared (typed columns), keyed (a declared key, no types), loose (undeclared, so key-less).
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]},
            {"table": "declared", "primary_key": ["id"], "columns": {"id": "LONG", "a": "STRING"}}]


def update(configuration, state):
    for t in ("declared", "keyed", "loose"):
        op.update(t, {"id": 1, "a": "updated first", "b": 10})
        op.upsert(t, {"id": 1, "a": "then upserted"})
        op.update(t, {"id": 2, "b": 20})
    op.checkpoint({"step": 1})
    for t in ("declared", "keyed", "loose"):
        op.upsert(t, {"id": 2, "a": "upserted after an update in the last checkpoint"})
        op.update(t, {"id": 3, "a": "x"})
        op.upsert(t, {"id": 3, "b": 30})
        op.update(t, {"id": 3, "a": "y"})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
