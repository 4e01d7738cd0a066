# Updates and deletes of declared rows, with values the native load does not take as they are (a timestamp with a
# fraction, decimal text with an exponent, a boolean word in an integer column) next to values it does.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {
        "id": "LONG", "at": "NAIVE_DATETIME", "utc": "UTC_DATETIME", "amount": {"type": "DECIMAL", "precision": 12, "scale": 3},
        "flag": "BOOLEAN", "day": "NAIVE_DATE", "f": "FLOAT", "j": "JSON"}}]


def update(configuration, state):
    for i in range(6):
        op.upsert("t", {"id": i, "at": "2024-01-02T03:04:05", "utc": "2024-01-02T03:04:05Z", "amount": str(i),
                        "flag": i % 2, "day": "2024-01-02", "f": i / 4, "j": {"i": i}})
    op.checkpoint({"phase": 1})
    op.update("t", {"id": 0, "at": "2024-01-02T03:04:05.5"})
    op.update("t", {"id": 1, "amount": "1.5E+2", "utc": "2024-01-02T03:04:05.123+02:00"})
    op.update("t", {"id": 2, "amount": "-0.0005", "flag": "1", "f": 1e39})
    op.update("t", {"id": 3, "day": "0999-12-31", "j": [float("nan")]})
    op.update("t", {"id": 4, "at": "0001-01-01T00:00:00", "f": -0.0})
    op.delete("t", {"id": 5})
    op.update("t", {"id": 99, "amount": "1"})
    op.checkpoint({"phase": 2})


connector = Connector(update=update, schema=schema)
