# Run twice: the second run reads the cursor the first one checkpointed and continues from it.
from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    return [{"table": "runs", "primary_key": ["id"], "columns": {"id": "INT", "run": "INT"}}]


def update(configuration, state):
    cursor = state.get("cursor", 0)
    run = state.get("run", 0) + 1
    log.info(f"run {run} starts at cursor {cursor}")
    for i in range(cursor, cursor + 6):
        op.upsert("runs", {"id": i, "run": run})
    if cursor:
        # A later run revisits an earlier row.
        op.update("runs", {"id": 0, "run": run})
        op.delete("runs", {"id": 1})
    op.checkpoint({"cursor": cursor + 6, "run": run})


connector = Connector(update=update, schema=schema)
