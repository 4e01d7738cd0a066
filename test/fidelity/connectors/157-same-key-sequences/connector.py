# Long sequences of operations on one key in one checkpoint: update-delete-update, delete-update-upsert-update,
# upsert-update-update with disjoint columns, upsert-delete-delete, all in declared and undeclared tables.
# Tables: declared (typed columns), keyed (a declared key, no types), loose (undeclared, so key-less).
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]},
            {"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "a": "STRING", "b": "STRING"}}]


def update(configuration, state):
    for t in ("declared", "keyed", "loose"):
        op.upsert(t, {"id": 1, "a": "a", "b": "b"})
        op.upsert(t, {"id": 2, "a": "a", "b": "b"})
    op.checkpoint({"step": 1})
    for t in ("declared", "keyed", "loose"):
        op.update(t, {"id": 1, "a": "u1"})
        op.delete(t, {"id": 1})
        op.update(t, {"id": 1, "b": "u2"})
        op.delete(t, {"id": 2})
        op.update(t, {"id": 2, "a": ""})
        op.upsert(t, {"id": 2, "a": "up"})
        op.update(t, {"id": 2, "b": ""})
        op.upsert(t, {"id": 3, "a": "a"})
        op.update(t, {"id": 3, "b": "b"})
        op.update(t, {"id": 3, "c": "c"})
        op.upsert(t, {"id": 4})
        op.delete(t, {"id": 4})
        op.delete(t, {"id": 4})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
