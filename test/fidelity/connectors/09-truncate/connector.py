# truncate soft-deletes the rows synced before it; rows upserted after it stay. Truncating a table that
# does not exist is accepted.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "snapshot", "primary_key": ["id"], "columns": {"id": "INT", "v": "STRING"}},
        {"table": "never_written", "primary_key": ["id"], "columns": {"id": "INT"}},
    ]


def update(configuration, state):
    for i in range(8):
        op.upsert("snapshot", {"id": i, "v": "old"})
    op.checkpoint({"phase": "loaded"})
    op.truncate("snapshot")
    for i in range(4, 10):
        op.upsert("snapshot", {"id": i, "v": "new"})
    op.truncate("never_written")
    op.truncate("not_declared_either")
    op.checkpoint({"phase": "reloaded"})
    # A truncate with no checkpoint after it: the end of the sync commits it.
    op.upsert("other", {"k": 1})
    op.truncate("other")
    op.upsert("other", {"k": 2})


connector = Connector(update=update, schema=schema)
