# primary_key given as a str ("id") rather than a list: iterated, each character names a key column ("i" and
# "d"), and a declared column is a key when its name is in the text ("id" in "id"): the SDK's key is (i, d, id).
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
