# Integers past 2^53 and 2^63 in inferred, LONG, STRING and DECIMAL columns, and as keys.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "LONG", "s": "STRING", "d": {"type": "DECIMAL", "precision": 38, "scale": 0}}}]


def update(configuration, state):
    for v in [2 ** 53 + 1, 2 ** 63 - 1, -2 ** 63, 9007199254740993]:
        op.upsert("t", {"id": v, "s": v * 10, "d": v, "inferred": v})
    op.upsert("wide", {"n": 2 ** 64 + 1})
    op.upsert("wide", {"n": -(2 ** 63) - 1})
    op.upsert("wide", {"n": 12345678901234567})
    op.checkpoint({"last": 2 ** 63 - 1})


connector = Connector(update=update, schema=schema)
