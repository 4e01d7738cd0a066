# Two runs: the first fills three tables; the second truncates them (before, between and after its own rows),
# then updates and deletes rows the first run wrote.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "a": "STRING"}}]


def update(configuration, state):
    if not state.get("done"):
        for i in range(4):
            op.upsert("declared", {"id": i, "a": "run1"})
            op.upsert("loose", {"id": i, "a": "run1"})
            op.upsert("keyless", {"a": "run1", "i": i})
        op.checkpoint({"done": 1})
        return
    op.truncate("declared")
    op.upsert("declared", {"id": 9, "a": "run2"})
    op.update("declared", {"id": 1, "a": "updated truncated row"})
    op.upsert("loose", {"id": 9, "a": "run2"})
    op.truncate("loose")
    op.delete("loose", {"id": 2})
    op.upsert("keyless", {"a": "run2", "i": 9})
    op.checkpoint({"done": 2})
    op.truncate("keyless")
    op.checkpoint({"done": 3})


connector = Connector(update=update, schema=schema)
