# A newcomer reuses one row dict (and one nested dict and list) for every page, mutating it after each operation;
# the same nested object in two rows; a row mutated between an upsert and its checkpoint.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    row = {}
    meta = {"tags": []}
    for i in range(4):
        row["id"] = i
        row["name"] = "item %d" % i
        meta["tags"].append("t%d" % i)
        meta["page"] = i
        row["meta"] = meta
        op.upsert("items", row)
    row["name"] = "after the last upsert"
    meta["tags"].clear()
    shared = [1, 2, 3]
    a = {"id": 10, "list": shared}
    op.upsert("items", a)
    shared.append(4)
    b = {"id": 11, "list": shared}
    op.upsert("items", b)
    a["id"] = 12
    op.update("items", {"id": 1, "name": "renamed"})
    upd = {"id": 2, "name": "x"}
    op.update("items", upd)
    upd["name"] = "changed after update"
    dele = {"id": 3}
    op.delete("items", dele)
    dele["id"] = 0
    loose = {"v": 1}
    op.upsert("loose", loose)
    loose["v"] = 2
    op.upsert("loose", loose)
    op.checkpoint({"done": True})


connector = Connector(update=update)
