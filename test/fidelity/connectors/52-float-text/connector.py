# Floats whose text differs between languages: 1e16, 1e-5, 1e22, 0.1+0.2, 5e-324, 1.7976931348623157e308, in
# inferred, DOUBLE and STRING columns.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "d": "DOUBLE", "s": "STRING",
                                                               "dec": {"type": "DECIMAL", "precision": 30, "scale": 4}}}]


def update(configuration, state):
    for i, v in enumerate([1e16, 1e-5, 1e22, 0.1 + 0.2, 5e-324, 1.7976931348623157e308, 123456789.125, 1e-4]):
        op.upsert("t", {"id": i, "d": v, "s": v, "x": v})
    op.upsert("t", {"id": 50, "dec": "1e3"})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
