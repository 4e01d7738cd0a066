# Two runs. The first only updates a declared table, which leaves it created and empty; the second upserts rows whose
# columns come in another order, with undeclared columns before the declared ones, into that empty table.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "items", "primary_key": ["id"],
             "columns": {"id": "LONG", "price": {"type": "DECIMAL", "precision": 8, "scale": 2}, "seen": "NAIVE_DATE"}}]


def update(configuration, state):
    if not state.get("first"):
        op.update("items", {"id": 1, "price": "1.50"})
        op.checkpoint({"first": True})
        return
    for i in range(4):
        op.upsert("items", {"extra": i % 2 == 0, "note": "n%d" % i, "seen": "2024-01-0%d" % (i + 1), "id": i,
                            "price": "%d.25" % i})
    op.checkpoint({"first": True, "second": True})


connector = Connector(update=update, schema=schema)
