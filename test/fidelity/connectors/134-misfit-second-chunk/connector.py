# 3,000 rows in one checkpoint (the writer appends them in chunks of 2,048), all loading natively but one near the end
# (a timestamp with a fraction, a DECIMAL to round), in a keyed and a key-less table: the column goes the CAST's way
# and no row is written twice.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "events", "primary_key": ["id"], "columns": {
        "id": "LONG", "at": "NAIVE_DATETIME", "amount": {"type": "DECIMAL", "precision": 10, "scale": 2}}}]


def update(configuration, state):
    for i in range(3000):
        at = "2024-01-02T03:04:05" if i != 2500 else "2024-01-02T03:04:05.25"
        amount = str(i) if i != 2600 else "12.345"
        op.upsert("events", {"id": i, "at": at, "amount": amount})
        op.upsert("log", {"n": i % 1500, "at": at})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
