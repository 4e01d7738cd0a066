# A connector that copies a whole source database: 50 tables of 50 columns, a first pass that creates them, then an
# incremental pass that upserts changed rows into every table before one checkpoint at the end.
from fivetran_connector_sdk import Connector, Operations as op

TABLES = ["table_%03d" % t for t in range(50)]
COLUMNS = ["column_%02d" % c for c in range(50)]


def update(configuration, state):
    for t in TABLES:
        for i in range(3):
            op.upsert(t, {"id": i, **{c: "%s %s %d" % (t, c, i) for c in COLUMNS}})
    op.checkpoint({"pass": 1})
    for t in TABLES:
        for i in range(2, 4):
            op.upsert(t, {"id": i, **{c: "changed %s %d" % (c, i) for c in COLUMNS}})
    op.checkpoint({"pass": 2})


def schema(configuration):
    return [{"table": t, "primary_key": ["id"]} for t in TABLES]


connector = Connector(update=update, schema=schema)
