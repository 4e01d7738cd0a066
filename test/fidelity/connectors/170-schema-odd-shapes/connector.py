# schema() in shapes a new user might write that the SDK accepts: lower-case and mixed-case type names, unknown keys
# in a table entry, primary_key as a tuple, a lower-case "decimal" dict with an extra key, columns declared but
# never sent, and a table declared but never written.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "items", "primary_key": ("id",), "description": "ignored?", "sync_mode": "x",
         "columns": {"id": "int", "name": "String", "price": {"type": "decimal", "precision": 8, "scale": 2, "note": 1},
                     "when": "utc_datetime", "flag": "Boolean", "never_sent": "LONG", "never_json": "json"}},
        {"table": "unused", "primary_key": ["k"], "columns": {"k": "string", "v": "naive_date"}},
    ]


def update(configuration, state):
    for i in range(3):
        op.upsert("items", {"id": i, "name": f"n{i}", "price": "12.345", "when": "2024-01-02T03:04:05Z", "flag": i % 2})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
