# Partial updates: a column set to None against one left out, an update naming only the key, an update with every
# column None, and an upsert with None beside one without the column; declared, keyed and loose tables.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]},
            {"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "a": "STRING", "b": "INT"}}]


def update(configuration, state):
    for t in ("declared", "keyed", "loose"):
        for i in range(5):
            op.upsert(t, {"id": i, "a": "a%d" % i, "b": i})
    op.checkpoint({"step": 1})
    for t in ("declared", "keyed", "loose"):
        op.update(t, {"id": 0, "a": None})
        op.update(t, {"id": 1, "b": 10})
        op.update(t, {"id": 2})
        op.update(t, {"id": 3, "a": None, "b": None})
        op.upsert(t, {"id": 4, "a": None})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
