# Rows that send Fivetran's own column names: _fivetran_synced, _fivetran_deleted and _fivetran_id in a key-less
# table, _FIVETRAN_SYNCED and "Fivetran Deleted" in another, and DuckDB's pseudo-columns rowid and oid. The
# system values win; the columns stand where the rows first put them.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1, "_fivetran_synced": "2020-01-01T00:00:00Z", "_fivetran_deleted": True, "_fivetran_id": "mine"})
    op.upsert("t", {"id": 2, "_fivetran_id": "mine", "v": "x"})
    op.upsert("u", {"id": 1, "_FIVETRAN_SYNCED": "x", "Fivetran Deleted": "y", "rowid": 5, "oid": 6})
    op.upsert("k", {"id": 1, "_fivetran_synced": None})
    op.checkpoint({})
    op.upsert("k", {"id": 2, "_fivetran_deleted": "no", "w": 1})
    op.checkpoint({})


connector = Connector(update=update)
