# op.truncate before rows, after rows, twice in a row, of a declared table never written, of an undeclared table
# never written, then rows after it in the same checkpoint and in the next.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "a": "STRING"}},
            {"table": "never", "primary_key": ["id"], "columns": {"id": "INT"}}]


def update(configuration, state):
    op.truncate("declared")
    op.upsert("declared", {"id": 1, "a": "x"})
    op.upsert("loose", {"id": 1, "a": "x"})
    op.upsert("keyless", {"a": "x"})
    op.checkpoint({"step": 1})
    for t in ("declared", "loose", "keyless"):
        op.upsert(t, {"id": 2, "a": "before truncate"})
        op.truncate(t)
        op.truncate(t)
        op.upsert(t, {"id": 3, "a": "after truncate"})
    op.truncate("never")
    op.truncate("undeclared_never")
    op.checkpoint({"step": 2})
    op.truncate("loose")
    op.update("declared", {"id": 3, "a": "updated"})
    op.checkpoint({"step": 3})


connector = Connector(update=update, schema=schema)
