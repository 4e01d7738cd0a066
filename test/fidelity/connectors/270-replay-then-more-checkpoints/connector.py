# A checkpoint written again (4,200 whole-number keys, an early write, then a key with a fraction), with three
# other tables in it: a declared one, a key-less one with duplicate rows, and one with only updates (some ""). Then a
# checkpoint that updates, deletes and upserts keys from before, from inside and from after the replayed one.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "t", "primary_key": ["id"]},
        {"table": "decl", "primary_key": ["k"], "columns": {"k": "STRING", "n": "INT", "f": "DOUBLE"}},
        {"table": "upd", "primary_key": ["u"]},
    ]


def update(configuration, state):
    for i in range(10):
        op.upsert("t", {"id": 100000 + i, "v": "before", "w": 1})
        op.upsert("upd", {"u": i, "a": "orig", "b": 1.5})
    op.checkpoint({"c": 0})
    for i in range(4200):
        op.upsert("t", {"id": i, "v": "in", "w": i})
        if i % 500 == 0:
            op.upsert("nokey", {"x": i % 3, "y": "dup"})
            op.upsert("nokey", {"x": i % 3, "y": "dup"})
            op.upsert("decl", {"k": str(i), "n": i, "f": i / 3})
            op.update("upd", {"u": i // 500, "a": "updated in", "b": ""})
    op.update("t", {"id": 100001, "v": "updated in"})
    op.delete("t", {"id": 100002})
    op.upsert("t", {"id": 4200.5, "v": "float", "w": -1})
    op.update("t", {"id": 5, "v": ""})
    op.checkpoint({"c": 1})
    op.update("t", {"id": 100003, "v": "updated after"})
    op.update("t", {"id": 7, "v": "updated after", "w": ""})
    op.update("t", {"id": 4200.5, "v": "updated after"})
    op.delete("t", {"id": 8})
    op.delete("t", {"id": 100004})
    op.upsert("t", {"id": 9000, "v": "after"})
    op.upsert("t", {"id": 9.0, "v": "after, as 9.0"})
    op.update("upd", {"u": 3, "a": "", "b": 2.25})
    op.delete("upd", {"u": 4})
    op.upsert("nokey", {"x": 1, "y": "dup"})
    op.update("decl", {"k": "500", "n": 7})
    op.delete("decl", {"k": "1000"})
    op.checkpoint({"c": 2})


connector = Connector(update=update, schema=schema)
