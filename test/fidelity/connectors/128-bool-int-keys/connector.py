# Keys that differ in Python but may meet once typed: True and 1, False and 0 and -0.0, 1 and 1.0, in undeclared key
# columns, in one batch and across checkpoints; and a declared BOOLEAN key fed 1, True and "1".
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "loose", "primary_key": ["k"]}, {"table": "pair", "primary_key": ["a", "b"]},
            {"table": "flag", "primary_key": ["f"], "columns": {"f": "BOOLEAN"}}]


def update(configuration, state):
    for i, k in enumerate([True, 1, 2, False, 0]):
        op.upsert("loose", {"k": k, "i": i})
    op.checkpoint({"step": 1})
    for i, k in enumerate([1.0, -0.0, True, 3]):
        op.upsert("loose", {"k": k, "i": 10 + i})
    for i, (a, b) in enumerate([(True, 1), (1, True), (1, 1), (0, False)]):
        op.upsert("pair", {"a": a, "b": b, "i": i})
    for i, f in enumerate([1, True, "1", 0, "0", 0.0]):
        op.upsert("flag", {"f": f, "i": i})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
