# A primary key that names one column twice (a copy-paste slip), once in a declared table with types and once in a
# table with a key and no types; upserts, a re-upsert, an update and a delete naming the key.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "users", "primary_key": ["id", "id"], "columns": {"id": "INT", "name": "STRING"}},
            {"table": "events", "primary_key": ["kind", "seq", "kind"]}]


def update(configuration, state):
    for i in range(3):
        op.upsert("users", {"id": i, "name": "u%d" % i})
        op.upsert("events", {"kind": "click", "seq": i, "at": "2024-01-0%dT00:00:00Z" % (i + 1)})
    op.checkpoint({"page": 1})
    op.upsert("users", {"id": 1, "name": "again"})
    op.update("users", {"id": 2, "name": "updated"})
    op.delete("users", {"id": 0})
    op.update("events", {"kind": "click", "seq": 1, "at": None})
    op.delete("events", {"kind": "click", "seq": 2})
    op.checkpoint({"page": 2})


connector = Connector(update=update, schema=schema)
