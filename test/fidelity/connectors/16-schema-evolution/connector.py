# Columns that appear later in the stream, columns that only ever hold nulls or empty strings, and a declared
# table that gets columns schema() did not list.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "evolving", "primary_key": ["id"], "columns": {"id": "INT", "name": "STRING"}}]


def update(configuration, state):
    for i in range(5):
        op.upsert("evolving", {"id": i, "name": f"n{i}", "always_null": None, "always_empty": ""})
    op.checkpoint({"phase": 1})
    for i in range(5, 10):
        op.upsert("evolving", {"id": i, "name": f"n{i}", "added_later": i * 1.5, "always_null": None})
    op.update("evolving", {"id": 0, "added_by_update": "u"})
    op.checkpoint({"phase": 2})
    op.upsert("evolving", {"id": 10, "added_later": "now text"})
    op.checkpoint({"phase": 3})


connector = Connector(update=update, schema=schema)
