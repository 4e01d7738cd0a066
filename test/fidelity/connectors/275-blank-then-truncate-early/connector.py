"""Rows with "" in a column no row has typed yet, recorded before and after a truncate, then an early write (4,200
rows of another table), then the rows that type the column: the SDK's one write keeps every "" and deletes the rows
recorded before the truncate."""
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"]}, {"table": "o", "primary_key": ["id"]}]


def update(configuration, state):
    for i in range(5):
        op.upsert("t", {"id": i, "v": "first"})
    op.checkpoint({"c": 1})
    op.upsert("t", {"id": 10, "note": ""})
    op.truncate("t")
    op.upsert("t", {"id": 11, "note": ""})
    op.update("t", {"id": 2, "note": ""})
    for i in range(4200):
        op.upsert("o", {"id": i})
    op.upsert("t", {"id": 12, "note": "typed now"})
    op.checkpoint({"c": 2})


connector = Connector(update=update, schema=schema)
