# schema() declares Fivetran's own columns: _fivetran_deleted (STRING) beside a key named rowid, where the SDK
# keeps the declared type and a delete writes 'true' into it as text; _fivetran_id (INT) in a key-less table;
# _fivetran_synced (STRING, and NAIVE_DATETIME before the key), which stays the sync time.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "k", "primary_key": ["rowid"], "columns": {"rowid": "INT", "_fivetran_deleted": "STRING"}},
        {"table": "a", "primary_key": ["id"], "columns": {"id": "INT", "_fivetran_synced": "STRING"}},
        {"table": "b", "columns": {"_fivetran_id": "INT", "v": "STRING"}},
        {"table": "c", "primary_key": ["id"], "columns": {"_fivetran_synced": "NAIVE_DATETIME", "id": "INT"}},
    ]


def update(configuration, state):
    op.upsert("k", {"rowid": 1, "_fivetran_deleted": "no"})
    op.upsert("k", {"rowid": 2})
    op.delete("k", {"rowid": 1})
    op.upsert("a", {"id": 1, "_fivetran_synced": "mine"})
    op.upsert("b", {"_fivetran_id": 5, "v": "x"})
    op.upsert("c", {"id": 1})
    op.checkpoint({})
    op.update("a", {"id": 1, "_fivetran_deleted": True})
    op.upsert("c", {"id": 2, "_fivetran_synced": "2020-01-01T00:00:00"})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
