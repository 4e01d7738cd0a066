# Upserts of an existing key with fewer columns (the missing ones), with "" and None, in the same checkpoint and the
# next; a declared column never sent; an undeclared column sent only once.
# Tables: declared (typed columns), keyed (a declared key, no types), loose (undeclared, so key-less).
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]},
            {"table": "declared", "primary_key": ["id"],
             "columns": {"id": "INT", "a": "STRING", "b": "INT", "never": "STRING"}}]


def update(configuration, state):
    for t in ("declared", "keyed", "loose"):
        op.upsert(t, {"id": 1, "a": "a", "b": 1, "c": "once"})
        op.upsert(t, {"id": 2, "a": "a", "b": 2})
        op.upsert(t, {"id": 1, "a": ""})
    op.checkpoint({"step": 1})
    for t in ("declared", "keyed", "loose"):
        op.upsert(t, {"id": 2, "b": None})
        op.upsert(t, {"id": 3, "a": "", "b": 3})
        op.upsert(t, {"id": 3, "b": 4})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
