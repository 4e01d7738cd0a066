# primary_key given as a str ("id") rather than a list: both engines iterate it, so each character names a key
# column ("i" and "d"); rows carrying those columns, and a declared table whose columns are only typed.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "t", "primary_key": "id", "columns": {"id": "INT", "i": "INT", "d": "STRING"}},
    ]


def update(configuration, state):
    op.upsert("t", {"id": 1, "i": 1, "d": "a"})
    op.upsert("t", {"id": 2, "i": 1, "d": "a"})
    op.upsert("t", {"id": 3, "i": 2, "d": "a"})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
