# Eight tables interleaved in one checkpoint: each operation goes to the next table in turn (upserts, then partial
# updates, deletes and re-upserts), so no two consecutive operations share a table.
from fivetran_connector_sdk import Connector, Operations as op

TABLES = ["t%d" % i for i in range(8)]


def schema(configuration):
    return [{"table": t, "primary_key": ["id"], "columns": {"id": "INT"}} for t in TABLES[:4]]


def update(configuration, state):
    for i in range(12):
        for n, t in enumerate(TABLES):
            op.upsert(t, {"id": i, "v": "%s-%d" % (t, i), "n": n * i})
    for i in range(12):
        for t in TABLES:
            if i % 3 == 0:
                op.delete(t, {"id": i})
            elif i % 3 == 1:
                op.update(t, {"id": i, "v": ""})
            else:
                op.upsert(t, {"id": i, "v": "again", "extra": i})
    op.checkpoint({"step": 1})


connector = Connector(update=update, schema=schema)
