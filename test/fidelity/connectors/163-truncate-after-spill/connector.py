# Truncates after the default spill wrote rows of the same checkpoint: keyed and key-less tables, then updates and
# deletes of truncated rows, and rows after the truncate; a truncate with no checkpoint after it.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]}]


def update(configuration, state):
    op.upsert("keyed", {"id": -1, "a": "committed"})
    op.checkpoint({"step": 1})
    for i in range(2100):
        op.upsert("keyed", {"id": i, "a": "early"})
        op.upsert("keyless", {"i": i, "a": "early"})
    op.truncate("keyed")
    op.truncate("keyless")
    op.update("keyed", {"id": 5, "a": "updated after truncate"})
    op.delete("keyed", {"id": 6})
    op.upsert("keyed", {"id": 7, "a": "after truncate"})
    op.upsert("keyless", {"i": 7, "a": "after truncate"})
    op.checkpoint({"step": 2})
    op.truncate("keyed")


connector = Connector(update=update, schema=schema)
