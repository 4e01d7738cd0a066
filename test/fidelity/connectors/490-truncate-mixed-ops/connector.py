# op.truncate between upserts and updates, in one checkpoint and across two: rows before the truncate, the truncate,
# rows after it, an update of a row written before it, a truncate of a table never written and of an undeclared one.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "snapshot", "primary_key": ["id"], "columns": {"id": "INT", "v": "STRING"}},
            {"table": "empty_one", "primary_key": ["id"]}]


def update(configuration, state):
    for i in range(3):
        op.upsert("snapshot", {"id": i, "v": f"old {i}"})
    op.checkpoint({"phase": "old"})
    op.upsert("snapshot", {"id": 10, "v": "before truncate"})
    op.truncate("snapshot")
    op.upsert("snapshot", {"id": 1, "v": "new 1"})
    op.update("snapshot", {"id": 2, "v": "updated after truncate"})
    op.delete("snapshot", {"id": 0})
    op.truncate("empty_one")
    op.truncate("never_declared")
    op.checkpoint({"phase": "new"})
    op.upsert("snapshot", {"id": 5, "v": "later"})
    op.truncate("snapshot")
    op.truncate("snapshot")
    op.upsert("snapshot", {"id": 6, "v": "last"})
    op.checkpoint({"phase": "last"})


connector = Connector(update=update, schema=schema)
