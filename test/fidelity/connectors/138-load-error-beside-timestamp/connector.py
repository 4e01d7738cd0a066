# A load error (40000 in a SHORT column) in a column next to UTC_DATETIME and NAIVE_DATETIME columns whose values load
# natively: DuckDB's error quotes the staging statement around the failing column, timestamps' casts included.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "readings", "primary_key": ["id"],
             "columns": {"id": "INT", "at": "UTC_DATETIME", "local": "NAIVE_DATETIME", "level": "SHORT"}}]


def update(configuration, state):
    op.upsert("readings", {"id": 1, "at": "2024-01-02T03:04:05Z", "local": "2024-01-02T03:04:05", "level": 7})
    op.upsert("readings", {"id": 2, "at": "2024-01-02T03:04:06Z", "local": "2024-01-02T03:04:06", "level": 40000})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
