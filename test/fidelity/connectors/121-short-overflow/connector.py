# A SHORT column takes any 32-bit integer at the call (the SDK checks the INT range), so 40000 passes op.upsert() and
# fails the load at the checkpoint with DuckDB's conversion error; the rows before it in range.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "s", "primary_key": ["id"], "columns": {"id": "INT", "v": "SHORT"}}]


def update(configuration, state):
    for i, v in enumerate([1, -32768, 32767, 7.0, "12", True]):
        op.upsert("s", {"id": i, "v": v})
    op.checkpoint({"first": True})
    op.upsert("s", {"id": 10, "v": 5})
    op.upsert("s", {"id": 11, "v": 40000})
    op.checkpoint({"second": True})


connector = Connector(update=update, schema=schema)
