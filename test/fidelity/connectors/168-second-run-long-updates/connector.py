# Two runs: the first writes 3,000 rows; the second, from its state, updates every one of them with 4,500
# operations before its only checkpoint (past the default spill), deleting some and bringing a new column.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "a": "STRING"}}]


def update(configuration, state):
    if "rows" not in state:
        for i in range(3000):
            op.upsert("declared", {"id": i, "a": "run1"})
        op.checkpoint({"rows": 3000})
        return
    for i in range(state["rows"]):
        op.update("declared", {"id": i, "a": "run2"})
    for i in range(0, 3000, 2):
        if i % 4 == 0:
            op.delete("declared", {"id": i})
        else:
            op.update("declared", {"id": i, "seen": i})
    op.checkpoint({"rows": 3000, "updated": True})


connector = Connector(update=update, schema=schema)
