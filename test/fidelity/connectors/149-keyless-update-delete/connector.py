# Updates and deletes on key-less tables (declared without primary_key, and undeclared without an id): rows are
# keyed by the hash of all their cells, so an update or delete names a row by all its values.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "declared", "columns": {"a": "STRING", "n": "INT"}}]


def update(configuration, state):
    for t in ("declared", "loose"):
        op.upsert(t, {"a": "x", "n": 1})
        op.upsert(t, {"a": "y", "n": 2})
        op.upsert(t, {"a": "y", "n": 2})
        op.update(t, {"a": "x", "n": 1})
        op.update(t, {"a": "z", "n": 3})
        op.delete(t, {"a": "y", "n": 2})
    op.checkpoint({"step": 1})
    for t in ("declared", "loose"):
        op.delete(t, {"a": "x", "n": 1})
        op.update(t, {"a": "y"})
        op.delete(t, {"a": "nothing"})
        op.upsert(t, {"a": "x", "n": 1})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
