# Keys of type bool, float and str-of-int, undeclared and declared (BOOLEAN, DOUBLE, STRING), with updates and
# deletes naming them in another spelling (1 for True, 2 for 2.0, "7" and "07").
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "flag", "primary_key": ["k"], "columns": {"k": "BOOLEAN"}},
            {"table": "amount", "primary_key": ["k"], "columns": {"k": "DOUBLE"}},
            {"table": "code", "primary_key": ["k"], "columns": {"k": "STRING"}}]


def update(configuration, state):
    for t in ("flag", "loose_flag"):
        op.upsert(t, {"k": True, "v": "t"})
        op.upsert(t, {"k": False, "v": "f"})
    for t in ("amount", "loose_amount"):
        for k in (0.5, 2.0, -1.25, 1e10):
            op.upsert(t, {"k": k, "v": str(k)})
    for t in ("code", "loose_code"):
        for k in ("7", "07", " 7", "7.0"):
            op.upsert(t, {"k": k, "v": k})
    op.checkpoint({"step": 1})
    op.update("flag", {"k": True, "v": "updated"})
    op.delete("loose_flag", {"k": False})
    op.update("amount", {"k": 2.0, "v": "updated"})
    op.delete("loose_amount", {"k": 0.5})
    op.update("code", {"k": "07", "v": "updated"})
    op.delete("loose_code", {"k": " 7"})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
