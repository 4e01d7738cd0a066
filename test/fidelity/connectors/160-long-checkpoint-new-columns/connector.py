# 4,200 upserts in one checkpoint (past the default spill of 4,096 operations), then updates and upserts that bring
# columns the table never had (int, text, JSON, a timestamp), after rows were written early; declared, keyed, loose.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]},
            {"table": "declared", "primary_key": ["id"], "columns": {"id": "LONG", "a": "STRING"}}]


def update(configuration, state):
    for i in range(1400):
        for t in ("declared", "keyed", "loose"):
            op.upsert(t, {"id": i, "a": "a%d" % i})
    for t in ("declared", "keyed", "loose"):
        op.update(t, {"id": 1, "late_int": 7})
        op.update(t, {"id": 2, "late_text": "", "late_doc": {"k": [1]}})
        op.upsert(t, {"id": 3, "a": "re", "late_at": "2024-02-03T04:05:06Z"})
        op.upsert(t, {"id": 5000, "late_int": 8, "late_text": "new row"})
    op.checkpoint({"step": 1})


connector = Connector(update=update, schema=schema)
