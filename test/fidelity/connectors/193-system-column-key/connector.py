# Fivetran's own columns as primary key columns: _fivetran_synced alone, and _fivetran_deleted beside id. The SDK
# keys the rows by the values it sets there (the sync time; false), so two rows that differ only in what they
# sent under _fivetran_deleted are one row.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "k", "primary_key": ["_fivetran_synced"]},
        {"table": "d", "primary_key": ["_fivetran_deleted", "id"]},
    ]


def update(configuration, state):
    op.upsert("k", {"_fivetran_synced": "a", "v": 1})
    op.upsert("d", {"_fivetran_deleted": "x", "id": 1})
    op.upsert("d", {"_fivetran_deleted": "y", "id": 1})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
