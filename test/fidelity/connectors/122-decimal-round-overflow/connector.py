# DECIMAL(4,2) rows that fit, then 99.995 (rounded to 4 digits after the point, it needs 5 digits): the load fails at
# the checkpoint. Before it, a DECIMAL(2,2) column with values that round into range.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "d", "primary_key": ["id"], "columns": {"id": "INT", "a": {"type": "DECIMAL", "precision": 4, "scale": 2},
                                                             "b": {"type": "DECIMAL", "precision": 2, "scale": 2}}}]


def update(configuration, state):
    for i, (a, b) in enumerate([("12.34", "0.994"), ("-0.5", "0.004"), (99, "-0.99"), ("99.994", ".5")]):
        op.upsert("d", {"id": i, "a": a, "b": b})
    op.checkpoint({"first": True})
    op.upsert("d", {"id": 10, "a": "99.995", "b": "0.1"})
    op.checkpoint({"second": True})


connector = Connector(update=update, schema=schema)
