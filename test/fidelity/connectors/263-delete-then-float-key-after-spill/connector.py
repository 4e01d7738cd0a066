# 4,200 whole-number keys (written early, past 4,096 operations), then in the same checkpoint: delete key 100 and
# upsert 100.0; upsert True beside key 1. The column becomes FLOAT, where 100 and 100.0 are one key, and 1 and True:
# the first of each stays (1.0 holds "first"; 100.0 holds "first", deleted).
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "d", "primary_key": ["k"]}]


def update(configuration, state):
    for i in range(4200):
        op.upsert("d", {"k": i, "v": "first"})
    op.delete("d", {"k": 100})
    op.upsert("d", {"k": 100.0, "v": "again as float"})
    op.upsert("d", {"k": 2.5, "v": "fraction"})
    op.upsert("d", {"k": True, "v": "bool"})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
