# Tables without a primary key: one declared with columns but no key, one only seen in update().
# Identical rows share a _fivetran_id; any changed value makes a new row.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "events", "columns": {"kind": "STRING", "amount": "DOUBLE"}}]


def update(configuration, state):
    for i in range(6):
        op.upsert("events", {"kind": "view", "amount": float(i % 3)})
    op.upsert("events", {"kind": "view", "amount": 0.0, "extra": "new column"})
    for i in range(5):
        op.upsert("log_lines", {"line": f"line {i % 2}", "level": "INFO"})
    op.checkpoint({"first": True})
    # Deleting and updating a keyless table: the keys are the full rows.
    op.delete("log_lines", {"line": "line 0", "level": "INFO"})
    op.update("log_lines", {"line": "line 1", "level": "WARN"})
    op.checkpoint({"first": False})


connector = Connector(update=update, schema=schema)
