# A table named "s" gets 5,000 rows, then an update of one of them, in one checkpoint (the rows are written early,
# past 4,096 operations). The SDK merges the update into the row it holds in memory, and the sync succeeds. (An
# update of a row of an earlier checkpoint fails there: its UPDATE names the table "s" beside a staging table
# aliased s, which DuckDB refuses as ambiguous.)
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "s", "primary_key": ["id"]}]


def update(configuration, state):
    for i in range(5000):
        op.upsert("s", {"id": i, "v": i})
    op.update("s", {"id": 1, "v": -1})
    op.update("s", {"id": 4999, "w": "last"})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
