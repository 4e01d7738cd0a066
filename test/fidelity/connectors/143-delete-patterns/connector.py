# op.delete of keys never upserted, delete then upsert, upsert-delete-upsert in one batch, delete-upsert across
# checkpoints, delete then update, and deletes in a table never written (declared and undeclared).
# Tables: declared (typed columns), keyed (a declared key, no types), loose (undeclared, so key-less).
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]},
            {"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "a": "STRING"}},
            {"table": "never", "primary_key": ["id"], "columns": {"id": "INT"}}]


def update(configuration, state):
    for t in ("declared", "keyed", "loose"):
        op.delete(t, {"id": 100})
        op.delete(t, {"id": 1})
        op.upsert(t, {"id": 1, "a": "after delete"})
        op.upsert(t, {"id": 2, "a": "first"})
        op.delete(t, {"id": 2})
        op.upsert(t, {"id": 2, "a": "revived"})
        op.upsert(t, {"id": 3, "a": "doomed"})
        op.delete(t, {"id": 3})
        op.update(t, {"id": 3, "a": "updated after delete"})
        op.upsert(t, {"id": 4, "a": "kept"})
    op.delete("never", {"id": 1})
    op.delete("undeclared_never", {"id": 1})
    op.checkpoint({"step": 1})
    for t in ("declared", "keyed", "loose"):
        op.delete(t, {"id": 4})
        op.upsert(t, {"id": 4, "b": "revived without a"})
        op.delete(t, {"id": 1})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
