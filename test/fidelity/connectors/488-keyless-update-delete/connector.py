# A table declared without a primary key, then op.update and op.delete on it as if `id` were its key; each call's
# refusal is caught and kept in `refused`. An undeclared key-less table gets the same calls.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "logs", "columns": {"id": "INT", "msg": "STRING"}}, {"table": "refused", "primary_key": ["n"]}]


def update(configuration, state):
    n = 0
    for table in ("logs", "raw_logs"):
        op.upsert(table, {"id": 1, "msg": "first"})
        op.upsert(table, {"id": 2, "msg": "second"})
        for call, args in (("update", {"id": 1, "msg": "changed"}), ("delete", {"id": 2}), ("update", {"msg": "x"}),
                           ("delete", {})):
            n += 1
            try:
                getattr(op, call)(table, args)
            except Exception as e:
                op.upsert("refused", {"n": n, "table": table, "call": call, "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"n": n})


connector = Connector(update=update, schema=schema)
