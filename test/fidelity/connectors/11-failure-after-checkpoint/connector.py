# update() raises after some checkpointed writes: what the last checkpoint committed stays, the rest does not.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "items", "primary_key": ["id"], "columns": {"id": "INT", "status": "STRING"}}]


def update(configuration, state):
    for i in range(10):
        op.upsert("items", {"id": i, "status": "committed"})
    op.checkpoint({"cursor": 10})
    for i in range(10, 15):
        op.upsert("items", {"id": i, "status": "lost"})
    op.update("items", {"id": 0, "status": "changed after checkpoint"})
    op.delete("items", {"id": 1})
    op.upsert("late_table", {"x": 1})
    raise RuntimeError("source API returned 500 after the first checkpoint")


connector = Connector(update=update, schema=schema)
