# "" in updates, before and after the default spill within one checkpoint: keys upserted early (written early),
# keys upserted late, keys of an earlier checkpoint, and a key upserted with "" then updated with "".
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]},
            {"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "a": "STRING", "b": "STRING"}}]


def update(configuration, state):
    for t in ("declared", "keyed"):
        op.upsert(t, {"id": -1, "a": "earlier", "b": "earlier"})
    op.checkpoint({"step": 1})
    for t in ("declared", "keyed"):
        op.update(t, {"id": 0, "a": ""})
    for i in range(2100):
        for t in ("declared", "keyed"):
            op.upsert(t, {"id": i, "a": "a%d" % i, "b": "" if i % 2 else "b"})
    for t in ("declared", "keyed"):
        op.update(t, {"id": 1, "a": ""})
        op.update(t, {"id": 2099, "b": ""})
        op.update(t, {"id": -1, "a": "", "b": None})
        op.update(t, {"id": 9999, "a": ""})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
