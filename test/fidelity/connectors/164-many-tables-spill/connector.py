# Sixty tables in one checkpoint, 5,000 operations round-robin over them (past the default spill): upserts, then
# updates, deletes and a truncate of some; half declared, half not.
from fivetran_connector_sdk import Connector, Operations as op

TABLES = ["table_%02d" % i for i in range(60)]


def schema(configuration):
    return [{"table": t, "primary_key": ["id"], "columns": {"id": "INT"}} for t in TABLES[:30]]


def update(configuration, state):
    for i in range(4200):
        t = TABLES[i % 60]
        op.upsert(t, {"id": i // 60, "v": i, "s": "s%d" % i} if t in TABLES[:30] else {"id": i // 60, "v": i})
    for i in range(800):
        t = TABLES[i % 60]
        if i % 4 == 0:
            op.delete(t, {"id": i % 70})
        elif i % 4 == 1:
            op.update(t, {"id": i % 70, "v": -i})
        else:
            op.upsert(t, {"id": i % 70, "w": "late"})
    op.truncate("table_07")
    op.truncate("table_37")
    op.checkpoint({"step": 1})


connector = Connector(update=update, schema=schema)
