# Updates that bring columns the table never had: with a value, with None, with "", in declared and undeclared
# tables, for an existing key and for a missing one, in an early checkpoint and a later one.
# Tables: declared (typed columns), keyed (a declared key, no types), loose (undeclared, so key-less).
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]},
            {"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "a": "STRING"}}]


def update(configuration, state):
    for t in ("declared", "keyed", "loose"):
        op.upsert(t, {"id": 1, "a": "x"})
        op.upsert(t, {"id": 2, "a": "y"})
        op.update(t, {"id": 1, "n": 5})
        op.update(t, {"id": 2, "only_null": None})
    op.checkpoint({"step": 1})
    for t in ("declared", "keyed", "loose"):
        op.update(t, {"id": 2, "empty": ""})
        op.update(t, {"id": 9, "ghost": "missing key"})
        op.update(t, {"id": 1, "when": "2024-05-06T07:08:09Z", "doc": {"a": [1, 2]}})
        op.update(t, {"id": 2, "n": 1.5})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
