# A key-less table with 4,500 upserts in one checkpoint (past the default spill), duplicates among them, then
# updates and deletes of early rows by all their values; then a truncate and rows after it in the next checkpoint.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    for i in range(4500):
        op.upsert("keyless", {"i": i % 3000, "s": "s%d" % (i % 3000)})
    op.update("keyless", {"i": 1, "s": "s1"})
    op.delete("keyless", {"i": 2, "s": "s2"})
    op.delete("keyless", {"i": 3500, "s": "s3500"})
    op.checkpoint({"step": 1})
    for i in range(4200):
        op.upsert("other", {"i": i})
    op.truncate("keyless")
    op.upsert("keyless", {"i": -1, "s": "after truncate"})
    op.delete("other", {"i": 7})
    op.checkpoint({"step": 2})


connector = Connector(update=update)
