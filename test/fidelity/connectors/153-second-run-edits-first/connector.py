# Two runs: the second continues from the state and edits rows of the first: partial updates, "" and None, a new
# column, deletes, delete then re-upsert, upsert of fewer columns (the others become NULL?), key-less edits.
# Tables: declared (typed columns), keyed (a declared key, no types), loose (undeclared, so key-less).
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]},
            {"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "a": "STRING", "b": "INT"}}]


def update(configuration, state):
    if "cursor" not in state:
        for t in ("declared", "keyed", "loose"):
            for i in range(6):
                op.upsert(t, {"id": i, "a": "a%d" % i, "b": i, "c": "c%d" % i})
        op.upsert("keyless", {"a": "x", "b": 1})
        op.checkpoint({"cursor": 6})
        return
    for t in ("declared", "keyed", "loose"):
        op.update(t, {"id": 0, "a": ""})
        op.update(t, {"id": 1, "b": None, "d": "new"})
        op.delete(t, {"id": 2})
        op.delete(t, {"id": 3})
        op.upsert(t, {"id": 3, "a": "back"})
        op.upsert(t, {"id": 4, "b": 40})
        op.update(t, {"id": 5, "c": ""})
    op.delete("keyless", {"a": "x", "b": 1})
    op.checkpoint({"cursor": 12})


connector = Connector(update=update, schema=schema)
