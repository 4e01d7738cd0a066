# DECIMAL dicts as a user might write them: precision and scale as strings, the type in lower case, a precision of
# 0 and a scale bigger than the precision; the SDK's reading of each, one table per variant.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "a", "primary_key": ["id"], "columns": {"id": "INT", "d": {"type": "Decimal", "precision": 10, "scale": 0}}},
        {"table": "b", "primary_key": ["id"], "columns": {"id": "INT", "d": {"type": "DECIMAL", "precision": 4, "scale": 6}}},
        {"table": "c", "primary_key": ["id"], "columns": {"id": "INT", "d": {"type": "DECIMAL", "precision": True, "scale": False}}},
    ]


def update(configuration, state):
    for t in ("a", "b", "c"):
        op.upsert(t, {"id": 1, "d": "1.5"})
        op.upsert(t, {"id": 2, "d": 7})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
