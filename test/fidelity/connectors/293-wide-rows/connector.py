# Wide rows, as flattening a big API object gives: 1,500 columns in one row, then rows that each bring 300 columns the
# table has not seen, key-less and keyed, with an update touching the last column.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    row = {"id": 0}
    for c in range(1500):
        row["field_%04d" % c] = c if c % 3 else "v%d" % c
    op.upsert("wide", row)
    for r in range(1, 4):
        op.upsert("wide", {"id": r, **{"extra_%d_%d" % (r, c): c * 1.5 for c in range(300)}})
    op.upsert("wide_loose", {("col %d" % c): (None if c % 5 == 0 else c) for c in range(1200)})
    op.checkpoint({"step": 1})
    op.update("wide", {"id": 0, "field_1499": "updated", "extra_3_299": 7})
    op.checkpoint({"step": 2})


def schema(configuration):
    return [{"table": "wide", "primary_key": ["id"]}]


connector = Connector(update=update, schema=schema)
