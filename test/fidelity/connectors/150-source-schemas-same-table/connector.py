# Tables named with schema= (source schemas): two schemas holding a table of the same name, declared in one and not
# the other, with upserts, updates, deletes and truncates naming each, and the same name with no schema.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "orders", "schema": "east", "primary_key": ["id"], "columns": {"id": "INT", "total": "DOUBLE"}},
            {"table": "orders", "primary_key": ["id"], "columns": {"id": "STRING"}}]


def update(configuration, state):
    for s in ("east", "west", None):
        for i in range(3):
            row = {"id": i, "total": i * 1.5, "origin": s or "none"}
            if s is None:
                op.upsert("orders", row)
            else:
                op.upsert("orders", row, schema=s)
    op.checkpoint({"step": 1})
    op.update("orders", {"id": 1, "total": 99}, schema="east")
    op.delete("orders", {"id": 2}, schema="west")
    op.truncate("orders")
    op.upsert("orders", {"id": 7, "origin": "after truncate"})
    op.update("orders", {"id": 0, "extra": "west only"}, schema="west")
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
