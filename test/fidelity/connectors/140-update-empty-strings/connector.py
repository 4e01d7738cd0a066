# op.update with partial columns and "" values: on keys upserted earlier in this checkpoint, on keys upserted in an
# earlier checkpoint, and on keys never upserted; declared and undeclared tables.
# Tables: declared (typed columns), keyed (a declared key, no types), loose (undeclared, so key-less).
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]},
            {"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "name": "STRING", "n": "INT"}}]


def update(configuration, state):
    for t in ("declared", "keyed", "loose"):
        op.upsert(t, {"id": 1, "name": "one", "city": "Oslo", "n": 1})
        op.upsert(t, {"id": 2, "name": "two", "city": "Rome", "n": 2})
    op.checkpoint({"step": 1})
    for t in ("declared", "keyed", "loose"):
        op.upsert(t, {"id": 3, "name": "three", "city": "Bern", "n": 3})
        op.update(t, {"id": 3, "name": ""})
        op.update(t, {"id": 1, "city": ""})
        op.update(t, {"id": 2, "name": "", "city": None})
        op.update(t, {"id": 4, "name": "", "city": "Lima"})
        op.upsert(t, {"id": 5, "name": "", "city": ""})
        op.update(t, {"id": 5, "city": ""})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
