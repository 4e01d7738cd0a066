# A connector whose source has nothing new: schema() declares two tables, update() upserts nothing, logs, and
# checkpoints three times (an empty state among them); a third table is only truncated, before the first checkpoint.
from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    return [{"table": "users", "primary_key": ["id"], "columns": {"id": "LONG", "email": "STRING"}},
            {"table": "events", "columns": {"at": "UTC_DATETIME"}}]


def update(configuration, state):
    log.info(f"nothing new since {state.get('since')}")
    op.checkpoint({"since": "2024-06-01T00:00:00Z"})
    op.truncate("audit")
    op.checkpoint({})
    log.warning("still nothing")
    op.checkpoint({"since": "2024-06-02T00:00:00Z", "empty_pages": 2})


connector = Connector(update=update, schema=schema)
