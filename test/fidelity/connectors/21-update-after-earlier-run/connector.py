# Two runs: the first upserts, the second only updates and deletes rows it did not upsert itself, including empty
# strings and keys that do not exist, and truncates a table the first run filled.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "people", "primary_key": ["id"], "columns": {"id": "INT", "name": "STRING", "city": "STRING"}},
        {"table": "stale", "primary_key": ["id"], "columns": {"id": "INT"}},
    ]


def update(configuration, state):
    if not state.get("loaded"):
        for i in range(6):
            op.upsert("people", {"id": i, "name": f"p{i}", "city": "Oslo", "age": 20 + i})
            op.upsert("stale", {"id": i})
        op.checkpoint({"loaded": True})
        return
    op.update("people", {"id": 0, "name": ""})
    op.update("people", {"id": 1, "city": "", "age": None})
    op.update("people", {"id": 2, "new_column": "from an update"})
    op.update("people", {"id": 77, "name": "missing"})
    op.delete("people", {"id": 3})
    op.truncate("stale")
    op.upsert("stale", {"id": 100})
    op.checkpoint({"loaded": True, "second": True})


connector = Connector(update=update, schema=schema)
